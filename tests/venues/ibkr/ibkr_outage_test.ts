import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import { toDecimal, type VenueHealthEvent } from "../../../src/model/mod.ts";
import { TwsDisconnectedError } from "../../../src/venues/ibkr/mod.ts";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { type IbkrRun, logs, named, pushBars, startIbkrRun, T0 } from "./_harness.ts";

const kinds = (health: readonly VenueHealthEvent[]) => health.map((h) => h.kind);

function waitForHealth(run: IbkrRun, kind: string, count = 1): Promise<true> {
  return run.waitFor(
    () => run.health.filter((h) => h.kind === kind).length >= count ? true : undefined,
    `${count} x venue_health ${kind}`,
  );
}

const graph = {
  settings: { bar_size: "15s", heartbeat_timeout_seconds: 600, intent_expiry_seconds: 600 },
  strategies: [
    {
      id: "apple",
      type: "scripted",
      symbols: ["AAPL"],
      params: { script: [{ bar: 1, symbol: "AAPL", target: 10 }] },
    },
    {
      id: "micro",
      type: "scripted",
      symbols: ["MSFT"],
      params: { script: [{ bar: 1, symbol: "MSFT", target: 5 }] },
    },
  ],
};

sanitizedTest(
  "after a dropped socket the venue reconnects with backoff, resubscribes once, recovers outage fills and never re-places an order",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" } });
    const run = await startIbkrRun({ tws, graph });
    try {
      await tws.waitFor("REQ_REAL_TIME_BARS", { count: 2 });
      pushBars(tws, "AAPL", T0, 3, 190);
      pushBars(tws, "MSFT", T0, 3, 410);
      await tws.waitFor("PLACE_ORDER", { count: 2 });
      await run.waitFor(
        () => named(run.events, "order.status").length >= 2 || undefined,
        "both orders acknowledged",
      );
      const apple = tws.requests("PLACE_ORDER").find((o) => o.orderRef === "apple-1")!;
      const micro = tws.requests("PLACE_ORDER").find((o) => o.orderRef === "micro-2")!;

      tws.setAcceptConnections(false);
      await tws.dropConnection();
      await waitForHealth(run, "disconnected");
      const outageFill = tws.fillOrder(apple.orderId, { price: "190.5" });
      assertEquals(outageFill.whileDisconnected, true);
      await rejects(
        run.venue.broker.submit({
          id: "apple-99",
          strategyId: "apple",
          symbol: "AAPL",
          side: "BUY",
          quantity: toDecimal(1),
          type: "MKT",
          tif: "DAY",
          createdAt: T0,
        }),
        TwsDisconnectedError,
      );
      await waitForHealth(run, "reconnecting", 3);
      tws.setAcceptConnections(true);
      await waitForHealth(run, "resumed");
      await run.waitFor(
        () => named(run.events, "coordinator.reconciliation").length > 0 || undefined,
        "the coordinator's reconciliation",
      );

      const afterDrop = run.health.slice(run.health.findIndex((h) => h.kind === "disconnected"));
      const sequence = kinds(afterDrop).filter((k) => k !== "reconnecting");
      assertEquals(sequence, [
        "disconnected",
        "reconnected",
        "resubscribed",
        "resubscribed",
        "executions_recovered",
        "reconciled",
        "resumed",
      ]);
      assertEquals(
        afterDrop.filter((h) => h.kind === "reconnecting").map((h) => h.detail?.attempt)
          .slice(0, 3),
        [1, 2, 3],
      );
      assertEquals(afterDrop.find((h) => h.kind === "executions_recovered")?.detail?.count, 1);
      assertEquals(
        ["AAPL", "MSFT"].map((symbol) =>
          tws.requests("REQ_MKT_DATA").filter((r) => r.contract.symbol === symbol).length
        ),
        [2, 2],
      );
      assertEquals(tws.count("REQ_REAL_TIME_BARS"), 4);
      assertEquals(tws.count("PLACE_ORDER"), 2);
      const recovery = tws.requests("REQ_EXECUTIONS");
      assertEquals(recovery.map((r) => [r.filter.clientId, r.filter.acctCode]), [[
        7,
        "DU1234567",
      ]]);
      assertEquals(run.coordinator.portfolio.position("apple", "AAPL"), 10);
      assertEquals(run.coordinator.portfolio.position("micro", "MSFT"), 0);
      assertEquals(
        named(run.events, "order.status", "apple").map((e) => e.status),
        ["submitted", "filled"],
      );
      assertEquals(
        named(run.events, "coordinator.reconciliation")[0]?.orders_no_longer_working,
        [],
      );

      tws.fillOrder(micro.orderId, { price: 411 });
      await run.waitFor(
        () => run.coordinator.portfolio.position("micro", "MSFT") === 5 || undefined,
        "the fill of the order placed before the outage",
      );
      assertEquals(logs(run.events, "micro", "fill").length, 1);
      assertEquals(tws.count("PLACE_ORDER"), 2);
    } finally {
      await run.finish();
    }
    assertEquals(tws.protocolErrors, []);
  },
);

