/**
 * The bar spacing of recorded data: how far apart a file's rows are, measured
 * so that market closures do not count. Daily bars are counted in trading
 * days of a calendar, the NYSE's by default (Friday to Monday is one bar, not
 * three days, and so is Thursday to Monday over Good Friday); intraday bars are
 * measured only between rows of the same day, so overnight and weekend gaps
 * do not count.
 *
 * Missing bars do not move the spacing either: IB leaves out the minutes of
 * an illiquid stock without trades, so 1-minute bars with 40% of the minutes
 * present have more gaps of 2 minutes and over than of 1 (their median gap
 * is 2 minutes). The spacing is the smallest gap at least half as common as
 * the most common one: with bars missing at random, the true spacing is the
 * most common gap (each longer gap needs one more bar missing), and the
 * smaller of two about equally common gaps is the one to keep.
 *
 * @module
 */
import { type TradingCalendar, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/**
 * Rows a spacing is measured over: the first 5,000 (twenty years of daily
 * bars, thirteen sessions of minute bars), so reading a file's beginning
 * gives the same answer as reading all of it.
 */
export const SPACING_SAMPLE_ROWS = 5_000;

/** Trading days between consecutive rows past which a gap is not looked into day by day. */
const LONGEST_DAY_GAP = 40;

/** How a file's rows are spaced. */
export interface BarSpacing {
  /**
   * `"intraday"` when most rows share their day with the previous row,
   * `"daily"` when rows are a trading day or more apart.
   */
  readonly kind: "intraday" | "daily";
  /**
   * The spacing the rows keep, bars missing aside: ms for intraday rows,
   * trading days for daily rows (see the module docs).
   */
  readonly step: number;
  /**
   * The bar size of that spacing (`5s`, `1m`, `1h`; `1d` for daily rows 1 to
   * 4 trading days apart, as daily bars with days missing are; `7d` for
   * weekly bars), or undefined when no bar size fits: sub-second spacing, or
   * daily rows over 5 trading days apart.
   */
  readonly barSize?: string;
  /** Rows measured. */
  readonly rows: number;
}

/** Options of {@link measureBarSpacing}. */
export interface BarSpacingOptions {
  /**
   * Which days count between daily rows; default {@link US_EQUITIES_CALENDAR}
   * (NYSE weekdays and holidays), the market CSV replays are taken from.
   */
  readonly calendar?: Pick<TradingCalendar, "isTradingDay">;
}

/**
 * The smallest of `values` that occurs at least half as often as the most
 * frequent one (sorts `values`).
 */
function usualGap(values: Float64Array): number {
  values.sort();
  let most = 0;
  for (let start = 0; start < values.length;) {
    let end = start + 1;
    while (end < values.length && values[end] === values[start]) end++;
    if (end - start > most) most = end - start;
    start = end;
  }
  for (let start = 0; start < values.length;) {
    let end = start + 1;
    while (end < values.length && values[end] === values[start]) end++;
    if (2 * (end - start) >= most) return values[start] as number;
    start = end;
  }
  return values[0] as number;
}

/** Trading days among the UTC days `(from, to]` (day numbers), counted up to {@link LONGEST_DAY_GAP}. */
function tradingDaysBetween(
  from: number,
  to: number,
  calendar: Pick<TradingCalendar, "isTradingDay">,
): number {
  let count = 0;
  for (let day = from + 1; day <= to && count < LONGEST_DAY_GAP; day++) {
    if (calendar.isTradingDay(new Date(day * DAY_MS).toISOString().slice(0, 10))) count++;
  }
  return count;
}

function intradayBarSize(ms: number): string | undefined {
  if (ms % SECOND_MS !== 0) return undefined;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  return `${ms / SECOND_MS}s`;
}

/** Trading days apart up to which rows are daily bars with days missing. */
const SPARSE_DAILY_STEP = 4;

function dailyBarSize(tradingDays: number): string | undefined {
  if (tradingDays >= 1 && tradingDays <= SPARSE_DAILY_STEP) return "1d";
  if (tradingDays === 5) return "7d";
  return undefined;
}

/**
 * The spacing of rows at `bars[i].ts` (strictly increasing epoch ms), over
 * the first {@link SPACING_SAMPLE_ROWS}; undefined for fewer than two rows.
 *
 * Rows are intraday when at least a third of consecutive pairs fall on the
 * same UTC day; the spacing is then the usual gap (see the module docs)
 * between such pairs, so overnight, weekend and holiday gaps do not count.
 * Otherwise the spacing is the usual number of trading days from one row to
 * the next (pairs on the same non-trading days, such as Saturday to Sunday,
 * are left out).
 *
 * @example
 * ```ts
 * const days = ["2024-01-05", "2024-01-08", "2024-01-09"].map((d) => ({ ts: Date.parse(d) }));
 * measureBarSpacing(days); // { kind: "daily", step: 1, barSize: "1d", rows: 3 }
 * ```
 */
export function measureBarSpacing(
  bars: readonly { readonly ts: number }[],
  options: BarSpacingOptions = {},
): BarSpacing | undefined {
  const rows = Math.min(bars.length, SPACING_SAMPLE_ROWS);
  if (rows < 2) return undefined;
  const sameDay = new Float64Array(rows - 1);
  const dayGaps = new Float64Array(rows - 1);
  let sameDayCount = 0;
  let dayGapCount = 0;
  const calendar = options.calendar ?? US_EQUITIES_CALENDAR;
  let previous = (bars[0] as { ts: number }).ts;
  let previousDay = Math.floor(previous / DAY_MS);
  for (let i = 1; i < rows; i++) {
    const ts = (bars[i] as { ts: number }).ts;
    const day = Math.floor(ts / DAY_MS);
    if (day === previousDay) sameDay[sameDayCount++] = ts - previous;
    else {
      const tradingDays = tradingDaysBetween(previousDay, day, calendar);
      if (tradingDays > 0) dayGaps[dayGapCount++] = tradingDays;
    }
    previous = ts;
    previousDay = day;
  }
  if (sameDayCount * 3 >= rows - 1) {
    const step = usualGap(sameDay.subarray(0, sameDayCount));
    const barSize = intradayBarSize(step);
    return { kind: "intraday", step, rows, ...(barSize === undefined ? {} : { barSize }) };
  }
  const step = dayGapCount === 0
    ? 0 // every row on a non-trading day (a file of Saturdays): no trading-day spacing
    : usualGap(dayGaps.subarray(0, dayGapCount));
  const barSize = dailyBarSize(step);
  return { kind: "daily", step, rows, ...(barSize === undefined ? {} : { barSize }) };
}

/**
 * The spacing in words, for messages: `daily bars (1d, measured over 2,515
 * rows)`, `daily bars with days missing (1d; rows mostly 2 trading days
 * apart, measured over 300 rows)`, `5m bars (measured over 3,000 rows)`,
 * `bars 21 trading days apart (measured over 60 rows)`.
 */
export function describeBarSpacing(spacing: BarSpacing): string {
  const of = `measured over ${spacing.rows.toLocaleString("en-US")} rows`;
  if (spacing.kind === "daily") {
    if (spacing.barSize === "1d" && spacing.step === 1) return `daily bars (1d, ${of})`;
    if (spacing.barSize === "1d") {
      return `daily bars with days missing (1d; rows mostly ${spacing.step} trading days ` +
        `apart, ${of})`;
    }
    if (spacing.barSize === "7d") return `weekly bars (7d, ${of})`;
    if (spacing.step === 0) return `rows only on weekends or holidays (${of})`;
    return `bars ${spacing.step} trading days apart (${of})`;
  }
  if (spacing.barSize === undefined) return `bars ${spacing.step} ms apart (${of})`;
  return `${spacing.barSize} bars (${of})`;
}
