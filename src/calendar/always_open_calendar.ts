/**
 * A calendar without closed time, for data that runs in continuous time
 * (the synthetic GBM feed) and for tests.
 *
 * @module
 */
import { positiveBarSize } from "./_bar_count.ts";
import { DAY_MS, dayNumberOfIso, dayNumberOfMs, isoOfDayNumber } from "./_day_number.ts";
import type { TradingCalendar, TradingSession } from "./trading_calendar.ts";

/** Days in the always-open year: the mean Gregorian-Julian year of continuous time. */
const DAYS_PER_YEAR = 365.25;

function finite(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`instant must be finite epoch ms, got ${ms}`);
  return ms;
}

/**
 * Every instant is trading time: each UTC day is one session from midnight
 * to midnight, so `tradingTimeBetween` is plain elapsed time and
 * `tradingDaysBetween` counts the UTC midnights passed. Stall detection on
 * this calendar is what it was before calendars. Its year is 365.25 days of
 * 24 hours, so a bar of `barSizeMs` comes `365.25 x 86 400 000 / barSizeMs`
 * times a year.
 *
 * @example
 * ```ts
 * ALWAYS_OPEN_CALENDAR.tradingTimeBetween(0, 90_000); // 90000
 * ALWAYS_OPEN_CALENDAR.isTradingDay("2024-12-25");    // true
 * ALWAYS_OPEN_CALENDAR.barsPerYear(60_000);           // 525960
 * ```
 */
export const ALWAYS_OPEN_CALENDAR: TradingCalendar = Object.freeze({
  name: "always_open",
  isTradingDay(isoDate: string): boolean {
    dayNumberOfIso(isoDate);
    return true;
  },
  sessionOn(isoDate: string): TradingSession {
    const day = dayNumberOfIso(isoDate);
    return {
      date: isoOfDayNumber(day),
      open: day * DAY_MS,
      close: (day + 1) * DAY_MS,
      earlyClose: false,
    };
  },
  isMarketOpen(ms: number): boolean {
    finite(ms);
    return true;
  },
  nextSessionOpen(ms: number): number {
    return (dayNumberOfMs(finite(ms)) + 1) * DAY_MS;
  },
  tradingTimeBetween(fromMs: number, toMs: number): number {
    return Math.max(0, finite(toMs) - finite(fromMs));
  },
  tradingDaysBetween(fromMs: number, toMs: number): number {
    return Math.max(0, dayNumberOfMs(finite(toMs)) - dayNumberOfMs(finite(fromMs)));
  },
  sessionsPerYear: DAYS_PER_YEAR,
  barsPerYear(barSizeMs: number): number {
    return DAYS_PER_YEAR * DAY_MS / positiveBarSize(barSizeMs);
  },
});
