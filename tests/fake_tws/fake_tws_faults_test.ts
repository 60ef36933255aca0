import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Contract, EventName, type Order, OrderAction, OrderType, SecType } from "@stoqey/ib";
import { ManualClock } from "../../src/model/mod.ts";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const AAPL: Contract = { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" };
const BUY_10: Order = {
  action: OrderAction.BUY,
  orderType: OrderType.MKT,
  totalQuantity: 10,
  transmit: true,
};

sanitizedTest(
  "connectivity codes 1100, 1101 and 1102 arrive on the client's info event, not error",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    assertEquals(client.infos().map((i) => i.code), [2104, 2106, 2158]);
    const mark = client.mark();
    assertEquals(
      tws.sendInfo(1100, "Connectivity between IB and Trader Workstation has been lost."),
      1,
    );
    tws.sendInfo(1101, "Connectivity between IB and TWS has been restored- data lost.");
    tws.sendInfo(1102, "Connectivity between IB and TWS has been restored- data maintained.");
    await client.waitForEvent(EventName.info, { after: mark, count: 3 });
    assertEquals(client.infos().slice(3).map((i) => i.code), [1100, 1101, 1102]);
    assertEquals(client.errors(), []);
  },
);

sanitizedTest(
  "sendError with an id arrives on the client's error event with that reqId",
  async () => {
    await using tws = await FakeTws.start({ farmStatusOnConnect: false, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    tws.sendError(42, {
      code: 162,
      message: "Historical Market Data Service error message:pacing violation",
    });
    await client.waitForEvent(EventName.error);
    assertEquals(client.errors(), [{
      code: 162,
      reqId: 42,
      message: "Historical Market Data Service error message:pacing violation",
    }]);
    assertEquals(client.infos(), []);
  },
);

sanitizedTest(
  "dropConnection makes the client emit disconnected; orders, fills and positions survive",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, AAPL, BUY_10);
    await client.waitForEvent(EventName.execDetails);
    const mark = client.mark();
    assertEquals(await tws.dropConnection(), 1);
    await client.waitForEvent(EventName.disconnected, { after: mark });
    assertEquals([client.ib.isConnected, tws.connections()], [false, []]);
    assertEquals([
      tws.orders().length,
      tws.executions().length,
      tws.positions()[0]?.quantity.toString(),
    ], [1, 1, "10"]);
  },
);

sanitizedTest(
  "after a drop the client reconnects with the same client id and recovers fills made during the outage",
  async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 15, 0));
    await using tws = await FakeTws.start({ clock, fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 5 });
    client.ib.placeOrder(1, AAPL, BUY_10);
    await client.waitForEvent(EventName.orderStatus);
    tws.fillOrder(1, { quantity: 4, price: 190 });
    await client.waitForEvent(EventName.execDetails);
    await tws.dropConnection();
    await client.waitForEvent(EventName.disconnected);

    clock.set(Date.UTC(2025, 0, 2, 15, 5));
    const outage = tws.fillOrder(1, { price: "190.5" });
    assertEquals([outage.whileDisconnected, outage.shares.toString(), tws.order(1).status], [
      true,
      "6",
      "Filled",
    ]);

    await client.socketClosed();

    const mark = client.mark();
    client.ib.connect();
    assertEquals(await client.waitForEvent(EventName.nextValidId, { after: mark }), [2]);
    client.ib.reqExecutions(9, { time: "20250102-15:01:00" });
    await client.waitForEvent(EventName.execDetailsEnd, { after: mark });
    const recovered = client.events.slice(mark).filter((e) => e.name === EventName.execDetails);
    assertEquals(
      recovered.map((e) => [e.args[0], (e.args[2] as { shares: number; price: number }).shares]),
      [[9, 6]],
    );
    assertEquals(tws.requests("START_API").map((r) => [r.connectionId, r.clientId]), [[1, 5], [
      2,
      5,
    ]]);
  },
);

sanitizedTest(
  "a reconnect may use a new client id, which starts from its own nextValidId",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, AAPL, BUY_10);
    await client.waitForEvent(EventName.execDetails);
    await tws.dropConnection({ clientId: 1 });
    await client.waitForEvent(EventName.disconnected);
    await client.socketClosed();
    const mark = client.mark();
    client.ib.connect(2);
    assertEquals(await client.waitForEvent(EventName.nextValidId, { after: mark }), [1]);
    assertEquals((await tws.waitForClient({ clientId: 2 })).clientId, 2);
  },
);

sanitizedTest(
  "IBApi queues calls made while disconnected and sends them after the next nextValidId",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    await tws.dropConnection();
    await client.waitForEvent(EventName.disconnected);
    client.ib.placeOrder(1, AAPL, BUY_10);
    assertEquals(tws.count("PLACE_ORDER"), 0);
    client.ib.connect();
    const replayed = await tws.waitFor("PLACE_ORDER");
    assertEquals([replayed.connectionId, replayed.orderId], [2, 1]);
  },
);

sanitizedTest("a second connection with a client id in use gets 326 and is closed", async () => {
  await using tws = await FakeTws.start({ farmStatusOnConnect: false, settleMs: 0 });
  await using first = await IbTestClient.connect(tws, { clientId: 3 });
  await using second = await IbTestClient.connect(tws, { clientId: 4 });
  const mark = second.mark();
  await tws.dropConnection({ clientId: 4 });
  await second.waitForEvent(EventName.disconnected, { after: mark });
  await second.socketClosed();
  second.ib.connect(3);
  const [message, code] = await second.waitForEvent(EventName.info, { after: mark });
  assertEquals([code, message], [
    326,
    "Unable to connect as the client id is already in use. Retry with a unique client id.",
  ]);
  await second.waitForEvent(EventName.disconnected, { after: mark, count: 2 });
  await tws.waitUntil(() => (tws.connections().length === 1 ? true : undefined));
  assertEquals(tws.connections().map((c) => c.clientId), [3]);
  assertEquals(first.ib.isConnected, true);
});

sanitizedTest(
  "while connections are refused the client is disconnected at once; accepting again lets it in",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    tws.setAcceptConnections(false);
    await tws.dropConnection();
    await client.waitForEvent(EventName.disconnected);
    await client.socketClosed();
    const mark = client.mark();
    client.ib.connect();
    await client.waitForEvent(EventName.disconnected, { after: mark });
    assertEquals(tws.connectionAttempts, 2);
    tws.setAcceptConnections(true);
    await client.socketClosed();
    client.ib.connect();
    await client.waitForEvent(EventName.nextValidId, { after: mark });
    assertEquals([tws.connectionAttempts, tws.connections().length], [3, 1]);
  },
);
