import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DEFAULT_BACKOFF, reconnectDelay } from "./backoff.ts";

Deno.test("reconnectDelay doubles from 1 s and stops at 30 s", () => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((n) =>
    reconnectDelay(n, DEFAULT_BACKOFF, () => 0.5)
  );
  assertEquals(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

Deno.test("reconnectDelay jitters by ±10 % and never exceeds the maximum", () => {
  assertEquals(reconnectDelay(1, DEFAULT_BACKOFF, () => 0), 900);
  assertEquals(reconnectDelay(1, DEFAULT_BACKOFF, () => 0.999999), 1100);
  assertEquals(reconnectDelay(9, DEFAULT_BACKOFF, () => 0.999999), 30000);
  assertEquals(reconnectDelay(9, DEFAULT_BACKOFF, () => 0), 27000);
});

Deno.test("reconnectDelay honours injected short delays for tests", () => {
  const fast = { initialMs: 5, maxMs: 20, jitter: 0 };
  assertEquals([1, 2, 3, 4].map((n) => reconnectDelay(n, fast, Math.random)), [5, 10, 20, 20]);
});
