/**
 * Realized volatility of log returns over a rolling window, O(1) per close.
 *
 * @module
 */
import type { TradingCalendar } from "../calendar/mod.ts";

/**
 * The factor that annualises a per-bar volatility on the bars' market: the
 * square root of the bars of `barSizeMs` that `calendar` produces in a year
 * ({@link TradingCalendar.barsPerYear}), since the variances of a year's
 * independent bar returns add up. US equities count 252 trading days of
 * 6.5 hours: `sqrt(252)` for daily bars, `sqrt(252 x 390)` for one-minute
 * bars, `sqrt(252 x 7)` for hourly ones (the 09:30-10:00 bar is one of seven),
 * about `sqrt(52.3)` for weekly ones (five trading days less holidays);
 * always open (the synthetic feed) counts 365.25 days of 24 hours:
 * `sqrt(525 960)` for one-minute bars.
 *
 * @throws {RangeError} when `barSizeMs` is not a positive number.
 * @example
 * ```ts
 * annualizationFactor(86_400_000, US_EQUITIES_CALENDAR); // sqrt(252) ~ 15.87
 * annualizationFactor(60_000, US_EQUITIES_CALENDAR);     // sqrt(252 x 390) ~ 313.5
 * annualizationFactor(60_000, ALWAYS_OPEN_CALENDAR);     // sqrt(365.25 x 1440) ~ 725.2
 * ```
 */
export function annualizationFactor(
  barSizeMs: number,
  calendar: Pick<TradingCalendar, "barsPerYear">,
): number {
  return Math.sqrt(calendar.barsPerYear(barSizeMs));
}

/**
 * Sample standard deviation (n - 1) of the last `lookback` log returns
 * `ln(close_t / close_t-1)`. Needs `lookback + 1` closes before it is ready.
 * Running sums give O(1) updates; they are recomputed exactly once per
 * `lookback` updates so float drift cannot accumulate.
 *
 * @example
 * ```ts
 * const vol = new RollingVolatility(20);
 * vol.observe(100); vol.observe(101); // ...
 * vol.periodVolatility(); // undefined until 20 returns are in
 * ```
 */
export class RollingVolatility {
  /** Number of returns in the window. */
  readonly lookback: number;
  #returns: Float64Array;
  #next = 0;
  #count = 0;
  #sum = 0;
  #sumSquares = 0;
  #sinceExact = 0;
  #lastClose: number | undefined;

  /** A window of `lookback` (>= 2) returns. */
  constructor(lookback: number) {
    if (!Number.isInteger(lookback) || lookback < 2) {
      throw new RangeError(`lookback is ${lookback}, must be an integer >= 2`);
    }
    this.lookback = lookback;
    this.#returns = new Float64Array(lookback);
  }

  /** Returns held so far (at most `lookback`). */
  get count(): number {
    return this.#count;
  }

  /** Whether the window is full. */
  get ready(): boolean {
    return this.#count >= this.lookback;
  }

  /** Feeds one close; non-finite or non-positive closes are ignored. */
  observe(close: number): void {
    if (!(close > 0) || !Number.isFinite(close)) return;
    const previous = this.#lastClose;
    this.#lastClose = close;
    if (previous === undefined) return;
    const value = Math.log(close / previous);
    const slot = this.#next;
    if (this.#count === this.lookback) {
      const old = this.#returns[slot] as number;
      this.#sum -= old;
      this.#sumSquares -= old * old;
    } else {
      this.#count += 1;
    }
    this.#returns[slot] = value;
    this.#sum += value;
    this.#sumSquares += value * value;
    this.#next = (slot + 1) % this.lookback;
    this.#sinceExact += 1;
    if (this.#sinceExact >= this.lookback) this.#recomputeSums();
  }

  /** Per-bar volatility of the window, or `undefined` until it is full. */
  periodVolatility(): number | undefined {
    if (!this.ready) return undefined;
    const n = this.#count;
    const variance = (this.#sumSquares - (this.#sum * this.#sum) / n) / (n - 1);
    return Math.sqrt(Math.max(variance, 0));
  }

  #recomputeSums(): void {
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < this.#count; i++) {
      const value = this.#returns[i] as number;
      sum += value;
      sumSquares += value * value;
    }
    this.#sum = sum;
    this.#sumSquares = sumSquares;
    this.#sinceExact = 0;
  }
}
