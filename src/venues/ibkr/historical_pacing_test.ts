import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { HistoricalPacing } from "./historical_pacing.ts";

const key = (contract: string, identity: string) => ({ contract, identity });

Deno.test("HistoricalPacing lets a first request go at once", () => {
  assertEquals(new HistoricalPacing().earliestStart(key("1:TRADES", "a"), 1000), 1000);
});

Deno.test("HistoricalPacing delays an identical request until 15 s after the first", () => {
  const pacing = new HistoricalPacing();
  pacing.record(key("1:TRADES", "a"), 1000);
  assertEquals(pacing.earliestStart(key("1:TRADES", "a"), 2000), 16_000);
  assertEquals(pacing.earliestStart(key("1:TRADES", "b"), 2000), 2000);
});

Deno.test("HistoricalPacing allows five requests per contract in 2 s, the sixth waits", () => {
  const pacing = new HistoricalPacing();
  for (let i = 0; i < 5; i++) pacing.record(key("1:TRADES", `p${i}`), 100 * i);
  assertEquals(pacing.earliestStart(key("1:TRADES", "p5"), 500), 2000);
  assertEquals(pacing.earliestStart(key("2:TRADES", "q"), 500), 500);
});

Deno.test("HistoricalPacing allows 60 requests in 10 minutes, the 61st waits for the oldest to age out", () => {
  const pacing = new HistoricalPacing();
  for (let i = 0; i < 60; i++) pacing.record(key(`${i}:TRADES`, `r${i}`), i * 5000);
  assertEquals(pacing.earliestStart(key("99:TRADES", "new"), 300_000), 600_000);
});

Deno.test("HistoricalPacing forgets requests older than every window", () => {
  const pacing = new HistoricalPacing();
  pacing.record(key("1:TRADES", "a"), 0);
  assertEquals(pacing.earliestStart(key("1:TRADES", "a"), 700_000), 700_000);
});
