/**
 * The bounded first-in-first-out queue that holds a symbol's completed bars
 * while the market data service has no bar handler yet.
 *
 * @module
 */
import type { Bar } from "../model/mod.ts";

/** Drop-oldest queue of bars, each tagged with its arrival number across all symbols. */
export class BarBacklog {
  #bars: Bar[] = [];
  #arrivals: number[] = [];
  #head = 0;
  #capacity: number;

  /** Creates an empty backlog holding at most `capacity` bars (a positive integer). */
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`bar buffer capacity must be a positive integer, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  /** Bars waiting. */
  get size(): number {
    return this.#bars.length - this.#head;
  }

  /** Arrival number of the oldest bar waiting; Infinity when empty. */
  get headArrival(): number {
    return this.#head < this.#arrivals.length
      ? this.#arrivals[this.#head] as number
      : Number.POSITIVE_INFINITY;
  }

  /** Appends `bar`; when full, drops the oldest bar first. Returns true when it dropped one. */
  push(bar: Bar, arrival: number): boolean {
    let dropped = false;
    if (this.size >= this.#capacity) {
      this.#head++;
      dropped = true;
    }
    this.#bars.push(bar);
    this.#arrivals.push(arrival);
    this.#compact();
    return dropped;
  }

  /** Removes and returns the oldest bar; undefined when empty. */
  shift(): Bar | undefined {
    if (this.#head >= this.#bars.length) return undefined;
    const bar = this.#bars[this.#head] as Bar;
    this.#head++;
    this.#compact();
    return bar;
  }

  /** Drops every bar waiting; returns how many there were. */
  clear(): number {
    const size = this.size;
    this.#bars = [];
    this.#arrivals = [];
    this.#head = 0;
    return size;
  }

  /** Keeps the consumed prefix from growing without bound (amortised O(1) per bar). */
  #compact(): void {
    if (this.#head === this.#bars.length) {
      this.#bars.length = 0;
      this.#arrivals.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#bars.length) {
      this.#bars.splice(0, this.#head);
      this.#arrivals.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
