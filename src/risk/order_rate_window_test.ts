import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { OrderRateWindow } from "./order_rate_window.ts";

Deno.test("OrderRateWindow is full once maxOrders fall inside the last window", () => {
  const window = new OrderRateWindow(3, 60_000);
  window.record(0);
  window.record(10_000);
  assertEquals(window.isFull(20_000), false);
  window.record(20_000);
  assertEquals(window.isFull(20_000), true);
  assertEquals(window.isFull(59_999), true);
  // the order at 0 leaves the window (ts - 60000, ts] at ts = 60000
  assertEquals(window.isFull(60_000), false);
  assertEquals(window.countAt(60_000), 2);
});

Deno.test("OrderRateWindow slides: the oldest of the last maxOrders decides", () => {
  const window = new OrderRateWindow(2, 1_000);
  window.record(0);
  window.record(500);
  // window (0, 1000] no longer holds the order at 0
  assertEquals(window.isFull(1_000), false);
  window.record(1_000);
  // window (400, 1400] holds 500 and 1000
  assertEquals(window.isFull(1_400), true);
  assertEquals(window.countAt(1_400), 2);
  assertEquals(window.isFull(1_500), false);
});

Deno.test("OrderRateWindow rejects a non-positive order count", () => {
  assertThrows(() => new OrderRateWindow(0), /must be an integer >= 1/);
});