sanitizedTest(
  "1100 pauses and holds intents, 1101 resubscribes on the same socket, 1102 does not",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: 190 } });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "15s", heartbeat_timeout_seconds: 600, intent_expiry_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          params: { log_bars: true, script: [{ bar: 2, symbol: "AAPL", target: 3 }] },
        }],
      },
    });
    try {
      await tws.waitFor("REQ_REAL_TIME_BARS");
      pushBars(tws, "AAPL", T0, 3, 190);
      await run.waitFor(() => logs(run.events, "s", "bar").length === 1 || undefined, "bar 1");

      tws.sendInfo(1100, "Connectivity between IB and Trader Workstation has been lost.");
      await waitForHealth(run, "disconnected");
      pushBars(tws, "AAPL", T0 + 15_000, 3, 190);
      await run.waitFor(
        () => named(run.events, "coordinator.intent_held", "s").length === 1 || undefined,
        "the held intent",
      );
      assertEquals(tws.count("PLACE_ORDER"), 0);

      tws.sendInfo(1101, "Connectivity between IB and TWS has been restored- data lost.");
      await waitForHealth(run, "resumed");
      await run.waitFor(
        () => run.coordinator.portfolio.position("s", "AAPL") === 3 || undefined,
        "the released intent's fill",
      );
      assertEquals(tws.count("PLACE_ORDER"), 1);
      assertEquals([tws.count("REQ_MKT_DATA"), tws.count("CANCEL_MKT_DATA")], [2, 1]);
      assertEquals([tws.count("REQ_REAL_TIME_BARS"), tws.count("CANCEL_REAL_TIME_BARS")], [2, 1]);

      tws.sendInfo(1100, "Connectivity between IB and Trader Workstation has been lost.");
      await waitForHealth(run, "disconnected", 2);
      tws.sendInfo(1102, "Connectivity between IB and TWS has been restored- data maintained.");
      await waitForHealth(run, "resumed", 2);
      assertEquals([tws.count("REQ_MKT_DATA"), tws.count("REQ_REAL_TIME_BARS")], [2, 2]);
      assertEquals(tws.connectionAttempts, 1);
      assertEquals(run.health.filter((h) => h.code !== undefined).map((h) => [h.kind, h.code]), [
        ["disconnected", 1100],
        ["reconnected", 1101],
        ["data_lost", 1101],
        ["disconnected", 1100],
        ["reconnected", 1102],
        ["data_kept", 1102],
      ]);
      assertEquals(run.health.filter((h) => h.kind === "resubscribed").length, 1);
      ok(pushBarsReach(tws));
    } finally {
      await run.finish();
    }
  },
);

/** After a 1102 the original subscription still delivers (the fake keeps it). */
function pushBarsReach(tws: FakeTws): boolean {
  return tws.pushRealTimeBar("AAPL", {
    time: (T0 + 60_000) / 1000,
    open: 190,
    high: 190,
    low: 190,
    close: 190,
  }) === 1;
}

sanitizedTest("stopping the run while TWS is down ends the reconnect loop cleanly", async () => {
  await using tws = await FakeTws.start({ fillMode: { mode: "manual" } });
  const run = await startIbkrRun({ tws, graph });
  let result;
  try {
    await tws.waitFor("REQ_REAL_TIME_BARS", { count: 2 });
    pushBars(tws, "AAPL", T0, 3, 190);
    await tws.waitFor("PLACE_ORDER");
    tws.setAcceptConnections(false);
    await tws.dropConnection();
    await waitForHealth(run, "reconnecting", 2);
  } finally {
    result = await run.finish();
  }
  assertEquals(result.reason, "test_done");
  assertEquals(run.venue.state, "closed");
  assertEquals(named(run.events, "order.cancel_failed").length, 1);
  // The op sanitizer fails this test if a reconnect timer or socket outlived the run.
});
