import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Contract, EventName, type Order, OrderAction, OrderType, SecType } from "@stoqey/ib";
import { ManualClock } from "../../src/model/mod.ts";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const stock = (symbol: string): Contract => ({
  symbol,
  secType: SecType.STK,
  exchange: "SMART",
  currency: "USD",
});

function order(fields: Partial<Order>): Order {
  return {
    action: OrderAction.BUY,
    orderType: OrderType.MKT,
    totalQuantity: 10,
    tif: "DAY",
    account: "DU1234567",
    transmit: true,
    ...fields,
  };
}

const statusesOf = (client: IbTestClient, orderId: number) =>
  client.argsOf(EventName.orderStatus).filter((a) => a[0] === orderId).map((a) => a.slice(1, 5));

sanitizedTest(
  "placeOrder is acknowledged and filled immediately with openOrder, orderStatus, execDetails and commission",
  async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 15, 30));
    await using tws = await FakeTws.start({ clock, fillPrices: { AAPL: "189.75" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 3 });
    client.ib.placeOrder(
      1,
      stock("AAPL"),
      order({ orderType: OrderType.LMT, lmtPrice: 190, totalQuantity: 300, orderRef: "sma-1" }),
    );
    await client.waitForEvent(EventName.commissionReport);

    const placed = tws.requests("PLACE_ORDER")[0]!;
    assertEquals(
      [
        placed.orderId,
        placed.contract.symbol,
        placed.action,
        placed.totalQuantity.toString(),
        placed.orderType,
      ],
      [1, "AAPL", "BUY", "300", "LMT"],
    );
    assertEquals([
      placed.lmtPrice?.toString(),
      placed.tif,
      placed.account,
      placed.orderRef,
      placed.transmit,
    ], [
      "190",
      "DAY",
      "DU1234567",
      "sma-1",
      true,
    ]);
    const fake = tws.order(1);
    assertEquals(
      [fake.status, fake.filled.toString(), fake.avgFillPrice.toString(), fake.clientId],
      ["Filled", "300", "189.75", 3],
    );

    const openOrders = client.argsOf(EventName.openOrder) as [
      number,
      Contract,
      Order,
      { status: string },
    ][];
    assertEquals(openOrders.map(([id, c, o, s]) => [id, c.conId, o.permId, o.lmtPrice, s.status]), [
      [1, 265598, fake.permId, 190, "Submitted"],
      [1, 265598, fake.permId, 190, "Filled"],
    ]);
    assertEquals(statusesOf(client, 1), [["Submitted", 0, 300, 0], ["Filled", 300, 0, 189.75]]);
    const [reqId, contract, exec] = client.argsOf(EventName.execDetails)[0] as [
      number,
      Contract,
      Record<string, unknown>,
    ];
    assertEquals([reqId, contract.symbol, contract.conId], [-1, "AAPL", 265598]);
    assertEquals(
      [
        exec.orderId,
        exec.side,
        exec.shares,
        exec.price,
        exec.cumQty,
        exec.avgPrice,
        exec.acctNumber,
        exec.orderRef,
        exec.permId,
        exec.clientId,
        exec.time,
      ],
      [
        1,
        "BOT",
        300,
        189.75,
        300,
        189.75,
        "DU1234567",
        "sma-1",
        fake.permId,
        3,
        "20250102 15:30:00 UTC",
      ],
    );
    const [report] = client.argsOf(EventName.commissionReport)[0] as [Record<string, unknown>];
    assertEquals([report.execId, report.commission, report.currency], [
      tws.executions()[0]!.execId,
      1.5,
      "USD",
    ]);
    assertEquals(
      tws.positions().map((
        p,
      ) => [p.account, p.symbol, p.quantity.toString(), p.avgCost.toString()]),
      [
        ["DU1234567", "AAPL", "300", "189.75"],
      ],
    );
  },
);

