import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import { ManualClock, type OrderRequest, toDecimal, usEquityTick } from "../model/mod.ts";
import { OrderStore } from "../orders/mod.ts";
import { LiveTradingGuard, RiskGuard } from "../risk/mod.ts";
import { Telemetry } from "../telemetry/mod.ts";
import type { Broker } from "../venue/mod.ts";
import { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { cancelWorkingOrders } from "./_shutdown.ts";

function setup(confirmAfterMs: number | undefined) {
  const bus = createTradingBus();
  const store = new OrderStore();
  const broker: Broker = {
    submit: () => Promise.resolve(),
    modify: () => Promise.resolve(),
    cancel: (orderId) => {
      if (confirmAfterMs !== undefined) {
        setTimeout(() =>
          bus.publish("order_status", {
            orderId,
            status: "cancelled",
            filled: toDecimal(0),
            remaining: toDecimal(0),
            ts: 0,
          }), confirmAfterMs);
      }
      return Promise.resolve();
    },
    openOrders: () => Promise.resolve([]),
    positions: () => Promise.resolve([]),
    priceIncrement: (_symbol, price) => usEquityTick(price),
  };
  const proxy = new CoordinatorBrokerProxy({
    broker,
    riskGuard: new RiskGuard({
      maxOrderSize: 1000,
      maxOrderNotional: toDecimal(1e6),
      maxOrdersPerMinute: 100,
    }, { price: () => 10 }),
    liveGuard: new LiveTradingGuard({ liveFlag: false }),
    endpoint: { kind: "sim" },
    account: () => ({ accountId: "SIM", isPaper: true, currency: "USD" }),
    store,
    telemetry: new Telemetry(bus, new ManualClock(1)),
    onSendFailed: () => {},
    onModifyFailed: () => {},
    onCancelFailed: () => {},
  });
  bus.subscribe("order_status", (event) => store.applyStatus(event));
  const order: OrderRequest = {
    id: "s-1",
    strategyId: "s",
    symbol: "AAPL",
    side: "BUY",
    quantity: toDecimal(5),
    type: "LMT",
    limitPrice: toDecimal(1),
    tif: "DAY",
    createdAt: 0,
  };
  store.add(order, { referencePrice: 1 });
  return { bus, store, proxy };
}

Deno.test("a stop waits for the venue to confirm asynchronous cancellations", async () => {
  const { bus, store, proxy } = setup(5);
  const result = await cancelWorkingOrders({ bus, store, proxy, ts: 0, timeoutMs: 2000 });
  assertEquals(result, { cancelled: ["s-1"], finishedOtherwise: [], stillWorking: [] });
  assertEquals(store.get("s-1")?.status, "cancelled");
});

Deno.test("a stop gives up waiting after the timeout and names the orders still working", async () => {
  const { bus, store, proxy } = setup(undefined);
  const result = await cancelWorkingOrders({ bus, store, proxy, ts: 0, timeoutMs: 20 });
  assertEquals(result, { cancelled: [], finishedOtherwise: [], stillWorking: ["s-1"] });
});
