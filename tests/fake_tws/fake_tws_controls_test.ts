import { deepStrictEqual as assertEquals, rejects as assertRejects } from "node:assert/strict";
import { type Contract, EventName, type Order, OrderAction, OrderType, SecType } from "@stoqey/ib";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const stock = (symbol: string): Contract => ({
  symbol,
  secType: SecType.STK,
  exchange: "SMART",
  currency: "USD",
});
const buy = (quantity: number): Order => ({
  action: OrderAction.BUY,
  orderType: OrderType.MKT,
  totalQuantity: quantity,
  transmit: true,
});

sanitizedTest("setFillMode and setFillPrice change how later orders fill", async () => {
  await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.placeOrder(1, stock("AAPL"), buy(4));
  await client.waitForEvent(EventName.orderStatus);
  tws.setFillPrice("aapl", "188.8");
  tws.setFillMode({ mode: "partial", pieces: 2 });
  client.ib.placeOrder(2, stock("AAPL"), buy(4));
  await client.waitForEvent(EventName.commissionReport, { count: 2 });
  assertEquals(tws.executions().map((e) => [e.orderId, e.shares.toString(), e.price.toString()]), [
    [2, "2", "188.8"],
    [2, "2", "188.8"],
  ]);
  assertEquals(tws.order(1).status, "Submitted");
  tws.pushTick("AAPL", { kind: "last", price: 188 });
  await client.waitForEvent(EventName.commissionReport, { count: 4 });
  assertEquals(tws.order(1).status, "Filled");
});

sanitizedTest(
  "cancelOrder from the TWS side sends orderStatus Cancelled and error 202",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(3, stock("MSFT"), buy(1));
    await client.waitForEvent(EventName.orderStatus);
    assertEquals(tws.cancelOrder(3, { reason: "end of day" }), true);
    assertEquals(
      await client.waitForEvent(EventName.orderStatus, { count: 2 }).then((a) => a.slice(0, 2)),
      [3, "Cancelled"],
    );
    await client.waitForEvent(EventName.error);
    assertEquals(client.errors(), [{
      code: 202,
      reqId: 3,
      message: "Order Canceled - reason:end of day",
    }]);
    assertEquals(tws.cancelOrder(3), false);
  },
);

sanitizedTest("an order for zero shares gets error 434 and is not recorded", async () => {
  await using tws = await FakeTws.start({ settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.placeOrder(1, stock("SPY"), buy(0));
  await client.waitForEvent(EventName.error);
  assertEquals(client.errors().map((e) => [e.code, e.reqId]), [[434, 1]]);
  assertEquals([tws.orders(), tws.protocolErrors], [[], []]);
});

sanitizedTest("setPosition is pushed to position subscribers", async () => {
  await using tws = await FakeTws.start({ settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.reqPositions();
  await client.waitForEvent(EventName.positionEnd);
  tws.setPosition("SPY", { quantity: 15, avgCost: "499.5" });
  const [account, contract, quantity, avgCost] = await client.waitForEvent(EventName.position) as [
    string,
    Contract,
    number,
    number,
  ];
  assertEquals([account, contract.symbol, quantity, avgCost], ["DU1234567", "SPY", 15, 499.5]);
});

sanitizedTest(
  "waitFor rejects after timeoutMs naming what it waited for, and close() fails pending waits",
  async () => {
    const tws = await FakeTws.start({ settleMs: 0 });
    await assertRejects(
      tws.waitFor("PLACE_ORDER", { timeoutMs: 20 }),
      /timed out after 20 ms waiting for 1 x PLACE_ORDER/,
    );
    const pending = assertRejects(tws.waitForClient({ clientId: 3 }), /the fake TWS was closed/);
    await tws.close();
    await pending;
  },
);

sanitizedTest("control calls name unknown symbols and ambiguous order ids", async () => {
  await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
  await using a = await IbTestClient.connect(tws, { clientId: 1 });
  await using b = await IbTestClient.connect(tws, { clientId: 2 });
  a.ib.placeOrder(1, stock("AAPL"), buy(1));
  b.ib.placeOrder(1, stock("MSFT"), buy(1));
  await tws.waitUntil(() => (tws.orders().length === 2 ? true : undefined));
  let message = "";
  try {
    tws.fillOrder(1, { price: 1 });
  } catch (error) {
    message = (error as Error).message;
  }
  assertEquals(message, "order id 1 was used by clients 1, 2: pass clientId");
  assertEquals(tws.fillOrder(1, { price: 410, clientId: 2 }).symbol, "MSFT");
  try {
    tws.pushTick("NOPE", { kind: "last", price: 1 });
  } catch (error) {
    message = (error as Error).message;
  }
  assertEquals(message, "unknown symbol NOPE: add it to the contracts option");
});
