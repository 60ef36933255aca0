import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Fill, type OrderRequest, type OrderStatusEvent, toDecimal } from "../model/mod.ts";
import { OrderTracker } from "./order_tracker.ts";

function order(id: string, side: "BUY" | "SELL", quantity: number): OrderRequest {
  return {
    id,
    strategyId: "s",
    symbol: "AAPL",
    side,
    quantity: toDecimal(quantity),
    type: "MKT",
    tif: "DAY",
    createdAt: 0,
  };
}

function fill(orderId: string, quantity: number, execId = `${orderId}-${quantity}`): Fill {
  return {
    execId,
    orderId,
    symbol: "AAPL",
    side: "BUY",
    quantity: toDecimal(quantity),
    price: toDecimal(10),
    commission: toDecimal(1),
    ts: 0,
  };
}

function status(orderId: string, s: OrderStatusEvent["status"], filled: number): OrderStatusEvent {
  return { orderId, status: s, filled: toDecimal(filled), remaining: toDecimal(0), ts: 0 };
}

Deno.test("OrderTracker counts a new order's full quantity as working, signed by side", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "BUY", 100), counter);
  tracker.add(order("b", "SELL", 30), counter);
  assertEquals(counter.working, 70);
  assertEquals(tracker.workingCount, 2);
});

Deno.test("OrderTracker reduces working quantity with each partial fill", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "BUY", 100), counter);
  tracker.applyFill(fill("a", 40));
  assertEquals(counter.working, 60);
  tracker.applyFill(fill("a", 60));
  assertEquals(counter.working, 0);
});

Deno.test("OrderTracker keeps a filled order working until its execution arrives", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "BUY", 100), counter);
  tracker.applyStatus(status("a", "filled", 100));
  assertEquals(counter.working, 100);
  assertEquals(tracker.workingCount, 0);
  tracker.applyFill(fill("a", 100));
  assertEquals(counter.working, 0);
});

Deno.test("OrderTracker removes the unfilled rest of a cancelled order", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "SELL", 100), counter);
  tracker.applyFill(fill("a", 30));
  tracker.applyStatus(status("a", "cancelled", 30));
  assertEquals(counter.working, 0);
  assertEquals(tracker.get("a")?.status, "cancelled");
});

Deno.test("OrderTracker ignores statuses after a terminal one and unknown order ids", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "BUY", 10), counter);
  tracker.applyStatus(status("a", "rejected", 0));
  tracker.applyStatus(status("a", "submitted", 0));
  assertEquals(tracker.get("a")?.status, "rejected");
  assertEquals(tracker.applyFill(fill("zzz", 1)), undefined);
  assertEquals(counter.working, 0);
});

Deno.test("OrderTracker abandon finishes a live order and releases its working quantity", () => {
  const tracker = new OrderTracker();
  const counter = { working: 0 };
  tracker.add(order("a", "BUY", 10), counter);
  assertEquals(tracker.abandon("a", "cancelled"), true);
  assertEquals(tracker.abandon("a", "cancelled"), false);
  assertEquals(counter.working, 0);
  assertEquals(tracker.workingOrders(), []);
});
