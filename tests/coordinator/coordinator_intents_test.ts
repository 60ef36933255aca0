import { deepStrictEqual as assertEquals, equal as assertEqual } from "node:assert/strict";
import { eventsNamed, flatBars, minuteBars, runScenario } from "./_harness.ts";

function scripted(script: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return { id: "s", type: "scripted", symbols: ["AAPL"], params: { script }, ...extra };
}

Deno.test("a target beyond the envelope is clipped to max_size and reported as order_clipped", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted([{ bar: 1, symbol: "AAPL", target: 500 }], { max_position: 80 })],
    },
    bars: { AAPL: flatBars("AAPL", 3) },
  });
  const clipped = eventsNamed(events, "order_clipped", "s");
  assertEquals(clipped.map((e) => [e.requested_target, e.clipped_target, e.limit]), [[
    500,
    80,
    "max_size",
  ]]);
  assertEquals(coordinator.orders.all().map((o) => o.quantity), [80]);
});

Deno.test("a target whose value exceeds the notional envelope is clipped to whole shares", async () => {
  const { events } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 5000 },
      strategies: [scripted([{ bar: 1, symbol: "AAPL", target: -200 }])],
    },
    bars: { AAPL: flatBars("AAPL", 3, 99) },
  });
  const clipped = eventsNamed(events, "order_clipped", "s")[0];
  assertEquals([clipped?.clipped_target, clipped?.limit], [-50, "max_notional"]);
});

Deno.test("restating a target while its order is working does not order twice", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted([
        { bar: 1, symbol: "AAPL", target: 40 },
        { bar: 1, symbol: "AAPL", target: 40 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 3) },
  });
  assertEqual(coordinator.orders.all().length, 1);
  assertEquals(
    eventsNamed(events, "coordinator.intent_ignored", "s").map((e) => e.reason),
    ["covered_by_working_order"],
  );
});

Deno.test("a target equal to the current position is ignored as a zero delta", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted([
        { bar: 1, symbol: "AAPL", target: 40 },
        { bar: 3, symbol: "AAPL", target: 40 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 4) },
  });
  assertEqual(coordinator.orders.all().length, 1);
  assertEquals(eventsNamed(events, "coordinator.intent_ignored", "s").map((e) => e.reason), [
    "zero_delta",
  ]);
});

Deno.test("market_delta intents add to the position and a limit price above the market stays working until stop", async () => {
  const { coordinator } = await runScenario({
    graph: {
      strategies: [scripted([
        { bar: 1, symbol: "AAPL", trade: 30 },
        { bar: 3, symbol: "AAPL", trade: -10, limit: 105 },
      ])],
    },
    bars: { AAPL: minuteBars("AAPL", [100, 100, 100, 100, 94, 94]) },
  });
  const orders = coordinator.orders.all();
  assertEquals(orders.map((o) => [o.request.side, o.quantity, o.request.type, o.status]), [
    ["BUY", 30, "MKT", "filled"],
    ["SELL", 10, "LMT", "cancelled"],
  ]);
  assertEqual(coordinator.portfolio.position("s", "AAPL"), 30);
});

Deno.test("intent_received records the requested target, intent_fulfilled the target and delta ordered", async () => {
  const { events } = await runScenario({
    graph: { strategies: [scripted([{ bar: 1, symbol: "AAPL", target: 25 }])] },
    bars: { AAPL: flatBars("AAPL", 2) },
  });
  const received = eventsNamed(events, "coordinator.intent_received", "s")[0];
  const fulfilled = eventsNamed(events, "coordinator.intent_fulfilled", "s")[0];
  assertEquals(
    [
      received?.intent_type,
      received?.requested,
      received?.requested_target,
      fulfilled?.target,
      fulfilled?.delta,
    ],
    ["target_position", 25, 25, 25, 25],
  );
  assertEquals([fulfilled?.order_id, fulfilled?.delta, fulfilled?.side], ["s-1", 25, "BUY"]);
});
