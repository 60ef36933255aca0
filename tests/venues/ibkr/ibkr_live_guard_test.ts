import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { LiveTradingGuard, LiveTradingRefusedError } from "../../../src/risk/mod.ts";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { IBApi } from "@stoqey/ib";
import { logs, named, startIbkrRun, T0 } from "./_harness.ts";

const graph = {
  settings: { bar_size: "15s", heartbeat_timeout_seconds: 600 },
  strategies: [{
    id: "s",
    type: "scripted",
    symbols: ["AAPL"],
    params: { script: [{ bar: 1, symbol: "AAPL", target: 2 }] },
  }],
};

sanitizedTest(
  "a live (non-DU) account without --live and IBKR_LIVE_ACK never receives an order",
  async () => {
    await using tws = await FakeTws.start({ accounts: ["U7654321"], fillPrices: { AAPL: 190 } });
    let refused: unknown;
    try {
      await startIbkrRun({ tws, graph, liveGuard: new LiveTradingGuard({ liveFlag: false }) });
    } catch (error) {
      refused = error;
    }
    assertEquals(refused instanceof LiveTradingRefusedError, true, String(refused));
    assertEquals(
      (refused as Error).message,
      "live trading refused: account U7654321 is a live (real-money) account although " +
        `127.0.0.1:${tws.port} is not a live port (7496, 4001); to trade it, pass --live and set IBKR_LIVE_ACK=U7654321`,
    );
    assertEquals([tws.count("PLACE_ORDER"), tws.count("REQ_MKT_DATA")], [0, 0]);
  },
);

sanitizedTest("an acknowledgement naming another account is refused as well", async () => {
  await using tws = await FakeTws.start({ accounts: ["U7654321"] });
  let refused: unknown;
  try {
    await startIbkrRun({
      tws,
      graph,
      liveGuard: new LiveTradingGuard({ liveFlag: true, acknowledgement: "U0000001" }),
    });
  } catch (error) {
    refused = error;
  }
  assertEquals(refused instanceof LiveTradingRefusedError, true);
  assertEquals(tws.count("PLACE_ORDER"), 0);
});

sanitizedTest("with --live and IBKR_LIVE_ACK equal to the account, orders reach TWS", async () => {
  await using tws = await FakeTws.start({ accounts: ["U7654321"], fillPrices: { AAPL: 190 } });
  const run = await startIbkrRun({
    tws,
    graph,
    liveGuard: new LiveTradingGuard({ liveFlag: true, acknowledgement: "U7654321" }),
  });
  try {
    await tws.waitFor("REQ_REAL_TIME_BARS");
    for (let i = 0; i < 3; i++) {
      const time = (T0 + i * 5000) / 1000;
      tws.pushRealTimeBar("AAPL", { time, open: 190, high: 190, low: 190, close: 190 });
    }
    const order = await tws.waitFor("PLACE_ORDER");
    assertEquals([order.account, order.orderRef], ["U7654321", "s-1"]);
    const connected = run.health.find((h) => h.kind === "connected");
    assertEquals([connected?.detail?.account, connected?.detail?.paper], ["U7654321", false]);
    const snapshot = await run.venue.account.snapshot();
    assertEquals([snapshot.accountId, snapshot.isPaper], ["U7654321", false]);
  } finally {
    await run.finish();
  }
});

sanitizedTest(
  "the guard is checked again per order: after a reconnect lands on a live account, orders are denied",
  async () => {
    await using paper = await FakeTws.start({ fillPrices: { AAPL: 190 } });
    await using live = await FakeTws.start({ accounts: ["U7654321"], fillPrices: { AAPL: 190 } });
    let clients = 0;
    const run = await startIbkrRun({
      tws: paper,
      graph: {
        ...graph,
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          params: { script: [{ bar: 2, symbol: "AAPL", target: 2 }] },
        }],
      },
      venueOptions: {
        // The second connection reaches a TWS logged into a live account.
        createClient: (creation) =>
          new IBApi({ ...creation, port: ++clients === 1 ? paper.port : live.port }),
      },
    });
    try {
      await paper.waitFor("REQ_REAL_TIME_BARS");
      paper.setAcceptConnections(false);
      await paper.dropConnection();
      await run.waitFor(() => run.health.some((h) => h.kind === "resumed") || undefined, "resumed");
      await run.waitFor(
        () => named(run.events, "coordinator.reconciliation").length > 0 || undefined,
        "the coordinator's reconciliation",
      );
      assertEquals(
        run.health.find((h) => h.kind === "error")?.message,
        "the traded account changed from DU1234567 to U7654321",
      );
      await live.waitFor("REQ_REAL_TIME_BARS");
      for (let i = 0; i < 6; i++) {
        const time = (T0 + i * 5000) / 1000;
        live.pushRealTimeBar("AAPL", { time, open: 190, high: 190, low: 190, close: 190 });
      }
      const denial = await run.waitFor(
        () => logs(run.events, "s", "denied")[0],
        "the live guard denial",
      );
      assertEquals(denial.rule, "live_guard");
      assertEquals([paper.count("PLACE_ORDER"), live.count("PLACE_ORDER")], [0, 0]);
    } finally {
      await run.finish();
    }
  },
);
