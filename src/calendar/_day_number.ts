/**
 * Calendar dates as UTC day numbers (days since 1970-01-01): the arithmetic
 * the calendars do on dates, without time zones.
 *
 * @module
 */

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a calendar date (`month` 1-12); no range checks. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Day number of the UTC date that contains `ms`. */
export function dayNumberOfMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Day number of an ISO date `YYYY-MM-DD`.
 *
 * @throws {RangeError} when the text is not a real date in that form.
 */
export function dayNumberOfIso(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const days = dayNumber(year, month, day);
    if (month >= 1 && month <= 12 && isoOfDayNumber(days) === isoDate) return days;
  }
  throw new RangeError(`"${isoDate}" is not a date: use YYYY-MM-DD, e.g. 2024-07-03`);
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoOfDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a day number: 0 Sunday ... 6 Saturday. */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Calendar year of a day number. */
export function yearOf(days: number): number {
  return new Date(days * DAY_MS).getUTCFullYear();
}
