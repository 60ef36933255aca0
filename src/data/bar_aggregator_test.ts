import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import type { Bar } from "../model/mod.ts";
import { BarAggregator } from "./bar_aggregator.ts";

const T0 = Date.UTC(2024, 0, 2, 14, 30);

function fiveSecondBar(index: number, close: number): Bar {
  return {
    symbol: "AAPL",
    ts: T0 + index * 5_000,
    open: close - 0.5,
    high: close + 1,
    low: close - 1,
    close,
    volume: 10,
  };
}

Deno.test("BarAggregator turns twelve 5-second bars into one 1-minute bar when the last arrives", () => {
  const aggregator = new BarAggregator(5_000, 60_000);
  const out: Bar[] = [];
  for (let i = 0; i < 12; i++) {
    aggregator.push(fiveSecondBar(i, 100 + i), (b) => out.push(b));
    if (i < 11) assertEquals(out.length, 0);
  }
  assertEquals(out, [{
    symbol: "AAPL",
    ts: T0,
    open: 99.5,
    high: 112,
    low: 99,
    close: 111,
    volume: 120,
  }]);
});

Deno.test("BarAggregator emits a partial period when a bar of a later period arrives", () => {
  const aggregator = new BarAggregator(5_000, 60_000);
  const out: Bar[] = [];
  aggregator.push(fiveSecondBar(0, 100), (b) => out.push(b));
  aggregator.push(fiveSecondBar(1, 101), (b) => out.push(b));
  aggregator.push(fiveSecondBar(13, 105), (b) => out.push(b));
  assertEquals(out.map((b) => [b.ts, b.close, b.volume]), [[T0, 101, 20]]);
});

Deno.test("BarAggregator ignores a late bar of an already emitted period", () => {
  const aggregator = new BarAggregator(5_000, 10_000);
  const out: Bar[] = [];
  aggregator.push(fiveSecondBar(0, 100), (b) => out.push(b));
  aggregator.push(fiveSecondBar(1, 101), (b) => out.push(b));
  aggregator.push(fiveSecondBar(0, 99), (b) => out.push(b));
  assertEquals(out.length, 1);
});

Deno.test("BarAggregator refuses a bar size that is not a multiple of the source size", () => {
  assertThrows(() => new BarAggregator(5_000, 12_000), /multiple of the source bar size/);
});

const HOUR = 3_600_000;
const DAY = 86_400_000;

function bar(ts: number, price: number, volume = 10): Bar {
  return { symbol: "AAPL", ts, open: price, high: price + 1, low: price - 1, close: price, volume };
}

/**
 * Bars of `stepMs` over each session of `dates`, from the open (hourly: Yahoo's 09:30, 10:30,
 * ... 15:30); each bar's price is its index.
 */
function sessionBars(dates: readonly string[], stepMs: number): Bar[] {
  const bars: Bar[] = [];
  for (const date of dates) {
    const session = US_EQUITIES_CALENDAR.sessionOn(date)!;
    for (let ts = session.open; ts < session.close; ts += stepMs) bars.push(bar(ts, bars.length));
  }
  return bars;
}

/** Pushes `bars` one by one; each output with the index of the source bar it went out with. */
function aggregate(aggregator: BarAggregator, bars: readonly Bar[]): [number, Bar][] {
  const out: [number, Bar][] = [];
  bars.forEach((source, i) => aggregator.push(source, (built) => out.push([i, built])));
  aggregator.flush((built) => out.push([bars.length, built]));
  return out;
}

Deno.test("BarAggregator on the US calendar makes one daily bar a session, delivered with the session's last hour", () => {
  const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
  const hours = sessionBars(dates, HOUR);
  const daily = new BarAggregator(HOUR, DAY, { calendar: US_EQUITIES_CALENDAR });
  const out = aggregate(daily, hours);
  // Seven bars a session (09:30 to 15:30); each day goes out with its 15:30 bar, the last one too.
  assertEquals(out.map(([at]) => at), [6, 13, 20]);
  assertEquals(
    out.map(([, b]) => b),
    dates.map((date, d) => ({
      symbol: "AAPL",
      ts: Date.parse(date),
      open: 7 * d,
      high: 7 * d + 7,
      low: 7 * d - 1,
      close: 7 * d + 6,
      volume: 70,
    })),
  );
});

Deno.test("BarAggregator cuts 4h periods at the close: the 20:00 UTC period goes out with the session's last bar", () => {
  // 2024-01-03 trades 14:30-21:00 UTC: periods 14:30-16:00, 16:00-20:00 and 20:00-21:00.
  const hours = sessionBars(["2024-01-03", "2024-01-04"], HOUR);
  const out = aggregate(
    new BarAggregator(HOUR, 4 * HOUR, { calendar: US_EQUITIES_CALENDAR }),
    hours,
  );
  const day = Date.UTC(2024, 0, 3);
  assertEquals(out.slice(0, 3).map(([at, b]) => [at, (b.ts - day) / HOUR, b.volume]), [
    [1, 14.5, 20],
    [5, 16, 40],
    [6, 20, 10],
  ]);
  assertEquals(out.length, 6);
});