sanitizedTest(
  "partial fill mode fills an order in N executions with rising filled and cumQty",
  async () => {
    await using tws = await FakeTws.start({
      fillMode: { mode: "partial", pieces: 3 },
      fillPrices: { MSFT: 410 },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(5, stock("MSFT"), order({ action: OrderAction.SELL, totalQuantity: 10 }));
    await client.waitForEvent(EventName.commissionReport, { count: 3 });
    const execs = client.argsOf(EventName.execDetails).map((a) => a[2] as Record<string, unknown>);
    assertEquals(execs.map((e) => [e.side, e.shares, e.cumQty]), [["SLD", 3, 3], ["SLD", 3, 6], [
      "SLD",
      4,
      10,
    ]]);
    assertEquals(statusesOf(client, 5), [["Submitted", 0, 10, 0], ["Submitted", 3, 7, 410], [
      "Submitted",
      6,
      4,
      410,
    ], ["Filled", 10, 0, 410]]);
    assertEquals(
      client.argsOf(EventName.commissionReport).map((a) =>
        (a[0] as { commission: number }).commission
      ),
      [1, 1, 1],
    );
    assertEquals(tws.positions()[0]?.quantity.toString(), "-10");
  },
);

sanitizedTest(
  "manual fill mode leaves the order working until fillOrder, and cancelOrder ends the rest",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(7, stock("SPY"), order({ totalQuantity: 50 }));
    await client.waitForEvent(EventName.orderStatus);
    assertEquals(tws.order(7).status, "Submitted");
    const execution = tws.fillOrder(7, { quantity: 20, price: "500.10" });
    assertEquals([
      execution.shares.toString(),
      execution.cumQty.toString(),
      execution.whileDisconnected,
    ], ["20", "20", false]);
    assertEquals(
      await client.waitForEvent(EventName.orderStatus, { count: 2 }).then((a) => a.slice(1, 5)),
      ["Submitted", 20, 30, 500.1],
    );
    client.ib.cancelOrder(7);
    await client.waitForEvent(EventName.error, { where: (_e, code) => code === 202 });
    assertEquals(statusesOf(client, 7).at(-1), ["Cancelled", 20, 30, 500.1]);
    assertEquals(client.errors(), [{ code: 202, reqId: 7, message: "Order Canceled - reason:" }]);
    client.ib.cancelOrder(7);
    await client.waitForEvent(EventName.error, { where: (_e, code) => code === 10148 });
    assertEquals(tws.requests("CANCEL_ORDER").map((r) => r.orderId), [7, 7]);
  },
);

sanitizedTest(
  "orders are rejected with error 201 by symbol and for the next N, then accepted again",
  async () => {
    await using tws = await FakeTws.start({
      reject: { symbols: ["MSFT"], next: 1, reason: "margin" },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, stock("AAPL"), order({}));
    client.ib.placeOrder(2, stock("MSFT"), order({}));
    client.ib.placeOrder(3, stock("AAPL"), order({}));
    await client.waitForEvent(EventName.execDetails);
    assertEquals(client.errors().map((e) => [e.code, e.reqId, e.message]), [
      [201, 1, "Order rejected - reason:margin"],
      [201, 2, "Order rejected - reason:margin"],
    ]);
    assertEquals(statusesOf(client, 1), [["Cancelled", 0, 10, 0]]);
    assertEquals(tws.orders().map((o) => [o.orderId, o.status]), [[1, "Cancelled"], [
      2,
      "Cancelled",
    ], [3, "Filled"]]);
    tws.rejectNextOrders(1);
    client.ib.placeOrder(4, stock("SPY"), order({}));
    await client.waitForEvent(EventName.error, {
      where: (_e, code, id) => code === 201 && id === 4,
    });
  },
);

sanitizedTest(
  "a limit order away from the market rests until a tick makes it marketable",
  async () => {
    await using tws = await FakeTws.start({ fillPrices: {}, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    tws.pushTick("AAPL", { kind: "last", price: 191 });
    client.ib.placeOrder(
      9,
      stock("AAPL"),
      order({ orderType: OrderType.LMT, lmtPrice: 190, totalQuantity: 5 }),
    );
    await client.waitForEvent(EventName.orderStatus);
    assertEquals(tws.order(9).status, "Submitted");
    tws.pushTick("AAPL", { kind: "last", price: 189.9 });
    await client.waitForEvent(EventName.execDetails);
    assertEquals([tws.order(9).status, tws.order(9).avgFillPrice.toString()], ["Filled", "189.9"]);
  },
);

sanitizedTest(
  "an order without transmit=1 is held like TWS does: recorded, never acknowledged or filled",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, stock("AAPL"), order({ transmit: undefined }));
    client.ib.placeOrder(2, stock("AAPL"), order({}));
    await client.waitForEvent(EventName.execDetails);
    assertEquals(client.argsOf(EventName.openOrder).map((a) => a[0]), [2, 2]);
    assertEquals([tws.order(1).transmitted, tws.order(1).status], [false, "ApiPending"]);
    assertEquals(tws.requests("PLACE_ORDER").map((r) => r.transmit), [undefined, true]);
  },
);

sanitizedTest(
  "a reused order id modifies a working order and gets 103 when it is below the highest id used",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(4, stock("AAPL"), order({ orderType: OrderType.LMT, lmtPrice: 180 }));
    client.ib.placeOrder(
      4,
      stock("AAPL"),
      order({ orderType: OrderType.LMT, lmtPrice: 181, totalQuantity: 12 }),
    );
    client.ib.placeOrder(3, stock("AAPL"), order({}));
    await client.waitForEvent(EventName.error, { where: (_e, code) => code === 103 });
    assertEquals(client.errors().map((e) => [e.code, e.reqId]), [[103, 3]]);
    assertEquals([tws.order(4).totalQuantity.toString(), tws.order(4).lmtPrice?.toString()], [
      "12",
      "181",
    ]);
    assertEquals(tws.orders().length, 1);
  },
);

sanitizedTest(
  "reqOpenOrders lists this client's working orders, reqAllOpenOrders every client's, then openOrderEnd",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using a = await IbTestClient.connect(tws, { clientId: 1 });
    await using b = await IbTestClient.connect(tws, { clientId: 2 });
    a.ib.placeOrder(1, stock("AAPL"), order({}));
    b.ib.placeOrder(1, stock("MSFT"), order({}));
    a.ib.placeOrder(2, stock("SPY"), order({}));
    await tws.waitUntil(() => (tws.orders().length === 3 ? true : undefined));
    tws.fillOrder(2, { price: 500 });
    await a.waitForEvent(EventName.commissionReport);
    const mark = a.mark();
    a.ib.reqOpenOrders();
    await a.waitForEvent(EventName.openOrderEnd, { after: mark });
    const listed = a.events.slice(mark).filter((e) => e.name === EventName.openOrder);
    assertEquals(listed.map((e) => [e.args[0], (e.args[1] as Contract).symbol]), [[1, "AAPL"]]);
    const mark2 = a.mark();
    a.ib.reqAllOpenOrders();
    await a.waitForEvent(EventName.openOrderEnd, { after: mark2 });
    const all = a.events.slice(mark2).filter((e) => e.name === EventName.openOrder);
    assertEquals(all.map((e) => (e.args[1] as Contract).symbol), ["AAPL", "MSFT"]);
  },
);

