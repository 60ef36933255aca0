/**
 * Regression (issue 8): with daily bars of US stocks, `health.heartbeat_stall`
 * and `health.heartbeat_recovered` fired every weekend and every holiday, half
 * of all events of a 7-symbol run. Stall detection now counts the trading
 * time of the venue's calendar: silence over a weekend, a holiday, a night
 * or after an early close is not a stall; a symbol that goes quiet while its
 * market trades still is, once, and recovers once, at its next bar.
 *
 * Regression (issue 8 follow-up): stalls were judged at the cadence, after
 * the bar that reached it, so a symbol whose bar came first at an instant
 * was never judged there: a daily symbol missing single days next to a
 * complete one never stalled, and of two 1-minute symbols sharing a two-hour
 * gap only the second stalled. Stalls are now judged when market time moves
 * to a new instant, before its bars.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR, US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import type { Bar, TelemetryEvent } from "../../src/model/mod.ts";
import { eventsNamed, runScenario } from "./_harness.ts";
import { dailyBarsOn, sessionMinuteBars, tradingDates } from "../_support/mod.ts";

const SEVEN = ["AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA"];
const TWO_YEARS = tradingDates("2022-01-01", "2023-12-31");

/** Runs one watching strategy over `bars` (symbol -> bars) on `calendar`. */
async function watch(
  bars: Readonly<Record<string, readonly Bar[]>>,
  options: { barSize: string; calendar?: typeof US_EQUITIES_CALENDAR },
): Promise<TelemetryEvent[]> {
  const { events, result } = await runScenario({
    graph: {
      settings: { bar_size: options.barSize, heartbeat_timeout_seconds: 30 },
      strategies: [{ id: "watch", type: "scripted", symbols: Object.keys(bars), max_position: 10 }],
    },
    bars,
    calendar: options.calendar ?? US_EQUITIES_CALENDAR,
  });
  assertEquals(result?.reason, "end_of_data");
  return events;
}

/** `[symbol, date]` of each event named `name`. */
function stallLog(events: readonly TelemetryEvent[], name: string): [unknown, string][] {
  return eventsNamed(events, name, "watch").map((e) => [e.symbol, new Date(e.ts).toISOString()]);
}

Deno.test("two years of daily bars of seven symbols on NYSE trading days report no heartbeat stall (regression)", async () => {
  assertEquals(TWO_YEARS.length, 251 + 250); // NYSE trading days of 2022 and 2023
  const bars = Object.fromEntries(SEVEN.map((symbol) => [symbol, dailyBarsOn(symbol, TWO_YEARS)]));
  const events = await watch(bars, { barSize: "1d" });
  assertEquals(stallLog(events, "health.heartbeat_stall"), []);
  assertEquals(stallLog(events, "health.heartbeat_recovered"), []);
  // The same data in continuous time (the behaviour before calendars) stalls every symbol on
  // every first day back after a weekend or a holiday, and each recovers with that day's bar.
  const continuous = await watch(bars, { barSize: "1d", calendar: ALWAYS_OPEN_CALENDAR });
  const firstDaysBack = TWO_YEARS.filter((date, i) =>
    i > 0 && Date.parse(date) - Date.parse(TWO_YEARS[i - 1] as string) > 86_400_000
  );
  const everySymbol = firstDaysBack.flatMap((date) =>
    SEVEN.map((symbol) => [symbol, `${date}T00:00:00.000Z`] as [unknown, string])
  );
  assert(firstDaysBack.length > 100);
  assertEquals(stallLog(continuous, "health.heartbeat_stall"), everySymbol);
  assertEquals(stallLog(continuous, "health.heartbeat_recovered"), everySymbol);
});

Deno.test("a daily symbol whose bars stop for several trading days while others go on stalls once and recovers once", async () => {
  // NVDA has no bars for the five trading days from Wednesday 2023-03-01 to Tuesday 2023-03-07.
  const missing = new Set(["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-06", "2023-03-07"]);
  const bars = Object.fromEntries(SEVEN.map((symbol) => [
    symbol,
    dailyBarsOn(symbol, TWO_YEARS.filter((date) => symbol !== "NVDA" || !missing.has(date))),
  ]));
  const events = await watch(bars, { barSize: "1d" });
  // Seen when market time reaches Thursday: Tuesday's and Wednesday's sessions closed without an
  // NVDA bar.
  assertEquals(stallLog(events, "health.heartbeat_stall"), [["NVDA", "2023-03-02T00:00:00.000Z"]]);
  // Recovered by its bar of 2023-03-08 (AAPL's bar of that day comes first: no matter).
  assertEquals(stallLog(events, "health.heartbeat_recovered"), [
    ["NVDA", "2023-03-08T00:00:00.000Z"],
  ]);
  const stall = eventsNamed(events, "health.heartbeat_stall")[0];
  assertEquals([stall?.stall_after_ms, stall?.calendar], [86_400_000, "us_equities"]);
});

