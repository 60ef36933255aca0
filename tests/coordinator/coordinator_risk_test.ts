import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import { toDecimal } from "../../src/model/mod.ts";
import { GroupExposureCheck, LiveTradingGuard } from "../../src/risk/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import type { SimVenue } from "../../src/venues/sim/mod.ts";
import { eventsNamed, flatBars, minuteBars, runScenario } from "./_harness.ts";

function scripted(id: string, symbols: string[], script: Record<string, unknown>[]) {
  return { id, type: "scripted", symbols, params: { script } };
}

Deno.test("an order above max_order_notional is denied, reported to telemetry and to the strategy", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      risk: { max_order_notional: 1000 },
      strategies: [scripted("s", ["AAPL"], [{ bar: 1, symbol: "AAPL", target: 20 }])],
    },
    bars: { AAPL: flatBars("AAPL", 3, 100) },
  });
  assertEqual(coordinator.orders.all().length, 0);
  assertEqual(coordinator.riskGuard.checkCount, 1);
  const denied = eventsNamed(events, "risk.denied", "s");
  assertEquals(denied.map((e) => e.rule), ["max_order_notional"]);
  assert(String(denied[0]?.reason).includes("2000.00 exceeds max_order_notional 1000"));
  const told = eventsNamed(events, "strategy.log", "s").filter((e) => e.message === "denied");
  assertEquals(told.map((e) => e.rule), ["max_order_notional"]);
});

Deno.test("a daily loss breach switches to REDUCING: increasing orders are denied, reducing ones pass", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 1000000 },
      risk: { daily_loss_limit: 1000 },
      strategies: [scripted("s", ["AAPL"], [
        { bar: 1, symbol: "AAPL", target: 100 },
        { bar: 5, symbol: "AAPL", target: 200 },
        { bar: 6, symbol: "AAPL", target: 40 },
      ])],
    },
    bars: { AAPL: minuteBars("AAPL", [100, 100, 90, 80, 80, 80, 80, 80]) },
  });
  assertEquals(eventsNamed(events, "risk.denied", "s").map((e) => e.rule), ["daily_loss"]);
  assertEquals(coordinator.orders.all().map((o) => [o.request.side, o.quantity]), [
    ["BUY", 100],
    ["SELL", 60],
  ]);
  const states = eventsNamed(events, "strategy.coordinator").filter((e) =>
    e.kind === "trading_state"
  );
  assertEquals(states.map((e) => e.to), ["REDUCING"]);
});

Deno.test("a group exposure cap plugged into the RiskGuard denies orders across strategies", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 1000000 },
      strategies: [
        scripted("a", ["AAPL"], [{ bar: 1, symbol: "AAPL", target: 60 }]),
        scripted("b", ["MSFT"], [{ bar: 2, symbol: "MSFT", target: 60 }]),
      ],
    },
    bars: { AAPL: flatBars("AAPL", 4, 100), MSFT: flatBars("MSFT", 4, 100) },
    riskChecks: [
      new GroupExposureCheck({
        groups: { AAPL: "tech", MSFT: "tech" },
        caps: { tech: toDecimal(10_000) },
      }),
    ],
  });
  assertEquals(coordinator.orders.all().map((o) => o.request.strategyId), ["a"]);
  assertEquals(eventsNamed(events, "risk.denied", "b").map((e) => e.rule), ["max_group_exposure"]);
});

function ibkrLooking(
  sim: SimVenue,
  port: number,
  accounts: { isPaper: boolean; id: string }[],
): Venue {
  let snapshots = 0;
  const account = () => {
    const next = accounts[Math.min(snapshots++, accounts.length - 1)]!;
    return { accountId: next.id, isPaper: next.isPaper, currency: "USD" };
  };
  return {
    endpoint: { kind: "ibkr", host: "127.0.0.1", port },
    clock: sim.clock,
    marketData: sim.marketData,
    broker: sim.broker,
    account: { snapshot: () => Promise.resolve(account()) },
    connect: async (bus) => (await sim.connect(bus), account()),
    run: (signal) => sim.run(signal),
    close: () => sim.close(),
  };
}

Deno.test("a live account without --live and IBKR_LIVE_ACK refuses to start and sends nothing", async () => {
  const { startError, coordinator } = await runScenario({
    graph: { strategies: [scripted("s", ["AAPL"], [{ bar: 1, symbol: "AAPL", target: 10 }])] },
    bars: { AAPL: flatBars("AAPL", 3) },
    wrapVenue: (sim) => ibkrLooking(sim, 7496, [{ id: "U1234567", isPaper: false }]),
    liveGuard: new LiveTradingGuard({ liveFlag: true, acknowledgement: "U7654321" }),
  });
  assert(startError instanceof Error);
  assert(startError.message.includes("live trading refused"));
  assertEqual(coordinator.orders.all().length, 0);
  assertEqual(coordinator.riskGuard.checkCount, 0);
});

Deno.test("the live guard is checked again before every order: an account that turns live mid-run gets no order", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted("s", ["AAPL"], [
        { bar: 1, symbol: "AAPL", target: 10 },
        { bar: 4, symbol: "AAPL", target: 20 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 6) },
    yieldEvery: 1,
    wrapVenue: (sim) =>
      ibkrLooking(sim, 7497, [{ id: "DU1234567", isPaper: true }, {
        id: "U1234567",
        isPaper: false,
      }]),
    onBus: (bus) => {
      bus.subscribe("bar", (bar) => {
        if (bar.ts === flatBars("AAPL", 3)[2]!.ts) {
          bus.publish("venue_health", {
            kind: "resumed",
            message: "test: reconnected",
            ts: bar.ts,
          });
        }
      });
    },
  });
  assertEquals(coordinator.orders.all().map((o) => o.quantity), [10]);
  assertEquals(eventsNamed(events, "risk.denied", "s").map((e) => e.rule), ["live_guard"]);
});
