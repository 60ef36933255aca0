import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { orderRequest, statusRow } from "../../_support/mod.ts";
import { connectVenue } from "./_venue_harness.ts";

/** One outbound message per second: orders queue in the pacer for seconds. */
const SLOW_PACER = { maxRequestsPerSecond: 1 } as const;
/** Four per second: a call made right after a send waits 250 ms in the pacer. */
const QUEUEING_PACER = { maxRequestsPerSecond: 4 } as const;

sanitizedTest(
  "cancelling a burst queued behind a slow pacer withdraws the unsent orders: only the sent one reaches TWS and nothing fills after",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: 190 } });
    await using session = await connectVenue(tws, SLOW_PACER);
    const broker = session.venue.broker;
    const ids = ["s-1", "s-2", "s-3", "s-4", "s-5"];
    // Any order that reaches the fake fills at once (market orders, immediate fills).
    const submits = ids.map((id) => broker.submit(orderRequest(id, { quantity: 2 })));
    const first = await tws.waitFor("PLACE_ORDER");
    assertEquals(first.orderRef, "s-1");

    const cancels = ids.map((id) => broker.cancel(id));
    // Withdrawals are answered at once, before anything else happens.
    for (const id of ids.slice(1)) {
      const [event, ...more] = session.statusesOf(id);
      assertEquals([statusRow(event!), more.length], [["cancelled", "0", "0"], 0]);
      ok(
        event!.reason?.startsWith(
          `withdrawn before sending: order ${id} was cancelled while it waited in the outbound pacer`,
        ),
        event!.reason,
      );
    }
    await Promise.all(submits);
    await Promise.all(cancels);
    // The cancel of s-1 went into the pacer after every withdrawn placeOrder: FIFO, so once it
    // arrived nothing withdrawn can still be on its way.
    await tws.waitFor("CANCEL_ORDER");
    await session.waitFor(
      () => session.statusesOf("s-1").find((s) => s.status === "filled"),
      "s-1's fill",
    );
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.orderRef), ["s-1"]);
    assertEquals(tws.executions().map((e) => e.orderRef), ["s-1"]);
    assertEquals(session.fills.map((f) => f.orderId), ["s-1"]);
    assertEquals(session.statusesOf("s-1").map((s) => s.status), ["submitted", "filled"]);
    assertEquals(
      ids.map((id) => session.statusesOf(id).at(-1)?.status),
      ["filled", "cancelled", "cancelled", "cancelled", "cancelled"],
    );
  },
);

sanitizedTest(
  "modify of an order still queued in the pacer: the queued placeOrder carries the amended values, accepted once TWS acknowledges",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" } });
    await using session = await connectVenue(tws, QUEUEING_PACER);
    const broker = session.venue.broker;
    const first = broker.submit(orderRequest("s-1", { quantity: 5, limitPrice: 180 }));
    const second = broker.submit(orderRequest("s-2", { quantity: 5, limitPrice: 180 }));
    await tws.waitFor("PLACE_ORDER");
    await broker.modify(orderRequest("s-2", { quantity: 7, limitPrice: "181.5" }));
    await Promise.all([first, second]);
    await session.waitFor(() => session.statusesOf("s-2")[1], "s-2's amendment");
    assertEquals(
      tws.requests("PLACE_ORDER").map((r) => [
        r.orderRef,
        r.totalQuantity.toString(),
        r.lmtPrice?.toString(),
      ]),
      [["s-1", "5", "180"], ["s-2", "7", "181.5"]],
    );
    assertEquals(session.statusesOf("s-2").map(statusRow), [
      ["submitted", "0", "7"],
      ["submitted", "0", "7", "accepted", "7", "181.5"],
    ]);
    assertEquals(
      (await broker.openOrders()).map((o) => [o.request.id, o.request.quantity.toString()]),
      [["s-1", "5"], ["s-2", "7"]],
    );
  },
);

sanitizedTest(
  "cancel of an order whose contract is still being resolved withdraws it: cancelled at once, submit resolves, nothing is sent",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { MSFT: 410, AAPL: 190 } });
    await using session = await connectVenue(tws);
    const broker = session.venue.broker;
    const submitted = broker.submit(orderRequest("s-1", { symbol: "MSFT", quantity: 3 }));
    await broker.cancel("s-1");
    const [event] = session.statusesOf("s-1");
    assertEquals(statusRow(event!), ["cancelled", "0", "0"]);
    ok(event!.reason?.includes("while its contract was being resolved"), event!.reason);
    await submitted;
    await broker.submit(orderRequest("s-2", { quantity: 1 }));
    await tws.waitFor("PLACE_ORDER");
    await session.waitFor(
      () => session.statusesOf("s-2").find((s) => s.status === "filled"),
      "s-2's fill",
    );
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.orderRef), ["s-2"]);
    assertEquals(session.statusesOf("s-1").length, 1);
  },
);

sanitizedTest(
  "cancel of a sent order withdraws its modification still waiting in the pacer: only the cancel goes out",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" } });
    await using session = await connectVenue(tws, QUEUEING_PACER);
    const broker = session.venue.broker;
    await broker.submit(orderRequest("s-1", { quantity: 5, limitPrice: 180 }));
    const modified = broker.modify(orderRequest("s-1", { quantity: 9, limitPrice: 180 }));
    const cancelled = broker.cancel("s-1");
    await Promise.all([modified, cancelled]);
    await session.waitFor(
      () => session.statusesOf("s-1").find((s) => s.status === "cancelled"),
      "the cancellation",
    );
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.totalQuantity.toString()), ["5"]);
    assertEquals(tws.count("CANCEL_ORDER"), 1);
    assertEquals(session.statusesOf("s-1").map((s) => [s.status, s.amendment]), [
      ["submitted", undefined],
      ["cancelled", undefined],
    ]);
  },
);

sanitizedTest(
  "closing the venue withdraws orders still in the pacer instead of sending them during the last round trip",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: { AAPL: 190 } });
    await using session = await connectVenue(tws, SLOW_PACER);
    const broker = session.venue.broker;
    const submits = ["s-1", "s-2", "s-3"].map((id) =>
      broker.submit(orderRequest(id, { quantity: 2 }))
    );
    await tws.waitFor("PLACE_ORDER");
    await session.close();
    await Promise.all(submits);
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.orderRef), ["s-1"]);
    assertEquals(tws.count("REQ_CURRENT_TIME"), 1);
    for (const id of ["s-2", "s-3"]) {
      const [event, ...more] = session.statusesOf(id);
      assertEquals([event?.status, more.length], ["cancelled", 0]);
      ok(event?.reason?.includes("was still unsent when the venue closed"), event?.reason);
    }
  },
);