// Tuesday to Tuesday over Thanksgiving 2024: a holiday, an early close (Friday 13:00), a weekend.
const THANKSGIVING_WEEK = ["2024-11-26", "2024-11-27", "2024-11-29", "2024-12-02", "2024-12-03"];

Deno.test("1-minute bars over nights, a holiday, an early close and a weekend report no heartbeat stall", async () => {
  const bars = {
    AAPL: sessionMinuteBars("AAPL", THANKSGIVING_WEEK),
    MSFT: sessionMinuteBars("MSFT", THANKSGIVING_WEEK),
  };
  assertEquals(bars.AAPL.length, 4 * 390 + 210);
  const events = await watch(bars, { barSize: "1m" });
  assertEquals(stallLog(events, "health.heartbeat_stall"), []);
  assertEquals(stallLog(events, "health.heartbeat_recovered"), []);
});

Deno.test("a 1-minute symbol silent mid-session for longer than the timeout stalls once and recovers once", async () => {
  // MSFT has no bars from 11:00 to 11:09 EST on Wednesday 2024-11-27 (16:00-16:09 UTC).
  const gapStart = Date.UTC(2024, 10, 27, 16, 0);
  const gapEnd = Date.UTC(2024, 10, 27, 16, 10);
  const bars = {
    AAPL: sessionMinuteBars("AAPL", THANKSGIVING_WEEK),
    MSFT: sessionMinuteBars("MSFT", THANKSGIVING_WEEK).filter((bar) =>
      bar.ts < gapStart || bar.ts >= gapEnd
    ),
  };
  const events = await watch(bars, { barSize: "1m" });
  // The last MSFT bar is 10:59; at 11:01 two minutes of trading time have passed (> 60 s).
  assertEquals(stallLog(events, "health.heartbeat_stall"), [["MSFT", "2024-11-27T16:01:00.000Z"]]);
  assertEquals(stallLog(events, "health.heartbeat_recovered"), [
    ["MSFT", "2024-11-27T16:10:00.000Z"],
  ]);
});

Deno.test("a daily symbol that misses single trading days next to a complete one stalls at each next trading day, in either symbol order (regression)", async () => {
  const dates = tradingDates("2013-01-01", "2017-12-31");
  const missed = ["2013-10-15", "2016-03-04", "2017-10-04"];
  const aapl = dailyBarsOn("AAPL", dates.filter((date) => !missed.includes(date)));
  const msft = dailyBarsOn("MSFT", dates);
  // The next trading days: Wednesday 2013-10-16, Monday 2016-03-07, Thursday 2017-10-05.
  const nextDays = ["2013-10-16", "2016-03-07", "2017-10-05"].map((date) =>
    ["AAPL", `${date}T00:00:00.000Z`] as [unknown, string]
  );
  for (const bars of [{ AAPL: aapl, MSFT: msft }, { MSFT: msft, AAPL: aapl }]) {
    const events = await watch(bars, { barSize: "1d" });
    assertEquals(stallLog(events, "health.heartbeat_stall"), nextDays);
    assertEquals(stallLog(events, "health.heartbeat_recovered"), nextDays);
  }
});

Deno.test("two 1-minute symbols sharing a two-hour gap both stall when market time jumps over it, and each recovers with its bar (regression)", async () => {
  // Wednesday 2023-02-01 (EST): no bars of either symbol from 15:00 to 16:59 UTC.
  const gap = (bar: Bar) => bar.ts < Date.UTC(2023, 1, 1, 15) || bar.ts >= Date.UTC(2023, 1, 1, 17);
  const bars = {
    AAPL: sessionMinuteBars("AAPL", ["2023-02-01"]).filter(gap),
    MSFT: sessionMinuteBars("MSFT", ["2023-02-01"]).filter(gap),
  };
  const events = await watch(bars, { barSize: "1m" });
  const both: [unknown, string][] = [
    ["AAPL", "2023-02-01T17:00:00.000Z"],
    ["MSFT", "2023-02-01T17:00:00.000Z"],
  ];
  assertEquals(stallLog(events, "health.heartbeat_stall"), both);
  assertEquals(stallLog(events, "health.heartbeat_recovered"), both);
  // Both stalls come before either 17:00 bar reaches the strategy's symbols' recoveries.
  const order = events.filter((e) => e.event.startsWith("health.heartbeat_"))
    .map((e) => `${e.event.slice(17)} ${e.symbol}`);
  assertEquals(order, ["stall AAPL", "stall MSFT", "recovered AAPL", "recovered MSFT"]);
});
