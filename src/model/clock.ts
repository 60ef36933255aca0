/**
 * Injected time. Market time comes from a clock the venue drives: bar
 * timestamps in replay, wall time live. Heartbeats, telemetry cadence and
 * daily-loss windows read it; tests control it.
 *
 * @module
 */

/** Source of the current market time in epoch milliseconds. */
export interface Clock {
  /** Current time, epoch milliseconds UTC. */
  now(): number;
}

/** A clock that only moves when told to; replay venues and tests drive it. */
export class ManualClock implements Clock {
  #now: number;

  /** Creates a clock reading `start` (epoch ms). */
  constructor(start = 0) {
    this.#now = start;
  }

  /** Current time, epoch milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Moves the clock to `ts`; time never goes backwards, so an earlier `ts` is ignored. */
  set(ts: number): void {
    if (ts > this.#now) this.#now = ts;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms > 0) this.#now += ms;
  }
}

/** The system wall clock, for live venues. */
export class WallClock implements Clock {
  /** Current wall time, epoch milliseconds. */
  now(): number {
    return Date.now();
  }
}
