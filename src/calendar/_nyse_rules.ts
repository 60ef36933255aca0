/**
 * The New York Stock Exchange's holiday and early-close rules, year by year,
 * and the table of its unscheduled closures. Rules and table are NYSE
 * Rule 7.2 as applied since 1999; earlier years follow the same rules and
 * are not historically exact.
 *
 * @module
 */
import { dayNumber, dayNumberOfIso, weekdayOf } from "./_day_number.ts";

const SUNDAY = 0;
const MONDAY = 1;
const TUESDAY = 2;
const WEDNESDAY = 3;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;

/**
 * Full-day closures the NYSE announced outside its holiday rules: national
 * days of mourning, the September 11 attacks, Hurricane Sandy. A new one is
 * added here when the exchange announces it.
 */
export const NYSE_UNSCHEDULED_CLOSURES: ReadonlyArray<
  { readonly date: string; readonly reason: string }
> = [
  { date: "2001-09-11", reason: "September 11 attacks" },
  { date: "2001-09-12", reason: "September 11 attacks" },
  { date: "2001-09-13", reason: "September 11 attacks" },
  { date: "2001-09-14", reason: "September 11 attacks" },
  { date: "2004-06-11", reason: "national day of mourning for Ronald Reagan" },
  { date: "2007-01-02", reason: "national day of mourning for Gerald Ford" },
  { date: "2012-10-29", reason: "Hurricane Sandy" },
  { date: "2012-10-30", reason: "Hurricane Sandy" },
  { date: "2018-12-05", reason: "national day of mourning for George H. W. Bush" },
  { date: "2025-01-09", reason: "national day of mourning for Jimmy Carter" },
];

const UNSCHEDULED = new Map(
  NYSE_UNSCHEDULED_CLOSURES.map((closure) => [dayNumberOfIso(closure.date), closure.reason]),
);

/** What the NYSE does on the days of one year. */
export interface NyseYear {
  /** Weekdays the exchange is closed all day (day number -> holiday name). */
  readonly closures: ReadonlyMap<number, string>;
  /** Trading days on which it closes at 13:00 New York time. */
  readonly earlyCloses: ReadonlySet<number>;
}

/**
 * The NYSE's closures and early closes of `year`.
 *
 * Holidays: New Year's Day, Martin Luther King Jr. Day (from 1998),
 * Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022),
 * Independence Day, Labor Day, Thanksgiving, Christmas. One on a Sunday is
 * observed the Monday after, one on a Saturday the Friday before, except New
 * Year's Day: Friday December 31 stays a trading day (Rule 7.2).
 *
 * Early closes (13:00): July 3 on a Monday, Tuesday or Thursday (from 1995)
 * or a Wednesday (from 2013); Friday July 5 from 1996 to 2012; the day after
 * Thanksgiving (from 1993); December 24 on a Monday to Thursday (from 1999).
 */
export function nyseYear(year: number): NyseYear {
  const closures = new Map<number, string>();
  const close = (day: number | undefined, name: string) => {
    if (day !== undefined) closures.set(day, name);
  };
  const newYear = dayNumber(year, 1, 1);
  if (weekdayOf(newYear) !== SATURDAY) close(observed(newYear), "New Year's Day");
  if (year >= 1998) close(nthWeekday(year, 1, MONDAY, 3), "Martin Luther King Jr. Day");
  close(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday");
  close(easterSunday(year) - 2, "Good Friday");
  close(lastWeekday(year, 5, MONDAY), "Memorial Day");
  if (year >= 2022) close(observed(dayNumber(year, 6, 19)), "Juneteenth National Independence Day");
  close(observed(dayNumber(year, 7, 4)), "Independence Day");
  close(nthWeekday(year, 9, MONDAY, 1), "Labor Day");
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4);
  close(thanksgiving, "Thanksgiving Day");
  close(observed(dayNumber(year, 12, 25)), "Christmas Day");
  for (const [day, reason] of UNSCHEDULED) {
    if (day >= newYear && day < dayNumber(year + 1, 1, 1)) close(day, reason);
  }

  const earlyCloses = new Set<number>();
  const early = (day: number, since: number, until = Number.POSITIVE_INFINITY) => {
    if (year >= since && year <= until && !closures.has(day)) earlyCloses.add(day);
  };
  const july3 = dayNumber(year, 7, 3);
  const july3Weekday = weekdayOf(july3);
  if (july3Weekday === MONDAY || july3Weekday === TUESDAY || july3Weekday === THURSDAY) {
    early(july3, 1995);
  }
  if (july3Weekday === WEDNESDAY) early(july3, 2013);
  const july5 = dayNumber(year, 7, 5);
  if (weekdayOf(july5) === FRIDAY) early(july5, 1996, 2012);
  early(thanksgiving + 1, 1993);
  const christmasEve = dayNumber(year, 12, 24);
  const christmasEveWeekday = weekdayOf(christmasEve);
  if (christmasEveWeekday >= MONDAY && christmasEveWeekday <= THURSDAY) early(christmasEve, 1999);
  return { closures, earlyCloses };
}

/** The day a holiday on `day` is observed: Sunday -> Monday, Saturday -> Friday. */
function observed(day: number): number {
  const weekday = weekdayOf(day);
  if (weekday === SUNDAY) return day + 1;
  if (weekday === SATURDAY) return day - 1;
  return day;
}

/** The `n`th `weekday` (0 Sunday ... 6 Saturday) of `month` in `year`. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7;
}

/** The last `weekday` of `month` in `year`. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = dayNumber(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Western (Gregorian) Easter Sunday of `year`: the anonymous Gregorian algorithm. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}
