import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { logs, named, pushBars, startIbkrRun, T0 } from "./_harness.ts";

const fifteenSeconds = { bar_size: "15s", heartbeat_timeout_seconds: 600 };

sanitizedTest(
  "two strategies on one symbol share one subscription; their targets become orders whose fills land in each book",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: "190.25" } });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: fifteenSeconds,
        strategies: [
          {
            id: "fast",
            type: "scripted",
            symbols: ["AAPL"],
            params: { script: [{ bar: 1, symbol: "AAPL", target: 10 }] },
          },
          {
            id: "slow",
            type: "scripted",
            symbols: ["AAPL"],
            params: { script: [{ bar: 2, symbol: "AAPL", target: -4, limit: 189.5 }] },
          },
        ],
      },
    });
    try {
      const rtb = await tws.waitFor("REQ_REAL_TIME_BARS");
      assertEquals([rtb.contract.symbol, rtb.contract.conId, rtb.barSize, rtb.whatToShow], [
        "AAPL",
        265598,
        5,
        "TRADES",
      ]);
      pushBars(tws, "AAPL", T0, 3, 190);
      await run.waitFor(
        () => run.coordinator.portfolio.position("fast", "AAPL") === 10 ? true : undefined,
        "fast's fill",
      );
      pushBars(tws, "AAPL", T0 + 15_000, 3, 190);
      await run.waitFor(
        () => run.coordinator.portfolio.position("slow", "AAPL") === -4 ? true : undefined,
        "slow's fill",
      );
      const orders = tws.requests("PLACE_ORDER");
      assertEquals(
        orders.map((o) => [
          o.action,
          o.totalQuantity.toString(),
          o.orderType,
          o.lmtPrice?.toString(),
          o.orderRef,
          o.tif,
          o.account,
          o.transmit,
        ]),
        [
          ["BUY", "10", "MKT", undefined, "fast-1", "DAY", "DU1234567", true],
          ["SELL", "4", "LMT", "189.5", "slow-2", "DAY", "DU1234567", true],
        ],
      );
      assertEquals(orders.map((o) => o.orderId), [1, 2]);
      assertEquals([tws.count("REQ_MKT_DATA"), tws.count("REQ_REAL_TIME_BARS")], [1, 1]);
      assertEquals(logs(run.events, "fast", "fill").map((e) => [e.side, String(e.quantity)]), [[
        "BUY",
        "10",
      ]]);
      const fills = named(run.events, "order.fill");
      assertEquals(fills.map((e) => [e.strategy_id, String(e.commission)]), [
        ["fast", "1"],
        ["slow", "1"],
      ]);
    } finally {
      await run.finish();
    }
    assertEquals(tws.protocolErrors, []);
  },
);

