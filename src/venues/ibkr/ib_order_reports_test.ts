import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Order, OrderStatus, OrderType } from "@stoqey/ib";
import { createTradingBus } from "../../bus/mod.ts";
import {
  ManualClock,
  type OrderRequest,
  type OrderStatusEvent,
  toDecimal,
} from "../../model/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { ManualScheduler } from "./_manual_scheduler.ts";
import type { IbEventArgs, IbEventName } from "./ib_events.ts";
import { type IbOrder, IbOrderRegistry } from "./ib_order_registry.ts";
import { IbOrderReports } from "./ib_order_reports.ts";
import type { PendingRequests } from "./pending_requests.ts";
import type { RequestIdAllocator } from "./id_allocators.ts";
import type { TwsLink } from "./tws_link.ts";

type Listener = (...args: never[]) => void;

/** The link events a test emits by hand, and what the reports publish. */
function setup() {
  const listeners = new Map<string, Listener[]>();
  const link = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
  };
  const emit = <E extends IbEventName>(event: E, ...args: IbEventArgs[E]) => {
    for (const listener of listeners.get(event) ?? []) {
      (listener as unknown as (...a: IbEventArgs[E]) => void)(...args);
    }
  };
  const bus = createTradingBus();
  const events: OrderStatusEvent[] = [];
  bus.subscribe("order_status", (event) => events.push(event));
  const ctx: IbkrContext = {
    link: link as unknown as TwsLink,
    pending: undefined as unknown as PendingRequests,
    requestIds: undefined as unknown as RequestIdAllocator,
    clock: new ManualClock(1000),
    scheduler: new ManualScheduler(),
    clientId: 7,
    requestTimeoutMs: 1000,
    accountId: () => "DU1234567",
    bus: () => bus,
    health: () => {},
  };
  const orders = new IbOrderRegistry();
  const reports = new IbOrderReports(ctx, { orders, commissionWaitMs: 1000 });
  return { emit, events, orders, reports };
}

function request(quantity: number, limitPrice: number): OrderRequest {
  return {
    id: "s-1",
    strategyId: "s",
    symbol: "AAPL",
    side: "BUY",
    quantity: toDecimal(quantity),
    type: "LMT",
    limitPrice: toDecimal(limitPrice),
    tif: "DAY",
    createdAt: 0,
  };
}

/** A sent, acknowledged order 5 (10 @ 180, 3 filled) with a modification to `amended` sent. */
function workingOrderWithAmendment(
  t: ReturnType<typeof setup>,
  amended: OrderRequest,
): IbOrder {
  const order = t.orders.add(request(10, 180));
  t.orders.assignIbOrderId(order, 5);
  order.sent = true;
  t.emit("orderStatus", 5, "Submitted", 3, 7, 180);
  order.amendment = {
    request: amended,
    queued: undefined,
    sent: true,
    echoed: false,
    statusSinceSent: undefined,
  };
  return order;
}

const SUBMITTED = { status: OrderStatus.Submitted };
const ibOrder = (totalQuantity: number, lmtPrice: number): Order => ({
  orderType: OrderType.LMT,
  totalQuantity,
  lmtPrice,
  orderRef: "s-1",
});
const rows = (events: readonly OrderStatusEvent[]) =>
  events.map((e) => [
    e.status,
    e.filled.toString(),
    e.remaining.toString(),
    e.amendment?.outcome,
    e.amendment?.quantity.toString(),
  ]);

Deno.test("IbOrderReports accepts a modification at the orderStatus that follows TWS's echo", () => {
  const t = setup();
  const order = workingOrderWithAmendment(t, request(15, 180));
  t.emit("openOrder", 5, {}, ibOrder(10, 180), SUBMITTED);
  assertEquals(order.amendment?.echoed, false);
  t.emit("openOrder", 5, {}, ibOrder(15, 180), SUBMITTED);
  assertEquals(t.events.length, 1);
  t.emit("orderStatus", 5, "Submitted", 3, 12, 180);
  assertEquals(rows(t.events), [
    ["partially_filled", "3", "7", undefined, undefined],
    ["partially_filled", "3", "12", "accepted", "15"],
  ]);
  assertEquals([order.amendment, order.request.quantity.toString()], [undefined, "15"]);
});

