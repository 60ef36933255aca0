/**
 * The coordinator's order path on the IBKR venue over the fake TWS: the stop
 * withdraws what the pacer still holds, limit prices go on the contract's
 * tick, and a new target amends the working order in place.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { EventName, IBApi } from "@stoqey/ib";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { named, pushBars, startIbkrRun, T0 } from "./_harness.ts";

const fifteenSeconds = { bar_size: "15s", heartbeat_timeout_seconds: 600 };

function scripted(id: string, script: Record<string, unknown>[]) {
  return { id, type: "scripted", symbols: ["AAPL"], params: { script } };
}

sanitizedTest(
  "at stop, orders still queued in the pacer are withdrawn, never sent, and reported as confirmed cancels (regression)",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: "190.25" } });
    const run = await startIbkrRun({
      tws,
      venue: { max_requests_per_second: 3 },
      graph: {
        settings: fifteenSeconds,
        strategies: ["a", "b", "c", "d"].map((id, i) =>
          scripted(id, [
            { bar: 1, symbol: "AAPL", target: i + 1 },
          ])
        ),
      },
    });
    await tws.waitFor("REQ_REAL_TIME_BARS");
    pushBars(tws, "AAPL", T0, 3, 190);
    await run.waitFor(
      () => run.coordinator.orders.size === 4 ? true : undefined,
      "four orders",
      10_000,
    );
    const result = await run.finish();
    assertEquals(result.exitCode, 0);
    const sent = tws.requests("PLACE_ORDER").map((o) => o.orderRef);
    const stopped = named(run.events, "coordinator.lifecycle").at(-1);
    const cancelled = stopped?.cancelled_orders as string[];
    // Every order is either at TWS (and filled there) or withdrawn: none is both, none is lost.
    assertEquals([...sent, ...cancelled].sort(), ["a-1", "b-2", "c-3", "d-4"]);
    ok(cancelled.length >= 2, `expected queued orders at the stop, got ${cancelled}`);
    assertEquals(stopped?.orders_left_working, []);
    for (const id of cancelled) {
      assertEquals(run.coordinator.orders.get(id)?.status, "cancelled");
      ok(run.coordinator.orders.get(id)?.reason?.startsWith("withdrawn before sending"));
    }
    // Nothing reaches TWS after the stop.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assertEquals(tws.requests("PLACE_ORDER").map((o) => o.orderRef), sent);
    assertEquals(tws.executions().map((e) => e.orderRef).sort(), [...sent].sort());
    const reconciliation = named(run.events, "coordinator.reconciliation").at(-1);
    assertEquals([reconciliation?.phase, reconciliation?.reconciled], ["stop", true]);
  },
);

sanitizedTest(
  "limit prices reach TWS on the contract's minTick, rounded away from the market, and a new target amends the order in place",
  async () => {
    await using tws = await FakeTws.start({
      fillMode: { mode: "manual" },
      contracts: { AAPL: { conId: 265598, minTick: "0.05" } },
    });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: fifteenSeconds,
        strategies: [scripted("s", [
          { bar: 1, symbol: "AAPL", target: 10, limit: 248.40584815979003 },
          { bar: 2, symbol: "AAPL", target: 6, limit: 248.40584815979003 },
        ])],
      },
    });
    try {
      await tws.waitFor("REQ_REAL_TIME_BARS");
      pushBars(tws, "AAPL", T0, 6, 250);
      await run.waitFor(
        () => named(run.events, "order.amended", "s")[0],
        "the amendment",
      );
      const placed = tws.requests("PLACE_ORDER");
      assertEquals(
        placed.map((
          o,
        ) => [o.orderId, o.action, o.totalQuantity.toString(), o.lmtPrice?.toString()]),
        [[1, "BUY", "10", "248.4"], [1, "BUY", "6", "248.4"]],
      );
      assertEquals(run.coordinator.orders.size, 1);
      assertEquals(named(run.events, "order.status").filter((e) => e.status === "rejected"), []);
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest(
  "a fill whose commission report has not come by the stop is booked with commission 0, not lost (regression)",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: "190.25" } });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: fifteenSeconds,
        strategies: [scripted("s", [{ bar: 1, symbol: "AAPL", target: 10 }])],
      },
      venueOptions: {
        createClient: (creation) => {
          const ib = new IBApi(creation);
          const emit = ib.emit.bind(ib);
          // TWS never sends the commission report (paper accounts sometimes do not).
          (ib as unknown as { emit: (name: string, ...args: unknown[]) => boolean }).emit = (
            name,
            ...args
          ) =>
            name === EventName.commissionReport ||
              (name === EventName.all && args[0] === EventName.commissionReport)
              ? false
              : emit(name, ...args);
          return ib;
        },
      },
    });
    await tws.waitFor("REQ_REAL_TIME_BARS");
    pushBars(tws, "AAPL", T0, 3, 190);
    await run.waitFor(
      () => run.coordinator.orders.get("s-1")?.status === "filled" ? true : undefined,
      "the filled status",
    );
    await run.finish();
    assertEquals(run.coordinator.portfolio.position("s", "AAPL"), 10);
    const fills = named(run.events, "order.fill", "s");
    assertEquals(fills.map((e) => [String(e.quantity), String(e.commission)]), [["10", "0"]]);
    const stopped = named(run.events, "coordinator.lifecycle").at(-1);
    assertEquals(stopped?.orders_left_working, []);
    const reconciliation = named(run.events, "coordinator.reconciliation").at(-1);
    assertEquals([reconciliation?.phase, reconciliation?.reconciled], ["stop", true]);
    ok(
      named(run.events, "health.venue").some((e) =>
        e.kind === "error" && String(e.message).includes("no commission report")
      ),
    );
  },
);
