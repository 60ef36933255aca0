import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { formatIbUtc, parseIbTime } from "./ib_time.ts";

Deno.test("formatIbUtc writes yyyyMMdd-HH:mm:ss in UTC", () => {
  assertEquals(formatIbUtc(Date.UTC(2025, 0, 2, 15, 4, 5, 999)), "20250102-15:04:05");
});

Deno.test("parseIbTime reads execution times with a zone, without one, bar dates and epoch seconds", () => {
  assertEquals(parseIbTime("20250102 15:30:00 UTC"), Date.UTC(2025, 0, 2, 15, 30));
  assertEquals(parseIbTime("20250102 10:30:00 US/Eastern"), Date.UTC(2025, 0, 2, 15, 30));
  assertEquals(parseIbTime("20250102  15:30:00"), Date.UTC(2025, 0, 2, 15, 30));
  assertEquals(parseIbTime("20250102"), Date.UTC(2025, 0, 2));
  assertEquals(parseIbTime("1735831800"), 1735831800_000);
  assertEquals([parseIbTime("yesterday"), parseIbTime(undefined)], [undefined, undefined]);
});
