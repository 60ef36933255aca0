import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { toDecimal } from "../../src/model/mod.ts";
import {
  formatBarDate,
  parseBarSizeMs,
  parseDurationMs,
  syntheticHistoricalBars,
} from "./historical_bars.ts";
import { formatIbDateTime, parseIbDateTime } from "./ib_time.ts";
import type { HistoricalQuery } from "./fake_tws_options.ts";
import type { ReqHistoricalDataRequest } from "./request_types.ts";

const MIN = 60_000;
const DAY = 86_400_000;

Deno.test("IB durations and bar sizes parse to milliseconds", () => {
  assertEquals(["30 S", "2 D", "1 W", "1 M", "1 Y"].map(parseDurationMs), [
    30_000,
    2 * DAY,
    7 * DAY,
    30 * DAY,
    365 * DAY,
  ]);
  assertEquals(["5 secs", "1 min", "15 mins", "1 hour", "1 day", "1 week"].map(parseBarSizeMs), [
    5000,
    MIN,
    15 * MIN,
    60 * MIN,
    DAY,
    7 * DAY,
  ]);
  assertThrows(() => parseDurationMs("2 days"), /unreadable duration/);
  assertThrows(() => parseBarSizeMs("5m"), /unreadable bar size/);
});

Deno.test("IB times parse as UTC, with a named zone, and format back in UTC", () => {
  const utc = Date.UTC(2025, 0, 2, 14, 30, 5);
  assertEquals(parseIbDateTime("20250102-14:30:05"), utc);
  assertEquals(parseIbDateTime("20250102 14:30:05 UTC"), utc);
  assertEquals(parseIbDateTime("20250102 09:30:05 US/Eastern"), utc);
  assertEquals(parseIbDateTime("20250702 10:30:05 US/Eastern"), Date.UTC(2025, 6, 2, 14, 30, 5));
  assertEquals(parseIbDateTime("20250102"), Date.UTC(2025, 0, 2));
  assertEquals(formatIbDateTime(utc), "20250102 14:30:05 UTC");
  assertThrows(() => parseIbDateTime("2025-01-02T14:30:05Z"), /unreadable IB time/);
  assertThrows(() => parseIbDateTime("20250102 14:30:05 Mars/Olympus"), /unknown time zone/);
});

Deno.test("bar dates are yyyyMMdd for daily bars, epoch seconds for formatDate 2, else text", () => {
  const t = Date.UTC(2025, 0, 2, 14, 30) / 1000;
  assertEquals(formatBarDate(t, { barSizeMs: DAY, formatDate: 2 }), "20250102");
  assertEquals(formatBarDate(t, { barSizeMs: 5 * MIN, formatDate: 2 }), String(t));
  assertEquals(formatBarDate(t, { barSizeMs: 5 * MIN, formatDate: 1 }), "20250102 14:30:00 UTC");
});

Deno.test("synthetic history has duration/barSize bars ending before endMs, and is deterministic", () => {
  const endMs = Date.UTC(2025, 0, 2, 15, 2, 30);
  const query: HistoricalQuery = {
    symbol: "AAPL",
    conId: 265598,
    endMs,
    barSizeMs: 5 * MIN,
    durationMs: 3600_000,
    referencePrice: toDecimal(190),
    request: {} as ReqHistoricalDataRequest,
  };
  const bars = syntheticHistoricalBars(query);
  assertEquals(bars.length, 12);
  assertEquals(bars.at(-1)!.time, Date.UTC(2025, 0, 2, 14, 55) / 1000);
  assertEquals(bars[1]!.time - bars[0]!.time, 300);
  assertEquals(toDecimal(bars[0]!.open).toString(), "190");
  for (const bar of bars) {
    const [o, h, l, c] = [bar.open, bar.high, bar.low, bar.close].map((v) => toDecimal(v));
    assertEquals(h!.gte(o!) && h!.gte(c!) && l!.lte(o!) && l!.lte(c!), true);
  }
  assertEquals(syntheticHistoricalBars(query), bars);
});
