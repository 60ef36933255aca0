/**
 * What the envelope cut: targets a strategy asked for that its capital
 * envelope (max_size, max_notional) or a REDUCING trading state clipped,
 * counted from the run's `order_clipped` events, so the summary says why a
 * strategy holds 50 shares when its params say 100.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { TelemetryEvent } from "../model/mod.ts";

interface ClipCount {
  count: number;
  /** The largest target asked (absolute shares). */
  largestAsked: number;
  /** The envelope value of the limit when it is a size, for the message. */
  limitValue?: string;
}

/** Counts clipped targets per strategy and limit while a run goes. */
export class ClipNotes {
  #counts = new Map<string, Map<string, ClipCount>>();

  /** Starts counting on `bus`; returns the function that stops. */
  listen(bus: TradingBus): () => void {
    return bus.subscribe("telemetry", (event) => this.#record(event));
  }

  #record(event: TelemetryEvent): void {
    if (event.event !== "order_clipped" || event.strategy_id === undefined) return;
    const limit = String(event.limit ?? "envelope");
    const byLimit = this.#counts.get(event.strategy_id) ?? new Map<string, ClipCount>();
    this.#counts.set(event.strategy_id, byLimit);
    const entry = byLimit.get(limit) ?? { count: 0, largestAsked: 0 };
    entry.count++;
    const asked = Math.abs(Number(event.requested_target));
    if (Number.isFinite(asked)) entry.largestAsked = Math.max(entry.largestAsked, asked);
    const value = limit === "max_size"
      ? event.max_size
      : limit === "max_notional"
      ? event.max_notional
      : undefined;
    if (value !== undefined) entry.limitValue = String(value);
    byLimit.set(limit, entry);
  }

  /**
   * A blank line, then one line per strategy whose targets were clipped and
   * a pointer to the settings, or "" when none was:
   * `clipped: aapl_sma: 50 targets cut to max_size 50 (asked up to 100)`.
   */
  format(): string {
    const lines: string[] = [];
    for (const [strategyId, byLimit] of [...this.#counts].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = [...byLimit].map(([limit, entry]) => {
        const targets = `${entry.count.toLocaleString("en-US")} ${
          entry.count === 1 ? "target" : "targets"
        }`;
        if (limit === "reducing") return `${targets} cut to flat while trading was REDUCING`;
        const to = entry.limitValue === undefined ? limit : `${limit} ${entry.limitValue}`;
        return `${targets} cut to ${to} (asked up to ${
          entry.largestAsked.toLocaleString("en-US")
        })`;
      });
      lines.push(`clipped: ${strategyId}: ${parts.join("; ")}`);
    }
    if (lines.length === 0) return "";
    return `\n${
      lines.join("\n")
    }\n(the capital envelope: sizing, capital_policy; see order_clipped events in the log)\n`;
  }
}
