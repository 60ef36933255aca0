import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { TradingBus } from "../../src/bus/mod.ts";
import { eventsNamed, flatBars, runScenario, T0 } from "./_harness.ts";

/** Publishes `disconnected` before bar `down` and `resumed` before bar `up` (1-based). */
function outage(down: number, up: number) {
  return (bus: TradingBus) => {
    bus.subscribe("bar", (bar) => {
      if (bar.ts === T0 + (down - 1) * 60_000) {
        bus.publish("venue_health", {
          kind: "disconnected",
          message: "test: socket closed",
          ts: bar.ts,
        });
      }
      if (bar.ts === T0 + (up - 1) * 60_000) {
        bus.publish("venue_health", { kind: "resumed", message: "test: restored", ts: bar.ts });
      }
    });
  };
}

const script = [{ bar: 3, symbol: "AAPL", target: 10 }];

Deno.test("intents stated during an outage are held and sent after the venue resumes", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      settings: { intent_expiry_seconds: 600 },
      strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], params: { script } }],
    },
    bars: { AAPL: flatBars("AAPL", 8) },
    yieldEvery: 1,
    onBus: outage(2, 5),
  });
  assertEquals(eventsNamed(events, "coordinator.intent_held", "s").length, 1);
  const order = coordinator.orders.all()[0];
  assertEquals([order?.quantity, order?.request.createdAt], [10, T0 + 4 * 60_000]);
  const reconciled = eventsNamed(events, "coordinator.reconciliation");
  assertEquals(reconciled.map((e) => [e.phase, e.reconciled]), [["resume", true], ["stop", true]]);
  assertEquals(eventsNamed(events, "health.venue").map((e) => e.kind), [
    "connected",
    "disconnected",
    "resumed",
  ]);
});

Deno.test("intents held longer than intent_expiry_seconds are dropped as expired", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      settings: { intent_expiry_seconds: 60 },
      strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], params: { script } }],
    },
    bars: { AAPL: flatBars("AAPL", 8) },
    yieldEvery: 1,
    onBus: outage(2, 6),
  });
  assertEquals(coordinator.orders.all().length, 0);
  assertEquals(
    eventsNamed(events, "coordinator.intent_ignored", "s").map((e) => [e.reason, e.held_for_ms]),
    [["expired", 180_000]],
  );
});
