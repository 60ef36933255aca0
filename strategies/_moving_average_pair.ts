/**
 * A fast and a slow simple moving average over one price series, updated in
 * O(1) per price with one ring buffer and two running sums. Private helper of
 * the `sma` strategy (files starting with `_` are not strategy types).
 *
 * @module
 */

/**
 * Fast and slow SMAs of the last `fast` and `slow` prices (`fast < slow`).
 * The fast window is the tail of the slow window, so one buffer serves both.
 * The running sums are recomputed from the buffer once per `slow` prices,
 * which keeps float drift from accumulating (amortised O(1)).
 *
 * @example
 * ```ts
 * const pair = new MovingAveragePair(2, 3);
 * for (const price of [1, 2, 3]) pair.push(price);
 * pair.ready; // true
 * pair.fastAverage; // 2.5
 * pair.slowAverage; // 2
 * ```
 */
export class MovingAveragePair {
  readonly #fast: number;
  readonly #slow: number;
  readonly #window: Float64Array;
  #next = 0;
  #count = 0;
  #fastSum = 0;
  #slowSum = 0;

  /** Creates the pair; `fast` and `slow` are window lengths with `1 <= fast < slow`. */
  constructor(fast: number, slow: number) {
    if (!Number.isInteger(fast) || !Number.isInteger(slow) || fast < 1 || slow <= fast) {
      throw new RangeError(`need integers 1 <= fast < slow, got fast ${fast}, slow ${slow}`);
    }
    this.#fast = fast;
    this.#slow = slow;
    this.#window = new Float64Array(slow);
  }

  /** Adds the next price. */
  push(price: number): void {
    const window = this.#window;
    const next = this.#next;
    let fastLeaving = next - this.#fast;
    if (fastLeaving < 0) fastLeaving += this.#slow;
    // Unwritten slots are 0, so the sums are right before the windows fill too.
    this.#fastSum += price - (window[fastLeaving] as number);
    this.#slowSum += price - (window[next] as number);
    window[next] = price;
    if (this.#count < this.#slow) this.#count++;
    if (next + 1 === this.#slow) {
      this.#next = 0;
      this.#resum();
    } else {
      this.#next = next + 1;
    }
  }

  /** True once `slow` prices have been pushed. */
  get ready(): boolean {
    return this.#count === this.#slow;
  }

  /** Mean of the last `fast` prices. */
  get fastAverage(): number {
    return this.#fastSum / this.#fast;
  }

  /** Mean of the last `slow` prices. */
  get slowAverage(): number {
    return this.#slowSum / this.#slow;
  }

  /** 1 when the fast average is above the slow one, -1 when below, 0 when equal. */
  get direction(): number {
    const difference = this.#fastSum * this.#slow - this.#slowSum * this.#fast;
    return difference > 0 ? 1 : difference < 0 ? -1 : 0;
  }

  /** Recomputes both sums from the buffer; called when `#next` wraps to 0. */
  #resum(): void {
    const window = this.#window;
    let slowSum = 0;
    let fastSum = 0;
    const fastStart = this.#slow - this.#fast;
    for (let i = 0; i < this.#slow; i++) {
      const price = window[i] as number;
      slowSum += price;
      if (i >= fastStart) fastSum += price;
    }
    this.#slowSum = slowSum;
    this.#fastSum = fastSum;
  }
}
