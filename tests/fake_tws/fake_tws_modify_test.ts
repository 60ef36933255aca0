import { deepStrictEqual as assertEquals } from "node:assert/strict";
import {
  type Contract,
  type ContractDetails,
  EventName,
  type Order,
  OrderAction,
  OrderType,
  SecType,
} from "@stoqey/ib";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const stock = (symbol: string): Contract => ({
  symbol,
  secType: SecType.STK,
  exchange: "SMART",
  currency: "USD",
});

function limitOrder(fields: Partial<Order>): Order {
  return {
    action: OrderAction.BUY,
    orderType: OrderType.LMT,
    lmtPrice: 180,
    totalQuantity: 10,
    tif: "DAY",
    account: "DU1234567",
    transmit: true,
    ...fields,
  };
}

/** openOrder (id, totalQuantity, lmtPrice, status) and orderStatus (id, status, filled, remaining) after `mark`. */
function answersAfter(client: IbTestClient, mark: number): unknown[][] {
  return client.events.slice(mark).flatMap((e) => {
    if (e.name === EventName.openOrder) {
      const [id, , order, state] = e.args as [number, Contract, Order, { status: string }];
      return [["openOrder", id, order.totalQuantity, order.lmtPrice, state.status]];
    }
    if (e.name === EventName.orderStatus) return [["orderStatus", ...e.args.slice(0, 4)]];
    return [];
  });
}

sanitizedTest(
  "a modification is answered like TWS: openOrder with the new total and limit, then orderStatus with the new remaining",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, stock("AAPL"), limitOrder({}));
    await client.waitForEvent(EventName.orderStatus);
    tws.fillOrder(1, { quantity: 4, price: 180 });
    await client.waitForEvent(EventName.orderStatus, { count: 2 });
    const mark = client.mark();
    client.ib.placeOrder(1, stock("AAPL"), limitOrder({ totalQuantity: 6, lmtPrice: 180.5 }));
    await client.waitForEvent(EventName.orderStatus, { after: mark });
    assertEquals(answersAfter(client, mark), [
      ["openOrder", 1, 6, 180.5, "Submitted"],
      ["orderStatus", 1, "Submitted", 4, 2],
    ]);
    tws.fillOrder(1, { price: 180.5 });
    assertEquals([tws.order(1).status, tws.order(1).filled.toString()], ["Filled", "6"]);
    assertEquals(client.errors(), []);
  },
);

sanitizedTest(
  "a modification is refused with the order id: 104 when filled, 105 below the filled quantity or for another action",
  async () => {
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" }, settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.placeOrder(1, stock("AAPL"), limitOrder({}));
    client.ib.placeOrder(2, stock("AAPL"), limitOrder({}));
    await client.waitForEvent(EventName.orderStatus, { count: 2 });
    tws.fillOrder(1, { price: 180 });
    tws.fillOrder(2, { quantity: 5, price: 180 });
    client.ib.placeOrder(1, stock("AAPL"), limitOrder({ totalQuantity: 20 }));
    client.ib.placeOrder(2, stock("AAPL"), limitOrder({ totalQuantity: 5 }));
    client.ib.placeOrder(2, stock("AAPL"), limitOrder({ action: OrderAction.SELL }));
    await client.waitForEvent(EventName.error, { count: 3 });
    assertEquals(client.errors().map((e) => [e.reqId, e.code, e.message]), [
      [1, 104, "Can't modify a filled order."],
      [
        2,
        105,
        "Order being modified does not match original order. (total quantity 5 is not above the 5 filled)",
      ],
      [2, 105, "Order being modified does not match original order. (action BUY -> SELL)"],
    ]);
    assertEquals(
      [tws.order(2).totalQuantity.toString(), tws.order(2).action, tws.order(2).status],
      ["10", "BUY", "Submitted"],
    );
  },
);

sanitizedTest(
  "contract details carry each symbol's minTick and limit prices off it get error 110, new or modified",
  async () => {
    await using tws = await FakeTws.start({
      fillMode: { mode: "manual" },
      contracts: { AAPL: { conId: 265598 }, XYZ: { conId: 4242, minTick: "0.05" } },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqContractDetails(1_000_000_001, stock("AAPL"));
    client.ib.reqContractDetails(1_000_000_002, stock("XYZ"));
    await client.waitForEvent(EventName.contractDetailsEnd, { count: 2 });
    const ticks = client.argsOf(EventName.contractDetails)
      .map((a) => [(a[1] as ContractDetails).contract.symbol, (a[1] as ContractDetails).minTick]);
    assertEquals(ticks, [["AAPL", 0.01], ["XYZ", 0.05]]);

    client.ib.placeOrder(1, stock("AAPL"), limitOrder({ lmtPrice: 248.40584815979003 }));
    client.ib.placeOrder(2, stock("XYZ"), limitOrder({ lmtPrice: 10.03 }));
    client.ib.placeOrder(3, stock("XYZ"), limitOrder({ lmtPrice: 10.05 }));
    await client.waitForEvent(EventName.orderStatus);
    client.ib.placeOrder(3, stock("XYZ"), limitOrder({ lmtPrice: 10.07 }));
    await client.waitForEvent(EventName.error, { count: 3 });
    const offTick = "The price does not conform to the minimum price variation for this contract.";
    assertEquals(client.errors().map((e) => [e.reqId, e.code, e.message]), [
      [1, 110, offTick],
      [2, 110, offTick],
      [3, 110, offTick],
    ]);
    assertEquals(tws.orders().map((o) => [o.orderId, o.lmtPrice?.toString(), o.status]), [
      [3, "10.05", "Submitted"],
    ]);
  },
);
