import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import { type OrderRequest, type OrderStatusEvent, toDecimal } from "../../../src/model/mod.ts";
import { FakeTws, type FakeTwsOptions, sanitizedTest } from "../../fake_tws/mod.ts";
import { orderRequest, statusRow } from "../../_support/mod.ts";
import { connectVenue, type VenueSession } from "./_venue_harness.ts";

/** A FakeTws and a venue session connected to it; disposing closes the session, then the fake. */
interface VenueOnFakeTws extends AsyncDisposable {
  /** The fake TWS. */
  readonly tws: FakeTws;
  /** The venue session connected to it. */
  readonly session: VenueSession;
  /** The session's broker. */
  readonly broker: VenueSession["venue"]["broker"];
}

/** Starts a FakeTws with `options` and connects a venue session to it. */
async function venueOnFakeTws(options: FakeTwsOptions): Promise<VenueOnFakeTws> {
  await using stack = new AsyncDisposableStack();
  const tws = stack.use(await FakeTws.start(options));
  const session = stack.use(await connectVenue(tws));
  const owned = stack.move();
  return {
    tws,
    session,
    broker: session.venue.broker,
    [Symbol.asyncDispose]: () => owned.disposeAsync(),
  };
}

/** Waits for the `index`-th (0-based) status of `orderId`. */
function nthStatus(
  session: VenueSession,
  orderId: string,
  index: number,
  description: string,
): Promise<OrderStatusEvent> {
  return session.waitFor(() => session.statusesOf(orderId)[index], description);
}

/** Waits for the first status of `orderId`: TWS acknowledged the order. */
function acknowledged(session: VenueSession, orderId: string): Promise<OrderStatusEvent> {
  return nthStatus(session, orderId, 0, "the acknowledgement");
}

/** Submits `order` and waits for its acknowledgement. */
async function submitAcknowledged(session: VenueSession, order: OrderRequest): Promise<void> {
  await session.venue.broker.submit(order);
  await acknowledged(session, order.id);
}

/** Waits for the `filled` status of `orderId`. */
function filledStatus(
  session: VenueSession,
  orderId: string,
  description: string,
): Promise<OrderStatusEvent> {
  return session.waitFor(
    () => session.statusesOf(orderId).find((s) => s.status === "filled"),
    description,
  );
}

sanitizedTest(
  "modify raises and lowers a working limit order's total: accepted once TWS echoes it, remaining follows, later fills stop at the new total",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await submitAcknowledged(session, orderRequest("s-1", { quantity: 10, limitPrice: 180 }));
    const placed = tws.requests("PLACE_ORDER")[0]!;
    tws.fillOrder(placed.orderId, { quantity: 3, price: 180 });
    await nthStatus(session, "s-1", 1, "the partial fill");

    await broker.modify(orderRequest("s-1", { quantity: 15, limitPrice: 180 }));
    await nthStatus(session, "s-1", 2, "the first amendment");
    await broker.modify(orderRequest("s-1", { quantity: 8, limitPrice: 180 }));
    await nthStatus(session, "s-1", 3, "the second amendment");
    assertEquals(
      (await broker.openOrders()).map((o) => [o.request.id, o.request.quantity.toString()]),
      [["s-1", "8"]],
    );
    assertEquals(tws.order(placed.orderId).remaining.toString(), "5");

    tws.fillOrder(placed.orderId, { price: 180 });
    await filledStatus(session, "s-1", "the final fill");
    assertEquals(session.statusesOf("s-1").map(statusRow), [
      ["submitted", "0", "10"],
      ["partially_filled", "3", "7"],
      ["partially_filled", "3", "12", "accepted", "15", "180"],
      ["partially_filled", "3", "5", "accepted", "8", "180"],
      ["filled", "8", "0"],
    ]);
    assertEquals(
      tws.requests("PLACE_ORDER").map((r) => [r.orderId, r.totalQuantity.toString(), r.orderRef]),
      [[placed.orderId, "10", "s-1"], [placed.orderId, "15", "s-1"], [
        placed.orderId,
        "8",
        "s-1",
      ]],
    );
    await session.waitFor(() => (session.fills.length === 2 ? true : undefined), "two fills");
    assertEquals(session.fills.map((f) => f.quantity.toString()), ["3", "5"]);
    assertEquals(tws.order(placed.orderId).filled.toString(), "8");
  },
);

sanitizedTest(
  "modify of the limit price is accepted and the order then fills at the new limit",
  async () => {
    await using fixture = await venueOnFakeTws({ fillPrices: { AAPL: "185.25" } });
    const { tws, session, broker } = fixture;
    await submitAcknowledged(session, orderRequest("s-1", { quantity: 5, limitPrice: 180 }));
    assertEquals(tws.executions().length, 0);

    await broker.modify(orderRequest("s-1", { quantity: 5, limitPrice: "185.5" }));
    await filledStatus(session, "s-1", "the fill at the new limit");
    assertEquals(session.statusesOf("s-1").map(statusRow), [
      ["submitted", "0", "5"],
      ["submitted", "0", "5", "accepted", "5", "185.5"],
      ["filled", "5", "0"],
    ]);
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.lmtPrice?.toString()), ["180", "185.5"]);
    assertEquals(tws.executions().map((e) => e.price.toString()), ["185.25"]);
  },
);

