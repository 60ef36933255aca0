import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Bar } from "../model/mod.ts";
import { BarTally } from "./bar_tally.ts";

function bar(symbol: string, ts: number): Bar {
  return { symbol, ts, open: 1, high: 1, low: 1, close: 1, volume: 1 };
}

Deno.test("BarTally counts the bars strategies got per symbol, alphabetically, with their first and last time", () => {
  const tally = new BarTally();
  for (const ts of [120, 0, 60]) tally.record(bar("MSFT", ts));
  tally.record(bar("AAPL", 60));
  tally.recordSource(bar("AAPL", 0)); // the venue's bars are the strategies' own: not counted apart
  assertEquals(tally.symbols(), [
    { symbol: "AAPL", count: 1, first: 60, last: 60 },
    { symbol: "MSFT", count: 3, first: 0, last: 120 },
  ]);
});

Deno.test("BarTally of an aggregated run counts the venue bars apart, also for a symbol whose bars never completed", () => {
  const tally = new BarTally({ sourceBarSizeMs: 60_000 });
  for (let i = 0; i < 10; i++) tally.recordSource(bar("AAPL", i * 60_000));
  tally.record(bar("AAPL", 0));
  tally.record(bar("AAPL", 300_000));
  tally.recordSource(bar("MSFT", 0));
  assertEquals(tally.symbols(), [
    { symbol: "AAPL", count: 2, first: 0, last: 300_000, source: { count: 10, barSizeMs: 60_000 } },
    { symbol: "MSFT", count: 0, source: { count: 1, barSizeMs: 60_000 } },
  ]);
});
