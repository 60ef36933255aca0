import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Bar } from "../model/mod.ts";
import { BarBacklog } from "./_bar_backlog.ts";

function bar(ts: number): Bar {
  return { symbol: "AAPL", ts, open: 1, high: 1, low: 1, close: 1, volume: 1 };
}

Deno.test("BarBacklog hands bars back first in, first out across its internal compaction", () => {
  const backlog = new BarBacklog(100_000);
  const out: number[] = [];
  let next = 0;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 3_000; i++, next++) backlog.push(bar(next), next);
    for (let i = 0; i < 2_000; i++) out.push((backlog.shift() as Bar).ts);
  }
  while (backlog.size > 0) {
    assertEquals(backlog.headArrival, out.length);
    out.push((backlog.shift() as Bar).ts);
  }
  assertEquals(out, Array.from({ length: next }, (_, i) => i));
  assertEquals([backlog.shift(), backlog.headArrival], [undefined, Number.POSITIVE_INFINITY]);
});

Deno.test("BarBacklog drops the oldest bar when full and says so", () => {
  const backlog = new BarBacklog(2);
  assertEquals([backlog.push(bar(0), 0), backlog.push(bar(1), 1)], [false, false]);
  assertEquals(backlog.push(bar(2), 2), true);
  assertEquals([backlog.size, backlog.headArrival], [2, 1]);
  assertEquals(backlog.clear(), 2);
  assertEquals(backlog.size, 0);
});