sanitizedTest(
  "reqExecutions returns the executions after the filter time, each with its commission, then the end",
  async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 14, 0));
    await using tws = await FakeTws.start({ clock, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 2 });
    client.ib.placeOrder(1, stock("AAPL"), order({}));
    await client.waitForEvent(EventName.execDetails);
    clock.set(Date.UTC(2025, 0, 2, 15, 0));
    client.ib.placeOrder(2, stock("MSFT"), order({ action: OrderAction.SELL }));
    await client.waitForEvent(EventName.execDetails, { count: 2 });
    const mark = client.mark();
    client.ib.reqExecutions(77, { time: "20250102-14:30:00" });
    await client.waitForEvent(EventName.execDetailsEnd, { after: mark });
    const answered = client.events.slice(mark);
    assertEquals(answered.map((e) => e.name), [
      EventName.execDetails,
      EventName.commissionReport,
      EventName.execDetailsEnd,
    ]);
    const [reqId, contract, exec] = answered[0]!.args as [
      number,
      Contract,
      Record<string, unknown>,
    ];
    assertEquals([reqId, contract.symbol, exec.orderId, exec.side], [77, "MSFT", 2, "SLD"]);
    assertEquals(tws.requests("REQ_EXECUTIONS")[0]!.filter.time, "20250102-14:30:00");
  },
);

for (const serverVersion of [166, 193]) {
  sanitizedTest(
    `the full order round trip decodes cleanly at server version ${serverVersion}`,
    async () => {
      await using tws = await FakeTws.start({ serverVersion, settleMs: 0 });
      await using client = await IbTestClient.connect(tws, { clientId: 1 });
      assertEquals(client.ib.serverVersion, serverVersion);
      client.ib.reqContractDetails(1, stock("AAPL"));
      client.ib.placeOrder(1, stock("AAPL"), order({}));
      await client.waitForEvent(EventName.commissionReport);
      client.ib.cancelOrder(1);
      await client.waitForEvent(EventName.error, { where: (_e, code) => code === 10148 });
      assertEquals(client.argsOf(EventName.contractDetailsEnd), [[1]]);
      assertEquals(client.argsOf(EventName.openOrder).length, 2);
      assertEquals(tws.protocolErrors, []);
    },
  );
}
