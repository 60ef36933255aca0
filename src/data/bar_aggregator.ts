/**
 * Aggregation of venue bars (IB's 5-second real-time bars, a replay's
 * 1-minute bars) into the graph's bar size, on the venue's trading calendar.
 *
 * @module
 */
import type { TradingCalendar } from "../calendar/mod.ts";
import type { Bar } from "../model/mod.ts";
import { type BarPeriod, BarPeriods } from "./_bar_periods.ts";

/** Options of {@link BarAggregator}. */
export interface BarAggregatorOptions {
  /**
   * The market's sessions: periods never span a session's open or close, and
   * a day's bar is its session. Absent: continuous time, periods of the bar
   * size aligned to UTC (the synthetic feed's time).
   */
  readonly calendar?: TradingCalendar;
}

/**
 * Accumulates source bars of one symbol into bars of `targetMs`.
 *
 * Periods are those of `barStart` (aligned to UTC), cut at the open and the
 * close of every session of the calendar, so no bar mixes two sessions, or a
 * session and the hours around it; bars of a day or longer are built from
 * whole sessions (one daily bar per session, stamped with its date at 00:00
 * UTC) and leave out the source bars outside sessions (extended hours);
 * daily source bars count for their date (a week of them is a weekly bar).
 * Without a calendar, periods are plain UTC-aligned periods.
 *
 * A target bar is emitted as soon as the source bar that completes its period
 * arrives (source `ts + sourceMs` reaches the period end, so the period that
 * ends at a session's close goes out with the session's last bar), or, when
 * source bars are missing, when the first bar of a later period arrives. The
 * emitted bar's `ts` is the period start (the session open for a period cut
 * by it); open is the first source open, close the last close, high/low the
 * extremes, volume the sum. {@link BarAggregator.flush} emits the period still
 * open when the data ends; {@link BarAggregator.reset} drops it.
 *
 * @example
 * ```ts
 * const daily = new BarAggregator(3_600_000, 86_400_000, { calendar: US_EQUITIES_CALENDAR });
 * for (const bar of hourlyBars) daily.push(bar, deliver); // each session's bar with its last hour
 * daily.flush(deliver);                                   // the end of the data ends its period
 * ```
 */
export class BarAggregator {
  #sourceMs: number;
  #periods: BarPeriods;
  /** The period being built, until it is emitted. */
  #period: BarPeriod | undefined;
  #symbol = "";
  #open = 0;
  #high = 0;
  #low = 0;
  #close = 0;
  #volume = 0;

  /** Creates an aggregator from `sourceMs` bars into `targetMs` bars (a multiple of it). */
  constructor(sourceMs: number, targetMs: number, options: BarAggregatorOptions = {}) {
    if (!(sourceMs > 0) || targetMs % sourceMs !== 0) {
      throw new RangeError(
        `cannot aggregate ${sourceMs} ms bars into ${targetMs} ms bars: the bar size must be a multiple of the source bar size`,
      );
    }
    this.#sourceMs = sourceMs;
    this.#periods = new BarPeriods(sourceMs, targetMs, options.calendar);
  }

  /**
   * Adds a source bar; calls `emit` with every target bar it completes (zero,
   * one, or two when a gap closes a partial period and the new bar completes its own).
   */
  push(bar: Bar, emit: (bar: Bar) => void): void {
    let period = this.#period;
    if (period === undefined || bar.ts < period.from || bar.ts >= period.to) {
      if (period !== undefined && bar.ts < period.from) return; // late bar of an emitted period
      const next = this.#periods.periodOf(bar.ts);
      // The next session of a bar longer than a day continues it; anything else ends it.
      if (period !== undefined && next?.start !== period.start) this.flush(emit);
      period = next;
      if (period === undefined) return; // outside sessions, for a bar of a day or longer
      if (this.#period === undefined) this.#begin(bar);
      this.#period = period;
    }
    if (bar.high > this.#high) this.#high = bar.high;
    if (bar.low < this.#low) this.#low = bar.low;
    this.#close = bar.close;
    this.#volume += bar.volume;
    if (bar.ts + this.#sourceMs >= period.end) this.flush(emit);
  }

  #begin(bar: Bar): void {
    this.#symbol = bar.symbol;
    this.#open = bar.open;
    this.#high = bar.high;
    this.#low = bar.low;
    this.#volume = 0;
  }

  /** Emits the bar of the period still open (the data ended before it did), if there is one. */
  flush(emit: (bar: Bar) => void): void {
    const period = this.#period;
    if (period === undefined) return;
    this.#period = undefined;
    emit({
      symbol: this.#symbol,
      ts: period.start,
      open: this.#open,
      high: this.#high,
      low: this.#low,
      close: this.#close,
      volume: this.#volume,
    });
  }

  /** Drops any partially built bar. */
  reset(): void {
    this.#period = undefined;
  }
}
