import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import fc from "fast-check";
import { US_EQUITIES_CALENDAR as calendar } from "./us_equities_calendar.ts";
import {
  datesBetween,
  isWeekend,
  newYorkDate,
  newYorkTime,
  NYSE_CLOSED_WEEKDAYS,
  SCHEDULE_YEARS,
} from "./_test_nyse_schedule.ts";

/** Runs per property. */
const NUM_RUNS = 300;
/** Fixed seed: a failure reproduces (fast-check prints the counterexample). */
const SEED = 20261202;
const PARAMETERS = { numRuns: NUM_RUNS, seed: SEED };
const DAY_MS = 86_400_000;

/** Instants from 1999 to 2060, the years whose rules the calendar knows exactly and beyond. */
const instant = fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2060, 11, 31) });
/** Three instants in order, at most 20 days apart. */
const ordered = fc.tuple(instant, fc.nat({ max: 10 * DAY_MS }), fc.nat({ max: 10 * DAY_MS }))
  .map(([a, ab, bc]) => [a, a + ab, a + ab + bc] as const);

Deno.test("property: a weekday of 2013-2026 is a US equities trading day unless the NYSE published it as closed", () => {
  const dates = datesBetween(`${SCHEDULE_YEARS.first}-01-01`, `${SCHEDULE_YEARS.last}-12-31`);
  const closed = new Set(NYSE_CLOSED_WEEKDAYS);
  fc.assert(
    fc.property(fc.constantFrom(...dates), (date) => {
      assertEquals(calendar.isTradingDay(date), !isWeekend(date) && !closed.has(date));
    }),
    PARAMETERS,
  );
});

Deno.test("property: the next session opens after the instant, at 09:30 New York time on a trading day", () => {
  fc.assert(
    fc.property(instant, (ms) => {
      const open = calendar.nextSessionOpen(ms);
      assert(open > ms);
      assertEquals(newYorkTime(open), "09:30");
      assertEquals(calendar.sessionOn(newYorkDate(open))?.open, open);
      // No session opens in between: the search from just before it finds it again.
      assertEquals(calendar.nextSessionOpen(open - 1), open);
    }),
    PARAMETERS,
  );
});

Deno.test("property: nextSessionOpen never goes back as the instant moves forward", () => {
  fc.assert(
    fc.property(ordered, ([a, b]) => {
      assert(calendar.nextSessionOpen(a) <= calendar.nextSessionOpen(b));
    }),
    PARAMETERS,
  );
});

Deno.test("property: US equities sessions never overlap: each closes before the next opens", () => {
  fc.assert(
    fc.property(instant, (ms) => {
      const open = calendar.nextSessionOpen(ms);
      const session = calendar.sessionOn(newYorkDate(open));
      assert(session !== undefined && session.close > session.open);
      assert(calendar.nextSessionOpen(session.open) > session.close);
    }),
    PARAMETERS,
  );
});

Deno.test("property: trading time adds up over adjacent intervals and never exceeds elapsed time", () => {
  fc.assert(
    fc.property(ordered, ([a, b, c]) => {
      const [ab, bc, ac] = [
        calendar.tradingTimeBetween(a, b),
        calendar.tradingTimeBetween(b, c),
        calendar.tradingTimeBetween(a, c),
      ];
      assertEquals(ac, ab + bc);
      assert(ab >= 0 && ab <= b - a);
      assertEquals(
        calendar.tradingDaysBetween(a, c),
        calendar.tradingDaysBetween(a, b) +
          calendar.tradingDaysBetween(b, c),
      );
    }),
    PARAMETERS,
  );
});

Deno.test("property: the market is open at an instant exactly when the millisecond after it is trading time", () => {
  fc.assert(
    fc.property(instant, (ms) => {
      assertEquals(calendar.isMarketOpen(ms), calendar.tradingTimeBetween(ms, ms + 1) === 1);
    }),
    PARAMETERS,
  );
});

Deno.test("property: no trading time passes between a closed instant and the next open", () => {
  fc.assert(
    fc.property(instant, (ms) => {
      fc.pre(!calendar.isMarketOpen(ms));
      assertEquals(calendar.tradingTimeBetween(ms, calendar.nextSessionOpen(ms)), 0);
    }),
    PARAMETERS,
  );
});

Deno.test("property: trading days between two UTC midnights are the trading dates from the first up to the second", () => {
  const midnight = instant.map((ms) => ms - (ms % DAY_MS));
  fc.assert(
    fc.property(midnight, fc.nat({ max: 40 }), (from, days) => {
      const to = from + days * DAY_MS;
      const dates = days === 0 ? [] : datesBetween(
        new Date(from).toISOString().slice(0, 10),
        new Date(to - DAY_MS).toISOString().slice(0, 10),
      );
      const expected = dates.filter((date) => calendar.isTradingDay(date)).length;
      assertEquals(calendar.tradingDaysBetween(from, to), expected);
    }),
    PARAMETERS,
  );
});
