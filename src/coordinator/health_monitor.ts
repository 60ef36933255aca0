/**
 * Health signals: data stalls (heartbeats), repeated errors, venue
 * connectivity and subscription drops, each turned into telemetry.
 *
 * @module
 */
import type { MarketDataService, StallRule } from "../data/mod.ts";
import type { VenueHealthEvent } from "../model/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";

/** Options of a {@link HealthMonitor}. */
export interface HealthMonitorOptions {
  /** Market data service whose symbols are watched for stalls. */
  readonly data: MarketDataService;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Strategy ids watching each symbol. */
  readonly watchers: (symbol: string) => readonly string[];
  /** When a symbol's silence (in its market's trading time) counts as a stall. */
  readonly stall: StallRule;
  /** Errors from one source within `errorWindowMs` that count as repeated; default 3. */
  readonly errorThreshold?: number;
  /** Window of the repeated-error count, market ms; default 60 000. */
  readonly errorWindowMs?: number;
}

/**
 * Watches the run's health. `health.heartbeat_stall` fires once per strategy
 * when a {@link checkHeartbeats} finds that a symbol it watches has had no
 * data for longer than the stall rule's `afterMs` of trading time (nights,
 * weekends and holidays do not count), and `health.heartbeat_recovered` as
 * soon as the symbol's data resumes, before the strategy gets it;
 * `health.repeated_errors`
 * fires once when a source (a strategy's rejected orders, or the venue)
 * reaches the error threshold within the window; venue signals become
 * `health.venue`, and dropped subscriptions `health.subscription_drop`.
 */
export class HealthMonitor {
  #options: HealthMonitorOptions;
  #threshold: number;
  #windowMs: number;
  #errors = new Map<string, number[]>();

  /** Creates the monitor. */
  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#threshold = options.errorThreshold ?? 3;
    this.#windowMs = options.errorWindowMs ?? 60_000;
    options.data.onStallRecovered((symbol) => this.#recovered(symbol));
  }

  /**
   * Checks every subscribed symbol for a stall at market time `now`: a replay
   * calls it whenever market time moves to a new instant (before that
   * instant's bars), a live venue on its wall-clock timer while the market
   * is open.
   */
  checkHeartbeats(now: number): void {
    const { data, telemetry, watchers, stall } = this.#options;
    const stalled = data.checkStalls(now, stall);
    for (const symbol of stalled) {
      for (const strategyId of watchers(symbol)) {
        telemetry.emit("health.heartbeat_stall", {
          symbol,
          stall_after_ms: stall.afterMs,
          calendar: stall.calendar.name,
        }, strategyId);
      }
    }
  }

  /** Counts one error of `source`; reports when it becomes a repeated error. */
  recordError(source: string, ts: number, strategyId?: string): void {
    const times = this.#errors.get(source) ?? [];
    const recent = times.filter((t) => ts - t < this.#windowMs);
    recent.push(ts);
    this.#errors.set(source, recent);
    if (recent.length === this.#threshold) {
      this.#options.telemetry.emit("health.repeated_errors", {
        source,
        count: recent.length,
        window_seconds: this.#windowMs / 1000,
      }, strategyId);
    }
  }

  #recovered(symbol: string): void {
    const { telemetry, watchers } = this.#options;
    for (const strategyId of watchers(symbol)) {
      telemetry.emit("health.heartbeat_recovered", { symbol }, strategyId);
    }
  }

  /** Records a venue signal as telemetry. */
  onVenueHealth(event: VenueHealthEvent): void {
    const fields = {
      kind: event.kind,
      message: event.message,
      code: event.code,
      symbol: event.symbol,
      ...event.detail,
    };
    if (event.kind === "subscription_dropped") {
      this.#options.telemetry.emit("health.subscription_drop", fields);
    } else {
      this.#options.telemetry.emit("health.venue", fields);
    }
    if (event.kind === "error") this.recordError("venue", event.ts);
  }
}