sanitizedTest(
  "a modify racing a fill below the filled quantity is refused by TWS (105): the amendment is rejected, the order keeps working and fills its original total",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await submitAcknowledged(session, orderRequest("s-1", { quantity: 10, limitPrice: 180 }));
    const ibOrderId = tws.requests("PLACE_ORDER")[0]!.orderId;
    // The fill happens at TWS before it reads the modification; the broker has not seen it yet.
    tws.fillOrder(ibOrderId, { quantity: 6, price: 180 });
    await broker.modify(orderRequest("s-1", { quantity: 4, limitPrice: 180 }));
    const refusal = await session.waitFor(
      () => session.statusesOf("s-1").find((s) => s.amendment !== undefined),
      "the amendment's answer",
    );
    assertEquals(statusRow(refusal), ["partially_filled", "6", "4", "rejected", "10", "180"]);
    ok(refusal.reason?.startsWith("modification refused: "), refusal.reason);
    ok(refusal.reason?.endsWith("(IB error 105)"), refusal.reason);

    tws.fillOrder(ibOrderId, { price: 180 });
    await filledStatus(session, "s-1", "the rest of the original order");
    assertEquals(session.statusesOf("s-1").map((s) => s.status), [
      "submitted",
      "partially_filled",
      "partially_filled",
      "filled",
    ]);
    assertEquals(tws.order(ibOrderId).filled.toString(), "10");
  },
);

sanitizedTest(
  "a quantity not above what the broker saw filled is refused at once, without a PLACE_ORDER",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await submitAcknowledged(session, orderRequest("s-1", { quantity: 10, limitPrice: 180 }));
    tws.fillOrder(tws.requests("PLACE_ORDER")[0]!.orderId, { quantity: 6, price: 180 });
    await nthStatus(session, "s-1", 1, "the partial fill");
    await broker.modify(orderRequest("s-1", { quantity: 6, limitPrice: 180 }));
    const refusal = session.statusesOf("s-1")[2]!;
    assertEquals(statusRow(refusal), ["partially_filled", "6", "4", "rejected", "10", "180"]);
    assertEquals(
      refusal.reason,
      "modification refused: quantity 6 must exceed the 6 already filled",
    );
    assertEquals(tws.count("PLACE_ORDER"), 1);
  },
);

sanitizedTest(
  "modify of a filled order resolves and publishes nothing; an unknown id and a side change reject the call with no event",
  async () => {
    await using fixture = await venueOnFakeTws({ fillPrices: { AAPL: 190 } });
    const { tws, session, broker } = fixture;
    await broker.submit(orderRequest("s-1", { quantity: 5 }));
    await filledStatus(session, "s-1", "the fill");
    const published = session.statuses.length;
    await broker.modify(orderRequest("s-1", { quantity: 7 }));
    assertEquals(session.statuses.length, published);

    await rejects(
      broker.modify(orderRequest("nope-1", { quantity: 1 })),
      /cannot modify unknown order nope-1/,
    );
    await submitAcknowledged(session, orderRequest("s-2", { quantity: 5, limitPrice: 150 }));
    await rejects(
      broker.modify(orderRequest("s-2", { quantity: 5, limitPrice: 150, side: "SELL" })),
      /a modification of order s-2 cannot change its side \(BUY -> SELL\)/,
    );
    await broker.openOrders(); // a round trip: anything sent for s-2 has reached TWS
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.orderRef), ["s-1", "s-2"]);
    assertEquals(session.statusesOf("s-2").map(statusRow), [["submitted", "0", "5"]]);
  },
);

sanitizedTest(
  "a modify to a fractional quantity or an off-tick limit resolves with the amendment rejected and its reason, without a PLACE_ORDER; the order keeps working and fills",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await submitAcknowledged(session, orderRequest("s-1", { quantity: 5, limitPrice: 150 }));

    await broker.modify(orderRequest("s-1", { quantity: "2.5", limitPrice: 150 }));
    await broker.modify(orderRequest("s-1", { quantity: 5, limitPrice: "150.005" }));
    const statuses = session.statusesOf("s-1");
    assertEquals(statuses.map(statusRow), [
      ["submitted", "0", "5"],
      ["submitted", "0", "5", "rejected", "5", "150"],
      ["submitted", "0", "5", "rejected", "5", "150"],
    ]);
    assertEquals(statuses.slice(1).map((s) => s.reason), [
      "modification refused: order s-1: quantity must be a positive whole number of shares, got 2.5",
      "modification refused: order s-1: limit price 150.005 is not a multiple of AAPL's price " +
      "increment 0.01 (TWS rejects it with error 110); round it with Broker.priceIncrement first",
    ]);
    await broker.openOrders(); // a round trip: anything sent for s-1 has reached TWS
    assertEquals(
      tws.requests("PLACE_ORDER").map((r) => [r.orderRef, r.totalQuantity.toString()]),
      [["s-1", "5"]],
    );

    // The refusals settled: a valid modification is taken and the order fills its new total.
    await broker.modify(orderRequest("s-1", { quantity: 6, limitPrice: 150 }));
    await nthStatus(session, "s-1", 3, "the accepted amendment");
    tws.fillOrder(tws.requests("PLACE_ORDER")[0]!.orderId, { price: 150 });
    await filledStatus(session, "s-1", "the fill");
    assertEquals(session.statusesOf("s-1").slice(3).map(statusRow), [
      ["submitted", "0", "6", "accepted", "6", "150"],
      ["filled", "6", "0"],
    ]);
  },
);