sanitizedTest(
  "partial fills arrive as partially_filled statuses and each execution lands in the book",
  async () => {
    await using tws = await FakeTws.start({
      fillPrices: { MSFT: 410 },
      fillMode: { mode: "partial", pieces: 3 },
    });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: fifteenSeconds,
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["MSFT"],
          params: { script: [{ bar: 1, symbol: "MSFT", target: 9 }] },
        }],
      },
    });
    try {
      await tws.waitFor("REQ_REAL_TIME_BARS");
      pushBars(tws, "MSFT", T0, 3, 410);
      await run.waitFor(
        () =>
          named(run.events, "order.status").some((e) => e.status === "filled") ? true : undefined,
        "the order to fill",
      );
      await run.waitFor(
        () => run.coordinator.portfolio.position("s", "MSFT") === 9 ? true : undefined,
        "three fills",
      );
      assertEquals(
        named(run.events, "order.status").map((e) => [e.status, String(e.filled)]),
        [["submitted", "0"], ["partially_filled", "3"], ["partially_filled", "6"], [
          "filled",
          "9",
        ]],
      );
      assertEquals(named(run.events, "order.fill").map((e) => String(e.quantity)), ["3", "3", "3"]);
      assertEquals(tws.count("PLACE_ORDER"), 1);
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest("a 201 rejection reaches the strategy as a venue_reject denial", async () => {
  await using tws = await FakeTws.start({
    reject: { next: 1, reason: "Insufficient buying power" },
  });
  const run = await startIbkrRun({
    tws,
    graph: {
      settings: fifteenSeconds,
      strategies: [{
        id: "s",
        type: "scripted",
        symbols: ["AAPL"],
        params: { script: [{ bar: 1, symbol: "AAPL", target: 5 }] },
      }],
    },
  });
  try {
    await tws.waitFor("REQ_REAL_TIME_BARS");
    pushBars(tws, "AAPL", T0, 3, 190);
    const [denial] = await run.waitFor(
      () => {
        const denied = logs(run.events, "s", "denied");
        return denied.length > 0 ? denied : undefined;
      },
      "the denial",
    );
    assertEquals([denial?.rule, denial?.quantity], ["venue_reject", 5]);
    assertEquals(
      denial?.reason,
      "Order rejected - reason:Insufficient buying power (IB error 201)",
    );
    assertEquals(named(run.events, "order.status").map((e) => e.status), ["rejected"]);
    assertEquals(run.coordinator.portfolio.position("s", "AAPL"), 0);
  } finally {
    await run.finish();
  }
});

sanitizedTest("a working limit order is cancelled at TWS when the run stops", async () => {
  await using tws = await FakeTws.start({ fillPrices: { AAPL: 190 } });
  const run = await startIbkrRun({
    tws,
    graph: {
      settings: fifteenSeconds,
      strategies: [{
        id: "s",
        type: "scripted",
        symbols: ["AAPL"],
        params: { script: [{ bar: 1, symbol: "AAPL", target: 5, limit: 150 }] },
      }],
    },
  });
  let stopped = false;
  try {
    await tws.waitFor("REQ_REAL_TIME_BARS");
    pushBars(tws, "AAPL", T0, 3, 190);
    const placed = await tws.waitFor("PLACE_ORDER");
    await run.waitFor(
      () => named(run.events, "order.status").some((e) => e.status === "submitted") || undefined,
      "the acknowledgement",
    );
    await run.finish();
    stopped = true;
    assertEquals(tws.requests("CANCEL_ORDER").map((c) => c.orderId), [placed.orderId]);
    assertEquals(tws.order(placed.orderId).status, "Cancelled");
    assertEquals(named(run.events, "order.status").map((e) => e.status), [
      "submitted",
      "cancelled",
    ]);
  } finally {
    if (!stopped) await run.finish();
  }
});

sanitizedTest(
  "an unknown symbol fails the start with IB's no-security-definition error",
  async () => {
    await using tws = await FakeTws.start();
    let message = "";
    try {
      await startIbkrRun({
        tws,
        graph: {
          strategies: [{ id: "s", type: "scripted", symbols: ["NOPE"], params: {} }],
        },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    assertEquals(message.includes("no security definition for NOPE (IB error 200)"), true, message);
    assertEquals([tws.count("REQ_MKT_DATA"), tws.count("PLACE_ORDER")], [0, 0]);
  },
);

sanitizedTest(
  "several managed accounts without venue.account fail the start naming them",
  async () => {
    await using tws = await FakeTws.start({ accounts: ["DU111", "DU222"] });
    let message = "";
    try {
      await startIbkrRun({
        tws,
        graph: { strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], params: {} }] },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    assertEquals(
      message,
      "TWS manages several accounts (DU111, DU222): set venue.account in the graph to the one to trade",
    );
    await tws.waitForNoClients();
    assertEquals(tws.count("REQ_MKT_DATA"), 0);
  },
);

sanitizedTest(
  "venue.account selects one of several accounts for orders and positions",
  async () => {
    await using tws = await FakeTws.start({
      accounts: ["DU111", "DU222"],
      fillPrices: { AAPL: 190 },
      positions: { MSFT: { quantity: 7, avgCost: 400, account: "DU111" } },
    });
    const run = await startIbkrRun({
      tws,
      venue: { account: "DU222" },
      graph: {
        settings: fifteenSeconds,
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          params: { script: [{ bar: 1, symbol: "AAPL", target: 1 }] },
        }],
      },
    });
    try {
      assertEquals(await run.venue.broker.positions(), []);
      await tws.waitFor("REQ_REAL_TIME_BARS");
      pushBars(tws, "AAPL", T0, 3, 190);
      const order = await tws.waitFor("PLACE_ORDER");
      assertEquals(order.account, "DU222");
      await run.waitFor(
        () => run.coordinator.portfolio.position("s", "AAPL") === 1 || undefined,
        "the fill",
      );
      const positions = await run.venue.broker.positions();
      assertEquals(positions.map((p) => [p.symbol, p.quantity.toString()]), [["AAPL", "1"]]);
    } finally {
      await run.finish();
    }
  },
);
