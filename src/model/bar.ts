/**
 * OHLCV bars, the unit of market data that strategies consume.
 *
 * @module
 */

/**
 * One OHLCV bar of one symbol.
 *
 * `ts` is the bar's start time in epoch milliseconds (UTC); the bar covers
 * `[ts, ts + barSize)`. Prices are `number` because indicator math on the hot
 * path is float math; convert with `toDecimal` before anything reaches a broker.
 */
export interface Bar {
  /** Upper-case ticker, e.g. `"AAPL"`. */
  readonly symbol: string;
  /** Start of the bar, epoch milliseconds UTC. */
  readonly ts: number;
  /** First trade price of the bar. */
  readonly open: number;
  /** Highest trade price of the bar. */
  readonly high: number;
  /** Lowest trade price of the bar. */
  readonly low: number;
  /** Last trade price of the bar. */
  readonly close: number;
  /** Traded volume in shares. */
  readonly volume: number;
}
