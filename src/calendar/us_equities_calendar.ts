/**
 * The US equities calendar: NYSE regular hours (09:30-16:00 America/New_York,
 * 13:00 on early-close days), weekends, NYSE holidays and unscheduled
 * closures.
 *
 * Why a table of our own and not a library (evaluated on npm, 2026-12):
 * - `nyse-holidays` (1.2.0, last published 2024-12, one maintainer, depends
 *   on dayjs) models the full-day holidays including Good Friday and the
 *   Saturday New Year's rule, but no unscheduled closures (no 2001-09-11,
 *   Sandy, Bush or Carter), no early closes and no session hours, and it
 *   returns dates in the machine's local time zone.
 * - `trading-calendar` (1.1.1, luxon) hard-codes the days of 2021 and 2022 only.
 * - `date-holidays` (3.37.0, js-yaml, lodash and more, ~12 MB) knows public
 *   holidays by country, not exchange calendars: no Good Friday for the US,
 *   federal holidays the NYSE trades on, no closures or early closes.
 * None fits, so the rules are code (`_nyse_rules.ts`: a year's holidays and
 * early closes from NYSE Rule 7.2, unscheduled closures as a dated table)
 * and time zones come from `Intl.DateTimeFormat` ("America/New_York"), so
 * DST follows the platform's time zone database. The tests check every
 * NYSE holiday and early close of 2013-2026 against the exchange's
 * published schedules. An unscheduled closure is added to the table when
 * the NYSE announces it; until then the day counts as a trading day.
 *
 * @module
 */
import { dayNumber, isoOfDayNumber, weekdayOf, yearOf } from "./_day_number.ts";
import { DaySessionCalendar } from "./_day_sessions.ts";
import { nyseYear } from "./_nyse_rules.ts";
import { ZonedTime } from "./_zoned_time.ts";
import type { TradingCalendar, TradingSession } from "./trading_calendar.ts";

/** Regular session: 09:30-16:00 New York time, in minutes after midnight. */
const OPEN_MINUTE = 9 * 60 + 30;
const CLOSE_MINUTE = 16 * 60;
const EARLY_CLOSE_MINUTE = 13 * 60;

const NEW_YORK = new ZonedTime("America/New_York");

/**
 * The year US equity volatility is annualised over: 252 trading days, the
 * market's convention (the NYSE holds 250 to 252 sessions a year).
 */
const TRADING_DAYS_PER_YEAR = 252;

/** Sessions by day number (null: no session), filled a year at a time. */
const sessions = new Map<number, TradingSession | null>();

function sessionOfDay(day: number): TradingSession | undefined {
  let session = sessions.get(day);
  if (session === undefined) {
    fillYear(yearOf(day));
    session = sessions.get(day) ?? null;
  }
  return session ?? undefined;
}

function fillYear(year: number): void {
  const { closures, earlyCloses } = nyseYear(year);
  for (let day = dayNumber(year, 1, 1); day < dayNumber(year + 1, 1, 1); day++) {
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6 || closures.has(day)) {
      sessions.set(day, null);
      continue;
    }
    const earlyClose = earlyCloses.has(day);
    sessions.set(day, {
      date: isoOfDayNumber(day),
      open: NEW_YORK.epochOf(day, OPEN_MINUTE),
      close: NEW_YORK.epochOf(day, earlyClose ? EARLY_CLOSE_MINUTE : CLOSE_MINUTE),
      earlyClose,
    });
  }
}

/**
 * US equities (NYSE, and the SMART-routed US stocks the IBKR venue trades):
 * regular sessions 09:30-16:00 New York time, DST-correct; closed on
 * weekends, NYSE holidays and unscheduled closures; 13:00 closes on the
 * NYSE early-close days. Rules are exact from 1999; earlier years follow the
 * same rules. Extended hours (pre-market, after-hours) do not count as
 * trading time. A year is 252 sessions: 252 daily bars, 252 x 390
 * one-minute bars.
 *
 * @example
 * ```ts
 * US_EQUITIES_CALENDAR.isTradingDay("2025-01-09");      // false: day of mourning for Jimmy Carter
 * US_EQUITIES_CALENDAR.nextSessionOpen(Date.UTC(2024, 2, 9)); // Mon 2024-03-11 09:30 EDT = 13:30 UTC
 * US_EQUITIES_CALENDAR.tradingTimeBetween(
 *   Date.UTC(2024, 0, 5, 20, 59), Date.UTC(2024, 0, 8, 14, 31), // Fri 15:59 .. Mon 09:31 EST
 * );                                                    // 120000: one minute each side
 * ```
 */
export const US_EQUITIES_CALENDAR: TradingCalendar = new DaySessionCalendar(
  "us_equities",
  sessionOfDay,
  { sessionsPerYear: TRADING_DAYS_PER_YEAR },
);