sanitizedTest(
  "an off-tick limit is refused by submit as a rejected status with its reason, without any PLACE_ORDER; the id is then taken, a new one on the tick is sent",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await broker.submit(orderRequest("s-1", { quantity: 5, limitPrice: "248.40584815979003" }));
    const statuses = session.statusesOf("s-1");
    assertEquals(statuses.map(statusRow), [["rejected", "0", "0"]]);
    assertEquals(
      statuses[0]?.reason,
      "order s-1: limit price 248.40584815979003 is not a multiple of AAPL's price increment " +
        "0.01 (TWS rejects it with error 110); round it with Broker.priceIncrement first",
    );
    await rejects(
      broker.submit(orderRequest("s-1", { quantity: 5, limitPrice: "248.4" })),
      /order s-1 was already submitted/,
    );
    await broker.submit(orderRequest("s-2", { quantity: 5, limitPrice: "248.4" }));
    // FIFO pacing: anything sent for the refused order would have arrived before this one.
    await tws.waitFor("PLACE_ORDER");
    await acknowledged(session, "s-2");
    assertEquals(
      tws.requests("PLACE_ORDER").map((r) => [r.orderRef, r.lmtPrice?.toString()]),
      [["s-2", "248.4"]],
    );
    assertEquals(session.statusesOf("s-1").map(statusRow), [["rejected", "0", "0"]]);
    assertEquals(session.statusesOf("s-2").map(statusRow), [["submitted", "0", "5"]]);
  },
);

sanitizedTest(
  "a fractional quantity is refused by submit as a rejected status with its reason, without any PLACE_ORDER, as the sim venue refuses it (regression)",
  async () => {
    await using fixture = await venueOnFakeTws({ fillMode: { mode: "manual" } });
    const { tws, session, broker } = fixture;
    await broker.submit(orderRequest("s-1", { quantity: "1.5", limitPrice: "90" }));
    const statuses = session.statusesOf("s-1");
    assertEquals(statuses.map(statusRow), [["rejected", "0", "0"]]);
    assertEquals(
      statuses[0]?.reason,
      "order s-1: quantity must be a positive whole number of shares, got 1.5",
    );
    await broker.submit(orderRequest("s-2", { quantity: 2, limitPrice: "90" }));
    // FIFO pacing: anything sent for the refused order would have arrived before this one.
    await tws.waitFor("PLACE_ORDER");
    await acknowledged(session, "s-2");
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.orderRef), ["s-2"]);
    assertEquals(session.statusesOf("s-1").map(statusRow), [["rejected", "0", "0"]]);
  },
);

sanitizedTest(
  "priceIncrement uses the minTick of the contract details once the symbol is known, the US equity tick before",
  async () => {
    await using fixture = await venueOnFakeTws({
      fillMode: { mode: "manual" },
      contracts: { AAPL: { conId: 265598 }, XYZ: { conId: 4242, minTick: "0.05" } },
    });
    const { tws, session, broker } = fixture;
    const { marketData } = session.venue;
    const increment = (symbol: string, price: string) =>
      broker.priceIncrement(symbol, toDecimal(price)).toString();
    assertEquals([increment("XYZ", "10"), increment("XYZ", "0.5")], ["0.01", "0.0001"]);
    await marketData.subscribe("XYZ");
    assertEquals([increment("XYZ", "10"), increment("XYZ", "0.5")], ["0.05", "0.05"]);
    assertEquals(increment("AAPL", "190"), "0.01");

    await broker.submit(orderRequest("s-1", { symbol: "XYZ", quantity: 5, limitPrice: "10.03" }));
    const refused = session.statusesOf("s-1");
    assertEquals(refused.map(statusRow), [["rejected", "0", "0"]]);
    ok(
      refused[0]?.reason?.startsWith(
        "order s-1: limit price 10.03 is not a multiple of XYZ's price increment 0.05 ",
      ),
      refused[0]?.reason,
    );
    await submitAcknowledged(
      session,
      orderRequest("s-2", { symbol: "XYZ", quantity: 5, limitPrice: "10.05" }),
    );
    assertEquals(
      tws.requests("PLACE_ORDER").map((r) => [r.orderRef, r.lmtPrice?.toString()]),
      [["s-2", "10.05"]],
    );
    assertEquals(tws.count("REQ_CONTRACT_DATA"), 1);
  },
);
