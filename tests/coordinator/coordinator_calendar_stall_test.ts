/**
 * Regression (issue 8): with daily bars of US stocks, `health.heartbeat_stall`
 * and `health.heartbeat_recovered` fired every weekend and every holiday, half
 * of all events of a 7-symbol run. Stall detection now counts the trading
 * time of the venue's calendar: silence over a weekend, a holiday, a night
 * or after an early close is not a stall; a symbol that goes quiet while its
 * market trades still is, once, and recovers once.
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
  // The same data in continuous time (the behaviour before calendars) stalls after weekends and
  // holidays, on first days back only (up to 6 symbols: all but the one whose bar runs the check).
  const continuous = await watch(bars, { barSize: "1d", calendar: ALWAYS_OPEN_CALENDAR });
  const firstDaysBack = new Set(
    TWO_YEARS.filter((date, i) =>
      i > 0 && Date.parse(date) - Date.parse(TWO_YEARS[i - 1] as string) > 86_400_000
    ),
  );
  const stallDays = stallLog(continuous, "health.heartbeat_stall").map(([, ts]) => ts.slice(0, 10));
  assert(stallDays.length > 6 * 100);
  assertEquals(stallDays.filter((date) => !firstDaysBack.has(date)), []);
});

Deno.test("a daily symbol whose bars stop for several trading days while others go on stalls once and recovers once", async () => {
  // NVDA has no bars for the five trading days from Wednesday 2023-03-01 to Tuesday 2023-03-07.
  const missing = new Set(["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-06", "2023-03-07"]);
  const bars = Object.fromEntries(SEVEN.map((symbol) => [
    symbol,
    dailyBarsOn(symbol, TWO_YEARS.filter((date) => symbol !== "NVDA" || !missing.has(date))),
  ]));
  const events = await watch(bars, { barSize: "1d" });
  // Seen at Thursday's bars: Tuesday's and Wednesday's sessions closed without an NVDA bar.
  assertEquals(stallLog(events, "health.heartbeat_stall"), [["NVDA", "2023-03-02T00:00:00.000Z"]]);
  // Its bar of 2023-03-08 comes after AAPL's, whose bar ran that day's check: seen the day after.
  assertEquals(stallLog(events, "health.heartbeat_recovered"), [
    ["NVDA", "2023-03-09T00:00:00.000Z"],
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
    ["MSFT", "2024-11-27T16:11:00.000Z"],
  ]);
});
