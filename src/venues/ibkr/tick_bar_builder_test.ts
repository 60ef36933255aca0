import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Bar } from "../../model/mod.ts";
import { TickBarBuilder } from "./tick_bar_builder.ts";

const T = Date.UTC(2025, 0, 2, 15, 0);

Deno.test("TickBarBuilder emits a 5-s bar when a trade of the next period arrives", () => {
  const bars: Bar[] = [];
  const builder = new TickBarBuilder("AAPL", 5000, (bar) => bars.push(bar));
  builder.trade(100, 10, T + 100);
  builder.trade(101, 5, T + 2000);
  builder.trade(99.5, 1, T + 4999);
  assertEquals(bars.length, 0);
  builder.trade(100.5, 2, T + 5000);
  assertEquals(bars, [{
    symbol: "AAPL",
    ts: T,
    open: 100,
    high: 101,
    low: 99.5,
    close: 99.5,
    volume: 16,
  }]);
});

Deno.test("TickBarBuilder.flush emits a finished period and leaves a running one", () => {
  const bars: Bar[] = [];
  const builder = new TickBarBuilder("AAPL", 5000, (bar) => bars.push(bar));
  builder.trade(100, 1, T + 1000);
  builder.flush(T + 4999);
  assertEquals(bars.length, 0);
  builder.flush(T + 5000);
  assertEquals(bars.map((b) => [b.ts, b.close]), [[T, 100]]);
  builder.trade(98, 1, T + 3000);
  builder.flush(T + 60_000);
  assertEquals(bars.length, 1);
});
