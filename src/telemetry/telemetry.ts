/**
 * The emitter every component uses to record an observable fact.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { Clock } from "../model/mod.ts";

/**
 * Stamps events with market time and publishes them on the bus topic
 * `telemetry`, where the JSONL writer (and tests) pick them up.
 *
 * @example
 * ```ts
 * telemetry.emit("coordinator.intent_ignored", { symbol: "AAPL", reason: "zero_delta" }, "aapl_fast");
 * ```
 */
export class Telemetry {
  #bus: TradingBus;
  #clock: Clock;

  /** Creates an emitter publishing on `bus`, stamping with `clock`. */
  constructor(bus: TradingBus, clock: Clock) {
    this.#bus = bus;
    this.#clock = clock;
  }

  /** Market time as the emitter stamps it. */
  now(): number {
    return this.#clock.now();
  }

  /**
   * Publishes one event. `fields` must be JSON-serialisable (Decimals are fine:
   * they serialise as strings). Before the venue has started market time (the
   * clock reads no finite time, as the sim venue's does before it connects,
   * e.g. a connection that failed) the event carries wall time. Any finite
   * time is market time, 0 (1970-01-01) and earlier ones included.
   */
  emit(event: string, fields?: Readonly<Record<string, unknown>>, strategyId?: string): void {
    const now = this.#clock.now();
    const ts = Number.isFinite(now) ? now : Date.now();
    this.#bus.publish(
      "telemetry",
      strategyId === undefined
        ? { event, ts, ...fields }
        : { event, ts, strategy_id: strategyId, ...fields },
    );
  }
}
