/**
 * Target-position management when the venue answers late (cancels and
 * modifications a bar later, executions after their status), fails a cancel,
 * or drops the link: the newest target is always the one pursued, and a
 * refused or impossible modification falls back to cancelling. Each test is a
 * reproduction from the review of the order path.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { TradingBus } from "../../src/bus/mod.ts";
import type { TelemetryEvent } from "../../src/model/mod.ts";
import { eventsNamed, flatBars, minuteBars, runScenario, T0 } from "./_harness.ts";
import { slowVenue } from "./_slow_venue.ts";

function scripted(script: Record<string, unknown>[]) {
  return { id: "s", type: "scripted", symbols: ["AAPL"], params: { script } };
}

const SIZING = { max_position: 1000, max_notional: 1_000_000 };

/** `[side, total quantity, status]` of every order. */
function orders(
  coordinator: { orders: { all(): { side: string; quantity: number; status: string }[] } },
) {
  return coordinator.orders.all().map((o) => [o.side, o.quantity, o.status]);
}

function fulfilled(events: readonly TelemetryEvent[]): string[] {
  return eventsNamed(events, "coordinator.intent_fulfilled", "s").map((e) =>
    `${e.action} ${e.side} ${e.quantity} -> ${e.target}`
  );
}

Deno.test("a target restated while the order's cancel is pending waits and is the one pursued", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 20 },
        { bar: 3, symbol: "AAPL", target: 100, limit: 50 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 6) },
    wrapVenue: (sim) => slowVenue(sim, { lateCancels: true }),
  });
  assertEquals(
    eventsNamed(events, "coordinator.intent_deferred", "s").map((e) => [e.target, e.reason]),
    [[20, "awaiting_cancel"], [100, "awaiting_cancel"]],
  );
  assertEquals(fulfilled(events), ["new_order BUY 100 -> 100", "new_order BUY 100 -> 100"]);
  assertEquals(eventsNamed(events, "coordinator.intent_ignored", "s"), []);
  // s-1 cancelled for the MKT target; s-2, the newest target's order, cancelled by the stop.
  assertEquals(orders(coordinator), [["BUY", 100, "cancelled"], ["BUY", 100, "cancelled"]]);
});

Deno.test("a target restated while a modification is pending waits and wins once it is answered", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 30, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 100, limit: 50 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 7) },
    wrapVenue: (sim) => slowVenue(sim, { lateModifications: true }),
  });
  assertEquals(fulfilled(events), [
    "new_order BUY 100 -> 100",
    "amend BUY 30 -> 30",
    "amend BUY 100 -> 100",
  ]);
  assertEquals(eventsNamed(events, "order.amended", "s").map((e) => String(e.quantity)), [
    "30",
    "100",
  ]);
  assertEquals(orders(coordinator), [["BUY", 100, "cancelled"]]); // cancelled by the stop
});

Deno.test("a delta stated while a shrinking modification is pending builds on the new quantity", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 30, limit: 50 },
        { bar: 3, symbol: "AAPL", trade: 10, limit: 50 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 7) },
    wrapVenue: (sim) => slowVenue(sim, { lateModifications: true }),
  });
  const received = eventsNamed(events, "coordinator.intent_received", "s");
  assertEquals(received.map((e) => [e.working, e.requested_target]), [[0, 100], [100, 30], [
    30,
    40,
  ]]);
  assertEquals(orders(coordinator), [["BUY", 40, "cancelled"]]);
});

Deno.test("a target below what the venue already filled cancels instead of amending, then sells the excess", async () => {
  // BUY 100 fills 60 at bar 3; the execution arrives only after bar 3 (IBKR: after the commission
  // report). A target of 30 stated at bar 3 cannot be an amendment to a total of 30 < 60.
  const { events, coordinator } = await runScenario({
    graph: {
      venue: { type: "sim", partial_fill_ratio: "0.6" },
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100 },
        { bar: 3, symbol: "AAPL", target: 30 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 10) },
    wrapVenue: (sim) => slowVenue(sim, { lateFill: (fill) => fill.execId === "SIM-1" }),
  });
  assertEquals(fulfilled(events), ["new_order BUY 100 -> 100", "new_order SELL 30 -> 30"]);
  assertEquals(eventsNamed(events, "order.amendment_rejected", "s"), []);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 30);
});

