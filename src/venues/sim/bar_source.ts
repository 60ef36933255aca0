/**
 * Where the simulated venue's bars come from: one time-ordered stream per
 * symbol. The replay merges the streams of the subscribed symbols by time
 * (see {@link BarMerger}); bars with equal timestamps come out in subscription
 * order.
 *
 * Implementations: {@link SyntheticBarSource} (seeded GBM), CSV replay
 * ({@link loadCsvBarSource}) and {@link ArrayBarSource} (prebuilt arrays).
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";

/**
 * A cursor over one symbol's bars, in strictly increasing `ts`. Each call
 * returns the next bar, or `undefined` once the data has ended (and on every
 * call after that).
 */
export interface BarStream {
  /** The next bar, or `undefined` at the end of the data. */
  next(): Bar | undefined;
}

/** A set of per-symbol bar streams plus the history that precedes them. */
export interface BarSource {
  /** Short description for messages, e.g. `"synthetic GBM (seed 42)"` or `"CSV files"`. */
  readonly description: string;
  /** Whether this source has bars for `symbol`. */
  has(symbol: string): boolean;
  /**
   * A fresh stream of `symbol`'s bars from the beginning.
   *
   * @throws {RangeError} when the source has no data for `symbol`; the message
   * names the symbol and what the source does have.
   */
  open(symbol: string): BarStream;
  /**
   * Up to `count` bars of `barSizeMs` that precede the first replay bar, oldest
   * first. Sources without earlier data return `[]`.
   *
   * @throws {RangeError} when the source has no data for `symbol`.
   */
  history(symbol: string, count: number, barSizeMs: number): Bar[];
  /** Timestamp of the earliest bar of any symbol, or `undefined` when there is none. */
  firstTimestamp(): number | undefined;
}
