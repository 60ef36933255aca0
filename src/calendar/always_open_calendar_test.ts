import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR as calendar } from "./always_open_calendar.ts";

const DAY_MS = 86_400_000;
const CHRISTMAS = Date.UTC(2024, 11, 25);

Deno.test("the always-open calendar counts every millisecond as trading time, holidays and nights included", () => {
  assertEquals(calendar.tradingTimeBetween(CHRISTMAS - 3_600_000, CHRISTMAS + 90_000), 3_690_000);
  assertEquals(calendar.tradingTimeBetween(CHRISTMAS, CHRISTMAS - 1), 0);
  assertEquals([calendar.isTradingDay("2024-12-25"), calendar.isMarketOpen(CHRISTMAS + 1)], [
    true,
    true,
  ]);
});

Deno.test("the always-open calendar's sessions are UTC days: trading days count midnights passed", () => {
  assertEquals(calendar.sessionOn("2024-12-25"), {
    date: "2024-12-25",
    open: CHRISTMAS,
    close: CHRISTMAS + DAY_MS,
    earlyClose: false,
  });
  assertEquals(calendar.tradingDaysBetween(CHRISTMAS, CHRISTMAS + 3 * DAY_MS), 3);
  assertEquals(calendar.tradingDaysBetween(CHRISTMAS + 1, CHRISTMAS + DAY_MS - 1), 0);
  assertEquals(calendar.nextSessionOpen(CHRISTMAS), CHRISTMAS + DAY_MS);
  assertEquals(calendar.nextSessionOpen(CHRISTMAS - 1), CHRISTMAS);
});

Deno.test("the always-open calendar refuses malformed dates and non-finite instants", () => {
  throws(() => calendar.sessionOn("2024-13-01"), RangeError);
  throws(() => calendar.tradingTimeBetween(Number.NaN, 0), RangeError);
});

Deno.test("the always-open year is 365.25 days of 24 hours: bars a year are its length over the bar size", () => {
  assertEquals(calendar.sessionsPerYear, 365.25);
  assertEquals(calendar.barsPerYear(60_000), 365.25 * 1440);
  assertEquals(calendar.barsPerYear(3_600_000), 365.25 * 24);
  assertEquals(calendar.barsPerYear(DAY_MS), 365.25);
  assertEquals(calendar.barsPerYear(7 * DAY_MS), 365.25 / 7);
  throws(() => calendar.barsPerYear(-1), RangeError);
});