Deno.test("a cancel the venue could not take is asked again at the next cadence", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 20 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 8) },
    // The failure arrives asynchronously (a rejected promise): let it land between bars.
    yieldEvery: 1,
    wrapVenue: (sim) => slowVenue(sim, { failFirstCancel: true }),
  });
  assertEquals(eventsNamed(events, "order.cancel_failed", "s").length, 1);
  assertEquals(fulfilled(events), ["new_order BUY 100 -> 100", "new_order BUY 20 -> 20"]);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 20);
});

Deno.test("in REDUCING reached on the same bar, a flip is still cut to flat", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: SIZING,
      risk: { daily_loss_limit: 500 },
      strategies: [scripted([
        { bar: 1, symbol: "AAPL", target: 100 },
        { bar: 3, symbol: "AAPL", target: -100 },
      ])],
    },
    bars: { AAPL: minuteBars("AAPL", [100, 100, 90, 90, 90]) },
  });
  assertEquals(eventsNamed(events, "risk.denied", "s"), []);
  assertEquals(fulfilled(events), ["new_order BUY 100 -> 100", "new_order SELL 100 -> 0"]);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 0);
});

Deno.test("after an outage the newest target wins over an older one whose cancel settled meanwhile", async () => {
  let bus: TradingBus | undefined;
  const { events, coordinator } = await runScenario({
    graph: {
      settings: { intent_expiry_seconds: 3600 },
      sizing: SIZING,
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100, limit: 50 },
        { bar: 3, symbol: "AAPL", target: 20 },
        { bar: 4, symbol: "AAPL", target: 30 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 9) },
    yieldEvery: 1,
    wrapVenue: (sim) => slowVenue(sim, { lateCancels: true }),
    onBus: (b) => {
      bus = b;
      b.subscribe("bar", (bar) => {
        const n = (bar.ts - T0) / 60_000 + 1;
        if (n === 3) {
          b.publish("venue_health", { kind: "disconnected", message: "drop", ts: bar.ts });
        }
        if (n === 6) bus?.publish("venue_health", { kind: "resumed", message: "back", ts: bar.ts });
      });
    },
  });
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 30);
  assertEquals(fulfilled(events).at(-1), "new_order BUY 30 -> 30");
});

Deno.test("a disconnect during the resume reconciliation keeps intents held", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      settings: { intent_expiry_seconds: 600 },
      strategies: [scripted([{ bar: 6, symbol: "AAPL", target: 10 }])],
    },
    bars: { AAPL: flatBars("AAPL", 8) },
    yieldEvery: 1,
    onBus: (bus) => {
      bus.subscribe("bar", (bar) => {
        const n = (bar.ts - T0) / 60_000 + 1;
        if (n === 2) {
          bus.publish("venue_health", { kind: "disconnected", message: "1", ts: bar.ts });
        }
        if (n === 4) {
          bus.publish("venue_health", { kind: "resumed", message: "back", ts: bar.ts });
          bus.publish("venue_health", { kind: "disconnected", message: "2", ts: bar.ts });
        }
      });
    },
  });
  assertEquals(eventsNamed(events, "coordinator.intent_held", "s").length, 1);
  assertEquals(coordinator.orders.size, 0);
});

Deno.test("max_order_size judges a modification's total, not only its increase", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      venue: { type: "sim", partial_fill_ratio: "0.9" },
      sizing: SIZING,
      risk: { max_order_size: 100 },
      strategies: [scripted([
        { bar: 2, symbol: "AAPL", target: 100 },
        { bar: 3, symbol: "AAPL", target: 190 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 5) },
  });
  assertEquals(eventsNamed(events, "risk.denied", "s").map((e) => e.rule), ["max_order_size"]);
  assertEquals(orders(coordinator), [["BUY", 100, "filled"]]);
});
