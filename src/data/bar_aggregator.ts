/**
 * Aggregation of venue bars (e.g. IB's 5-second real-time bars) into the
 * graph's bar size.
 *
 * @module
 */
import { type Bar, barStart } from "../model/mod.ts";

/**
 * Accumulates source bars of one symbol into bars of `targetMs`.
 *
 * A target bar is emitted as soon as the source bar that completes its period
 * arrives (source `ts + sourceMs` reaches the period end), or, when source bars
 * are missing, when the first bar of a later period arrives. The emitted bar's
 * `ts` is the period start; open is the first source open, close the last
 * close, high/low the extremes, volume the sum. An incomplete period at the
 * end of the data is discarded by {@link BarAggregator.reset}.
 */
export class BarAggregator {
  #sourceMs: number;
  #targetMs: number;
  #periodStart = Number.NaN;
  #symbol = "";
  #open = 0;
  #high = 0;
  #low = 0;
  #close = 0;
  #volume = 0;

  /** Creates an aggregator from `sourceMs` bars into `targetMs` bars (a multiple of it). */
  constructor(sourceMs: number, targetMs: number) {
    if (!(sourceMs > 0) || targetMs % sourceMs !== 0) {
      throw new RangeError(
        `cannot aggregate ${sourceMs} ms bars into ${targetMs} ms bars: the bar size must be a multiple of the source bar size`,
      );
    }
    this.#sourceMs = sourceMs;
    this.#targetMs = targetMs;
  }

  /**
   * Adds a source bar; calls `emit` with every target bar it completes (zero,
   * one, or two when a gap closes a partial period and the new bar completes its own).
   */
  push(bar: Bar, emit: (bar: Bar) => void): void {
    const period = barStart(bar.ts, this.#targetMs);
    if (period !== this.#periodStart) {
      if (!Number.isNaN(this.#periodStart)) {
        if (period < this.#periodStart) return; // late bar of an emitted period
        emit(this.#build());
      }
      this.#periodStart = period;
      this.#symbol = bar.symbol;
      this.#open = bar.open;
      this.#high = bar.high;
      this.#low = bar.low;
      this.#volume = 0;
    } else {
      if (bar.high > this.#high) this.#high = bar.high;
      if (bar.low < this.#low) this.#low = bar.low;
    }
    this.#close = bar.close;
    this.#volume += bar.volume;
    if (bar.ts + this.#sourceMs >= period + this.#targetMs) {
      emit(this.#build());
      this.#periodStart = Number.NaN;
    }
  }

  /** Drops any partially built bar. */
  reset(): void {
    this.#periodStart = Number.NaN;
  }

  #build(): Bar {
    return {
      symbol: this.#symbol,
      ts: this.#periodStart,
      open: this.#open,
      high: this.#high,
      low: this.#low,
      close: this.#close,
      volume: this.#volume,
    };
  }
}
