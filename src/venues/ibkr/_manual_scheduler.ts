/**
 * A {@link Scheduler} whose time only moves when a test says so.
 *
 * @module
 */
import type { Scheduler, TimerHandle } from "./scheduler.ts";

interface Pending {
  readonly handle: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Manual time for unit tests: `advance(ms)` runs every timer that falls due, in time order. */
export class ManualScheduler implements Scheduler {
  #now: number;
  #next = 1;
  #pending: Pending[] = [];

  /** Starts at `start` ms. */
  constructor(start = 0) {
    this.#now = start;
  }

  /** Current manual time. */
  now(): number {
    return this.#now;
  }

  /** Schedules `callback` at now + ms. */
  setTimeout(callback: () => void, ms: number): number {
    const handle = this.#next++;
    this.#pending.push({ handle, at: this.#now + Math.max(0, ms), callback });
    return handle;
  }

  /** Cancels a timer. */
  clearTimeout(handle: TimerHandle): void {
    this.#pending = this.#pending.filter((p) => p.handle !== handle);
  }

  /** Timers not yet run. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Moves time forward by `ms`, running due timers (and timers they schedule) in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    while (true) {
      const due = this.#pending.filter((p) =>
        p.at <= target
      ).sort((a, b) => a.at - b.at || a.handle - b.handle)[0];
      if (due === undefined) {
        break;
      }
      this.#pending = this.#pending.filter((p) =>
        p !== due
      );
      this.#now = due.at;
      due.callback();
    }
    this.#now = target;
  }
}