Deno.test("BarAggregator starts a session's first hour at the open and ends an early close's day at 13:00", () => {
  const minutes = sessionBars(["2024-11-29"], 60_000); // the day after Thanksgiving: 09:30-13:00
  const hourly = aggregate(
    new BarAggregator(60_000, HOUR, { calendar: US_EQUITIES_CALENDAR }),
    minutes,
  );
  const open = Date.UTC(2024, 10, 29, 14, 30);
  assertEquals(hourly.map(([at, b]) => [at, b.ts, b.volume / 10]), [
    [29, open, 30],
    [89, open + 0.5 * HOUR, 60],
    [149, open + 1.5 * HOUR, 60],
    [209, open + 2.5 * HOUR, 60],
  ]);
  const daily = aggregate(
    new BarAggregator(60_000, DAY, { calendar: US_EQUITIES_CALENDAR }),
    minutes,
  );
  assertEquals(daily.map(([at, b]) => [at, b.ts, b.volume / 10]), [
    [209, Date.UTC(2024, 10, 29), 210],
  ]);
});

Deno.test("BarAggregator keeps extended hours out of daily bars and in periods of their own below a day", () => {
  // 2024-01-03 trades 14:30-21:00 UTC: half-hour bars of the pre-market, the session (one an
  // hour) and after hours.
  const day = Date.UTC(2024, 0, 3);
  const hours = [13, 14, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21, 22].map((h, i) =>
    bar(day + h * HOUR, i)
  );
  const daily = aggregate(
    new BarAggregator(30 * 60_000, DAY, { calendar: US_EQUITIES_CALENDAR }),
    hours,
  );
  assertEquals(daily.map(([at, b]) => [at, b.open, b.close, b.volume]), [[8, 2, 8, 70]]);
  const fourHours = aggregate(
    new BarAggregator(30 * 60_000, 4 * HOUR, { calendar: US_EQUITIES_CALENDAR }),
    hours,
  );
  // 12:00-14:30 (closed), 14:30-16:00, 16:00-20:00, 20:00-21:00, 21:00-24:00 (closed).
  assertEquals(fourHours.map(([, b]) => [(b.ts - day) / HOUR, b.volume / 10]), [
    [12, 2],
    [14.5, 2],
    [16, 4],
    [20, 1],
    [21, 2],
  ]);
});

Deno.test("BarAggregator flushes the period still open when the data ends, and reset drops it", () => {
  const aggregator = new BarAggregator(5_000, 60_000);
  const out: Bar[] = [];
  for (let i = 0; i < 7; i++) aggregator.push(fiveSecondBar(i, 100 + i), (b) => out.push(b));
  aggregator.flush((b) => out.push(b));
  assertEquals(out.map((b) => [b.ts, b.close, b.volume]), [[T0, 106, 70]]);
  aggregator.flush((b) => out.push(b));
  assertEquals(out.length, 1);
  aggregator.push(fiveSecondBar(12, 100), (b) => out.push(b));
  aggregator.reset();
  aggregator.flush((b) => out.push(b));
  assertEquals(out.length, 1);
});

Deno.test("BarAggregator on the always-open calendar cuts the UTC periods it cut without a calendar", () => {
  const bars = Array.from({ length: 3 * 24 }, (_, i) => bar(Date.UTC(2024, 0, 6) + i * HOUR, i));
  for (const target of [HOUR * 2, HOUR * 8, DAY]) {
    const continuous = aggregate(new BarAggregator(HOUR, target), bars);
    const alwaysOpen = aggregate(
      new BarAggregator(HOUR, target, { calendar: ALWAYS_OPEN_CALENDAR }),
      bars,
    );
    assertEquals(alwaysOpen, continuous);
    assertEquals(continuous.length, (3 * DAY) / target);
  }
});

Deno.test("BarAggregator ends a week's bar at the close of the week's last session", () => {
  // Weeks are UTC-aligned: 2024-01-04 (a Thursday) to 2024-01-10, whose session is the last;
  // the next week has two sessions of data and goes out when the data ends.
  const dates = ["2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10"];
  const hours = sessionBars([...dates, "2024-01-11", "2024-01-12"], HOUR);
  const weekly = aggregate(
    new BarAggregator(HOUR, 7 * DAY, { calendar: US_EQUITIES_CALENDAR }),
    hours,
  );
  assertEquals(weekly.map(([at, b]) => [at, b.ts, b.volume / 10]), [
    [34, Date.UTC(2024, 0, 4), 35],
    [49, Date.UTC(2024, 0, 11), 14],
  ]);
});

Deno.test("BarAggregator builds weeks from daily bars stamped 00:00 UTC, complete with the week's last session", () => {
  // 2024-01-04 to 2024-01-10 (a UTC-aligned week): five sessions, the last on Wednesday 01-10.
  const days = ["2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11"];
  const daily = days.map((date, i) => bar(Date.parse(date), i));
  const weekly = aggregate(
    new BarAggregator(DAY, 7 * DAY, { calendar: US_EQUITIES_CALENDAR }),
    daily,
  );
  assertEquals(weekly.map(([at, b]) => [at, b.ts, b.open, b.close, b.volume]), [
    [4, Date.UTC(2024, 0, 4), 0, 4, 50],
    [6, Date.UTC(2024, 0, 11), 5, 5, 10],
  ]);
});
