/**
 * Ground truth for the calendar tests: the NYSE's full-day holidays and
 * 13:00 early closes of 2013-2026 as the exchange published them (its yearly
 * holiday calendar announcements), written out by hand, not computed.
 *
 * @module
 */

/** First and last year the lists below cover completely. */
export const SCHEDULE_YEARS = { first: 2013, last: 2026 } as const;

/** Every day of 2013-2026 on which the NYSE was (or will be) closed on a weekday. */
export const NYSE_CLOSED_WEEKDAYS: readonly string[] = byYear({
  2013: "01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25",
  2014: "01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25",
  2015: "01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25",
  2016: "01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26",
  2017: "01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25",
  2018: "01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25",
  2019: "01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25",
  2020: "01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25",
  2021: "01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24",
  2022: "01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26",
  2023: "01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25",
  2024: "01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25",
  2025: "01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25",
  2026: "01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25",
});

/** Every 13:00 early close of 2013-2026. */
export const NYSE_EARLY_CLOSES: readonly string[] = byYear({
  2013: "07-03 11-29 12-24",
  2014: "07-03 11-28 12-24",
  2015: "11-27 12-24",
  2016: "11-25",
  2017: "07-03 11-24",
  2018: "07-03 11-23 12-24",
  2019: "07-03 11-29 12-24",
  2020: "11-27 12-24",
  2021: "11-26",
  2022: "11-25",
  2023: "07-03 11-24",
  2024: "07-03 11-29 12-24",
  2025: "07-03 11-28 12-24",
  2026: "11-27 12-24",
});

/** ISO dates from `MM-DD` lists keyed by year. */
function byYear(days: Readonly<Record<number, string>>): string[] {
  return Object.entries(days).flatMap(([year, list]) =>
    list.split(" ").map((day) => `${year}-${day}`)
  );
}

/** Every date from `first` to `last` (ISO, inclusive), in order. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (
    let ms = Date.parse(`${first}T00:00:00Z`);
    ms <= Date.parse(`${last}T00:00:00Z`);
    ms += 86_400_000
  ) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

/** Whether an ISO date falls on a Saturday or Sunday. */
export function isWeekend(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Hour and minute of an instant on the New York wall clock, e.g. `"09:30"`. */
export function newYorkTime(ms: number): string {
  return NEW_YORK_TIME.format(ms);
}

const NEW_YORK_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "America/New_York",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const NEW_YORK_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" });

/** The New York calendar date of an instant, `YYYY-MM-DD`. */
export function newYorkDate(ms: number): string {
  return NEW_YORK_DATE.format(ms);
}
