import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DEFAULT_SESSION_ROLLOVER_MS, nextSessionStart } from "./session_day.ts";

Deno.test("nextSessionStart rolls over at 05:00 UTC by default", () => {
  assertEquals(DEFAULT_SESSION_ROLLOVER_MS, 5 * 3_600_000);
  assertEquals(nextSessionStart(Date.UTC(2024, 0, 2, 15)), Date.UTC(2024, 0, 3, 5));
  // 00:30 UTC (after-hours in New York) still belongs to the previous session day
  assertEquals(nextSessionStart(Date.UTC(2024, 0, 3, 0, 30)), Date.UTC(2024, 0, 3, 5));
  assertEquals(nextSessionStart(Date.UTC(2024, 0, 3, 5)), Date.UTC(2024, 0, 4, 5));
});

Deno.test("nextSessionStart honours a custom rollover", () => {
  assertEquals(nextSessionStart(Date.UTC(2024, 0, 2, 23), 0), Date.UTC(2024, 0, 3));
});
