import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
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
