/**
 * A sliding-window order counter in market time.
 *
 * @module
 */

/**
 * Counts orders in the sliding window `(ts - windowMs, ts]` with a ring buffer
 * of the last `maxOrders` timestamps: O(1) per query and per record.
 *
 * @example
 * ```ts
 * const window = new OrderRateWindow(120); // 120 orders per minute
 * if (!window.isFull(ts)) window.record(ts);
 * ```
 */
export class OrderRateWindow {
  /** Largest number of orders allowed within one window. */
  readonly maxOrders: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
  #times: Float64Array;
  #next = 0;
  #count = 0;

  /** A window of `windowMs` (default one minute) allowing `maxOrders` orders. */
  constructor(maxOrders: number, windowMs = 60_000) {
    if (!Number.isInteger(maxOrders) || maxOrders < 1) {
      throw new RangeError(`maxOrders is ${maxOrders}, must be an integer >= 1`);
    }
    if (!(windowMs > 0)) throw new RangeError(`windowMs is ${windowMs}, must be > 0`);
    this.maxOrders = maxOrders;
    this.windowMs = windowMs;
    this.#times = new Float64Array(maxOrders);
  }

  /** True when `maxOrders` orders already fall inside the window ending at `ts`. */
  isFull(ts: number): boolean {
    if (this.#count < this.maxOrders) return false;
    // The oldest of the last maxOrders records sits where the next one goes.
    return (this.#times[this.#next] as number) > ts - this.windowMs;
  }

  /** Number of recorded orders inside the window ending at `ts` (O(maxOrders), for reports). */
  countAt(ts: number): number {
    let count = 0;
    const held = Math.min(this.#count, this.maxOrders);
    for (let i = 0; i < held; i++) {
      const time = this.#times[i] as number;
      if (time > ts - this.windowMs && time <= ts) count += 1;
    }
    return count;
  }

  /** Records an order at `ts`. */
  record(ts: number): void {
    this.#times[this.#next] = ts;
    this.#next = (this.#next + 1) % this.maxOrders;
    if (this.#count < this.maxOrders) this.#count += 1;
  }
}
