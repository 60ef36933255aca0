import { deepStrictEqual as assertEquals, ok as assert, throws } from "node:assert/strict";
import { US_EQUITIES_CALENDAR as calendar } from "./us_equities_calendar.ts";
import {
  datesBetween,
  isWeekend,
  newYorkTime,
  NYSE_CLOSED_WEEKDAYS,
  NYSE_EARLY_CLOSES,
  SCHEDULE_YEARS,
} from "./_test_nyse_schedule.ts";

const ALL_DATES = datesBetween(`${SCHEDULE_YEARS.first}-01-01`, `${SCHEDULE_YEARS.last}-12-31`);
const MINUTE = 60_000;

/** Epoch ms of `date` at `time` (HH:MM) UTC. */
function utc(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00Z`);
}

Deno.test("US equities trade on every weekday of 2013-2026 except the NYSE's published closures", () => {
  const closed = new Set(NYSE_CLOSED_WEEKDAYS);
  const wrong = ALL_DATES.filter((date) =>
    calendar.isTradingDay(date) !== (!isWeekend(date) && !closed.has(date))
  );
  assertEquals(wrong, []);
});

Deno.test("US equities close at 13:00 New York time on exactly the NYSE's published early-close days", () => {
  const early = new Set(NYSE_EARLY_CLOSES);
  const wrong = ALL_DATES.flatMap((date) => {
    const session = calendar.sessionOn(date);
    if (session === undefined) return early.has(date) ? [`${date} closed`] : [];
    const expected = early.has(date) ? "13:00" : "16:00";
    const actual = [newYorkTime(session.open), newYorkTime(session.close), session.earlyClose];
    const want = ["09:30", expected, early.has(date)];
    return JSON.stringify(actual) === JSON.stringify(want) ? [] : [`${date} ${actual}`];
  });
  assertEquals(wrong, []);
});

Deno.test("US equities sessions follow New York daylight saving time, including the 2007 rule change", () => {
  const opens = [
    "2024-03-08", // Friday before DST starts: EST
    "2024-03-11", // Monday after: EDT
    "2024-11-01", // Friday before DST ends: EDT
    "2024-11-04", // Monday after: EST
    "2006-03-13", // DST began on April 2 in 2006: still EST
    "2007-03-12", // from 2007 it begins on the second Sunday of March: EDT
  ].map((date) => new Date(calendar.sessionOn(date)?.open ?? Number.NaN).toISOString());
  assertEquals(opens, [
    "2024-03-08T14:30:00.000Z",
    "2024-03-11T13:30:00.000Z",
    "2024-11-01T13:30:00.000Z",
    "2024-11-04T14:30:00.000Z",
    "2006-03-13T14:30:00.000Z",
    "2007-03-12T13:30:00.000Z",
  ]);
});

Deno.test("US equities stay closed on the unscheduled closures and trade around them", () => {
  const closures = [
    "2001-09-11",
    "2001-09-12",
    "2001-09-13",
    "2001-09-14",
    "2004-06-11",
    "2007-01-02",
    "2012-10-29",
    "2012-10-30",
    "2018-12-05",
    "2025-01-09",
  ];
  assertEquals(closures.filter((date) => calendar.isTradingDay(date)), []);
  const around = ["2001-09-10", "2001-09-17", "2004-06-10", "2012-10-26", "2012-10-31"];
  assertEquals(around.filter((date) => !calendar.isTradingDay(date)), []);
});

Deno.test("US equities holiday rules: New Year's on a Saturday is not observed, MLK Day from 1998, Juneteenth from 2022", () => {
  const days = {
    "2010-12-31": true, // Friday; New Year's Day 2011 was a Saturday
    "2021-12-31": true, // Friday; New Year's Day 2022 was a Saturday
    "2027-12-31": true, // Friday; New Year's Day 2028 is a Saturday
    "1997-01-20": true, // third Monday of January, before MLK Day was an NYSE holiday
    "1998-01-19": false,
    "2021-06-18": true, // Friday before Juneteenth 2021 (a Saturday), not yet a holiday
    "2027-06-18": false, // Juneteenth 2027 is a Saturday: observed the Friday before
    "2027-12-24": false, // Christmas 2027 is a Saturday: observed the Friday before
    "2027-07-05": false, // Independence Day 2027 is a Sunday: observed the Monday after
  };
  const actual = Object.fromEntries(
    Object.keys(days).map((date) => [date, calendar.isTradingDay(date)]),
  );
  assertEquals(actual, days);
});

Deno.test("the US equities market is open from 09:30 up to, not including, its close", () => {
  const at = (date: string, time: string) => calendar.isMarketOpen(utc(date, time));
  assertEquals([
    calendar.isMarketOpen(utc("2024-01-02", "14:30") - 1),
    at("2024-01-02", "14:30"),
    calendar.isMarketOpen(utc("2024-01-02", "21:00") - 1),
    at("2024-01-02", "21:00"),
    at("2024-07-03", "16:59"), // 12:59 EDT on an early-close day
    at("2024-07-03", "17:00"), // 13:00 EDT
    at("2024-07-04", "15:00"), // Independence Day
    at("2024-01-06", "15:00"), // a Saturday
  ], [false, true, true, false, true, false, false, false]);
});

Deno.test("US equities trading time counts only time inside sessions", () => {
  const between = (from: number, to: number) => calendar.tradingTimeBetween(from, to) / MINUTE;
  // Friday 15:59 EST to Monday 09:31 EST: one minute on each side of the weekend.
  assertEquals(between(utc("2024-01-05", "20:59"), utc("2024-01-08", "14:31")), 2);
  // Early close: Friday after Thanksgiving 12:59 EST to Monday 09:31 EST.
  assertEquals(between(utc("2024-11-29", "17:59"), utc("2024-12-02", "14:31")), 2);
  // Over Independence Day: Wednesday 12:00 EDT (an early close) to Friday 10:00 EDT.
  assertEquals(between(utc("2024-07-03", "16:00"), utc("2024-07-05", "14:00")), 60 + 30);
  // A whole regular session, and nothing for a backwards interval.
  assertEquals(between(utc("2024-01-02", "00:00"), utc("2024-01-03", "00:00")), 390);
  assertEquals(between(utc("2024-01-03", "00:00"), utc("2024-01-02", "00:00")), 0);
});

Deno.test("US equities trading days count sessions closing in the interval, whatever the bars' time of day", () => {
  // Daily bars stamped at midnight UTC (Yahoo, IB): Wednesday 2024-07-03 to Monday 2024-07-08
  // passes the sessions of July 3 and 5 (July 4 is a holiday).
  assertEquals(
    calendar.tradingDaysBetween(utc("2024-07-03", "00:00"), utc("2024-07-08", "00:00")),
    2,
  );
  // Stamped at the New York close: Friday 2024-07-05 16:00 EDT to Monday 16:00 EDT is one day.
  assertEquals(
    calendar.tradingDaysBetween(utc("2024-07-05", "20:00"), utc("2024-07-08", "20:00")),
    1,
  );
  // Over the closures of September 2001: Monday the 10th to Monday the 17th is one day.
  assertEquals(
    calendar.tradingDaysBetween(utc("2001-09-10", "00:00"), utc("2001-09-17", "00:00")),
    1,
  );
});

Deno.test("the next US equities session opens on the next trading day at 09:30 New York time", () => {
  const next = (date: string, time: string) =>
    new Date(calendar.nextSessionOpen(utc(date, time))).toISOString();
  assertEquals([
    next("2024-03-09", "12:00"), // Saturday before DST starts: Monday 09:30 EDT
    next("2024-01-02", "14:30"), // at an open: the next day's
    next("2024-01-02", "14:29"), // a minute before an open: that open
    next("2024-12-31", "22:00"), // New Year's Eve evening: January 2, 2025
    next("2001-09-10", "21:00"), // after the close of September 10, 2001: September 17
  ], [
    "2024-03-11T13:30:00.000Z",
    "2024-01-03T14:30:00.000Z",
    "2024-01-02T14:30:00.000Z",
    "2025-01-02T14:30:00.000Z",
    "2001-09-17T13:30:00.000Z",
  ]);
});

Deno.test("US equities calendar refuses malformed dates and non-finite instants", () => {
  for (const date of ["2024-02-30", "2024-2-3", "20240102", ""]) {
    throws(() => calendar.isTradingDay(date), {
      name: "RangeError",
      message: `"${date}" is not a date: use YYYY-MM-DD, e.g. 2024-07-03`,
    });
  }
  throws(() => calendar.isMarketOpen(Number.NaN), RangeError);
  throws(() => calendar.tradingTimeBetween(0, Number.POSITIVE_INFINITY), RangeError);
});

const HOUR = 3_600_000;
const DAY = 86_400_000;

Deno.test("a US equities year is 252 sessions: 252 daily bars, 390 one-minute bars and 7 hourly bars a full session", () => {
  assertEquals(calendar.sessionsPerYear, 252);
  assertEquals(calendar.barsPerYear(DAY), 252);
  assertEquals(calendar.barsPerYear(60_000), 252 * 390);
  assertEquals(calendar.barsPerYear(5 * 60_000), 252 * 78);
  assertEquals(calendar.barsPerYear(30 * 60_000), 252 * 13);
  // 09:30-16:00 cut into UTC hours: 09:30-10:00 is a bar of its own.
  assertEquals(calendar.barsPerYear(HOUR), 252 * 7);
  // 8-hour periods 08:00-16:00 and 16:00-24:00 UTC: every session touches both.
  assertEquals(calendar.barsPerYear(8 * HOUR), 252 * 2);
});

Deno.test("US equities 4-hour bars per session follow daylight saving time: 3 in winter, 2 in summer", () => {
  // 4-hour UTC periods 12-16, 16-20, 20-24: 14:30-21:00 UTC (EST) touches three, 13:30-20:00 (EDT) two.
  let [winter, summer] = [0, 0];
  for (const date of datesBetween("2015-01-01", "2024-12-31")) {
    const session = calendar.sessionOn(date);
    if (session === undefined || session.earlyClose) continue;
    if (new Date(session.open).getUTCHours() === 14) winter++;
    else summer++;
  }
  const expected = 252 * (3 * winter + 2 * summer) / (winter + summer);
  assert(Math.abs(calendar.barsPerYear(4 * HOUR) - expected) < 0.01);
});

Deno.test("US equities weekly bars are the weeks with a trading day: about 52 a year, not 50.4 (five of seven days)", () => {
  // Weeks as barStart cuts them (from Thursday 1970-01-01), 2015-01-01 to 2024-12-25, from the
  // NYSE's published closures.
  const closed = new Set(NYSE_CLOSED_WEEKDAYS);
  const weeks = new Set<number>();
  let tradingDays = 0;
  for (const date of datesBetween("2015-01-01", "2024-12-25")) {
    if (isWeekend(date) || closed.has(date)) continue;
    tradingDays++;
    weeks.add(Math.floor(Date.parse(date) / (7 * DAY)));
  }
  const expected = 252 * weeks.size / tradingDays;
  assert(Math.abs(calendar.barsPerYear(7 * DAY) - expected) < 1e-9);
  assert(expected > 52 && expected < 52.5);
});

Deno.test("US equities bars a year refuse a bar size that is not a positive number", () => {
  throws(() => calendar.barsPerYear(0), RangeError);
  throws(() => calendar.barsPerYear(Number.POSITIVE_INFINITY), RangeError);
});