Deno.test("IbOrderReports accepts at the echo when the orderStatus under the new total came first", () => {
  const t = setup();
  const order = workingOrderWithAmendment(t, request(15, 180));
  t.emit("orderStatus", 5, "Submitted", 3, 12, 180);
  assertEquals(t.events.length, 1);
  t.emit("openOrder", 5, {}, ibOrder(15, 180), SUBMITTED);
  assertEquals(rows(t.events).at(-1), ["partially_filled", "3", "12", "accepted", "15"]);
  assertEquals(order.amendment, undefined);
});

Deno.test("IbOrderReports ignores an echo of another limit and waits for the amended one", () => {
  const t = setup();
  workingOrderWithAmendment(t, request(10, 181.5));
  t.emit("openOrder", 5, {}, ibOrder(10, 180), SUBMITTED);
  t.emit("orderStatus", 5, "Submitted", 3, 7, 180);
  assertEquals(t.events.length, 1);
  t.emit("openOrder", 5, {}, ibOrder(10, 181.5), SUBMITTED);
  t.emit("orderStatus", 5, "Submitted", 3, 7, 180);
  assertEquals(t.events.at(-1)?.amendment?.limitPrice?.toString(), "181.5");
});

Deno.test("IbOrderReports turns an order error during a modification into a refused amendment, not a rejected order", () => {
  const t = setup();
  const order = workingOrderWithAmendment(t, request(2, 180));
  order.acknowledged = true;
  t.reports.handleError(5, 201, "Order rejected - reason:quantity below filled");
  assertEquals(rows(t.events).at(-1), ["partially_filled", "3", "7", "rejected", "10"]);
  assertEquals(
    t.events.at(-1)?.reason,
    "modification refused: Order rejected - reason:quantity below filled (IB error 201)",
  );
  assertEquals([order.terminal, order.status, order.lastError], [
    false,
    "partially_filled",
    undefined,
  ]);
  t.emit("orderStatus", 5, "Cancelled", 3, 7, 180);
  assertEquals(t.events.at(-1)?.reason, "TWS reported Cancelled");
});

Deno.test("IbOrderReports lets a terminal status answer a pending modification", () => {
  const t = setup();
  const order = workingOrderWithAmendment(t, request(15, 180));
  t.emit("orderStatus", 5, "Filled", 10, 0, 180);
  t.emit("openOrder", 5, {}, ibOrder(15, 180), SUBMITTED);
  t.emit("orderStatus", 5, "Submitted", 10, 5, 180);
  assertEquals(rows(t.events), [
    ["partially_filled", "3", "7", undefined, undefined],
    ["filled", "10", "0", undefined, undefined],
  ]);
  assertEquals(order.amendment, undefined);
});

Deno.test("IbOrderReports publishes a higher filled count that arrives after the order's cancellation", () => {
  // Error 202 can come before the orderStatus carrying the last fill: the order stays cancelled,
  // but the coordinator must learn that 5, not 3, were filled (it waits for those executions).
  const t = setup();
  const order = t.orders.add(request(10, 180));
  t.orders.assignIbOrderId(order, 5);
  order.sent = true;
  t.emit("orderStatus", 5, "Submitted", 3, 7, 180);
  t.reports.handleError(5, 202, "Order Canceled - reason:");
  t.emit("orderStatus", 5, "Cancelled", 5, 5, 180);
  t.emit("orderStatus", 5, "Cancelled", 5, 5, 180);
  assertEquals(rows(t.events), [
    ["partially_filled", "3", "7", undefined, undefined],
    ["cancelled", "3", "0", undefined, undefined],
    ["cancelled", "5", "0", undefined, undefined],
  ]);
});
