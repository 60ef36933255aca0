import { deepStrictEqual as assertEquals, equal as assertEqual } from "node:assert/strict";
import { eventsNamed, flatBars, minuteBars, runScenario } from "./_harness.ts";

Deno.test("two strategies' intents are routed through the sim venue and RiskGuard runs once per order", async () => {
  const { result, events, coordinator } = await runScenario({
    graph: {
      strategies: [
        {
          id: "alpha",
          type: "scripted",
          symbols: ["AAPL"],
          params: {
            script: [{ bar: 2, symbol: "AAPL", target: 50 }, { bar: 5, symbol: "AAPL", target: 0 }],
          },
        },
        {
          id: "beta",
          type: "scripted",
          symbols: ["MSFT"],
          params: { script: [{ bar: 3, symbol: "MSFT", target: -20 }] },
        },
      ],
    },
    bars: {
      AAPL: minuteBars("AAPL", [100, 101, 102, 103, 104, 105, 106]),
      MSFT: flatBars("MSFT", 7, 50),
    },
  });
  assertEqual(result?.exitCode, 0);
  const orders = coordinator.orders.all();
  assertEquals(orders.map((o) => [o.request.strategyId, o.request.side, o.quantity, o.status]), [
    ["alpha", "BUY", 50, "filled"],
    ["beta", "SELL", 20, "filled"],
    ["alpha", "SELL", 50, "filled"],
  ]);
  assertEqual(coordinator.riskGuard.checkCount, orders.length);
  assertEqual(coordinator.portfolio.position("alpha", "AAPL"), 0);
  assertEqual(coordinator.portfolio.position("beta", "MSFT"), -20);
  // Market orders fill at the next bar's open: bought on bar 2 -> filled at bar 3's open (101).
  const fills = eventsNamed(events, "order.fill", "alpha");
  assertEquals(fills.map((f) => String(f.price)), ["101", "104"]);
  assertEquals(eventsNamed(events, "coordinator.intent_fulfilled").length, 3);
});

Deno.test("two strategies trading the same symbol keep separate books", async () => {
  const { coordinator } = await runScenario({
    graph: {
      strategies: [
        {
          id: "long",
          type: "scripted",
          symbols: ["AAPL"],
          params: { script: [{ bar: 1, symbol: "AAPL", target: 30 }] },
        },
        {
          id: "short",
          type: "scripted",
          symbols: ["AAPL"],
          params: { script: [{ bar: 1, symbol: "AAPL", target: -10 }] },
        },
      ],
    },
    bars: { AAPL: flatBars("AAPL", 4) },
  });
  assertEqual(coordinator.portfolio.position("long", "AAPL"), 30);
  assertEqual(coordinator.portfolio.position("short", "AAPL"), -10);
  assertEqual(coordinator.portfolio.netPosition("AAPL").toNumber(), 20);
});
