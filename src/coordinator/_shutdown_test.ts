import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import { ManualClock, type OrderRequest, toDecimal } from "../model/mod.ts";
import { LiveTradingGuard, RiskGuard } from "../risk/mod.ts";
import { Telemetry } from "../telemetry/mod.ts";
import type { Broker } from "../venue/mod.ts";
import { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { OrderTracker } from "./order_tracker.ts";
import { cancelWorkingOrders } from "./_shutdown.ts";

function setup(confirmAfterMs: number | undefined) {
  const bus = createTradingBus();
  const tracker = new OrderTracker();
  const broker: Broker = {
    submit: () => Promise.resolve(),
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
    tracker,
    telemetry: new Telemetry(bus, new ManualClock(1)),
    onSendFailed: () => {},
  });
  bus.subscribe("order_status", (event) => tracker.applyStatus(event));
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
  tracker.add(order, { working: 0 });
  return { bus, tracker, proxy };
}

Deno.test("a stop waits for the venue to confirm asynchronous cancellations", async () => {
  const { bus, tracker, proxy } = setup(5);
  const result = await cancelWorkingOrders({ bus, tracker, proxy, timeoutMs: 2000 });
  assertEquals(result, { cancelled: 1, stillWorking: [] });
  assertEquals(tracker.get("s-1")?.status, "cancelled");
});

Deno.test("a stop gives up waiting after the timeout and names the orders still working", async () => {
  const { bus, tracker, proxy } = setup(undefined);
  const result = await cancelWorkingOrders({ bus, tracker, proxy, timeoutMs: 20 });
  assertEquals(result, { cancelled: 1, stillWorking: ["s-1"] });
});
