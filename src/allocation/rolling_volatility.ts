/**
 * Realized volatility of log returns over a rolling window, O(1) per close.
 *
 * @module
 */

const DAY_MS = 86_400_000;
const TRADING_DAYS = 252;
const SESSION_MS = 6.5 * 3_600_000;

/**
 * The factor that annualises a per-bar volatility, in trading time: `sqrt(252)`
 * for daily bars (one trading day each), `sqrt(252 x 6.5 h / barSize)` for
 * intraday bars (a 6.5 hour US session), and for bars longer than a day, which
 * span calendar days, `sqrt(252 / (days x 5/7))`: a weekly bar holds five
 * trading days, about 50 a year.
 *
 * @example
 * ```ts
 * annualizationFactor(86_400_000); // sqrt(252) ~ 15.87
 * annualizationFactor(60_000);     // sqrt(252 x 390) ~ 313.5
 * annualizationFactor(7 * 86_400_000); // sqrt(50.4) ~ 7.10
 * ```
 */
export function annualizationFactor(barSizeMs: number): number {
  if (!(barSizeMs > 0)) throw new RangeError(`bar size ${barSizeMs} ms must be > 0`);
  if (barSizeMs < DAY_MS) return Math.sqrt(TRADING_DAYS * SESSION_MS / barSizeMs);
  if (barSizeMs === DAY_MS) return Math.sqrt(TRADING_DAYS);
  const tradingDaysPerBar = (barSizeMs / DAY_MS) * (5 / 7);
  return Math.sqrt(TRADING_DAYS / tradingDaysPerBar);
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
