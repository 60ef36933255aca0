import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import fc from "fast-check";
import {
  type Fill,
  type OrderRequest,
  type OrderState,
  type OrderStatusEvent,
  toDecimal,
} from "../model/mod.ts";
import type { ManagedOrder } from "./managed_order.ts";
import { OrderStore } from "./order_store.ts";

function request(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    id: "s-1",
    strategyId: "s",
    symbol: "AAPL",
    side: "BUY",
    quantity: toDecimal(100),
    type: "LMT",
    limitPrice: toDecimal(100),
    tif: "DAY",
    createdAt: 0,
    ...overrides,
  };
}

function status(
  orderId: string,
  state: OrderState,
  filled: number,
  extra: Partial<OrderStatusEvent> = {},
): OrderStatusEvent {
  return {
    orderId,
    status: state,
    filled: toDecimal(filled),
    remaining: toDecimal(0),
    ts: 1,
    ...extra,
  };
}

let execSequence = 0;
function execution(orderId: string, quantity: number, side: "BUY" | "SELL" = "BUY"): Fill {
  return {
    execId: `x-${++execSequence}`,
    orderId,
    symbol: "AAPL",
    side,
    quantity: toDecimal(quantity),
    price: toDecimal(100),
    commission: toDecimal(1),
    ts: 1,
  };
}

Deno.test("OrderStore counts a new order as working on its slot and its symbol", () => {
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  const slot = store.slot("s", "AAPL");
  assertEquals([slot.working?.id, slot.outstanding], ["s-1", 100]);
  assertEquals(store.symbol("AAPL")?.workingBuys, 100);
  assertEquals(store.workingCount, 1);
});

Deno.test("OrderStore refuses a second working order for one strategy and symbol", () => {
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  assertThrows(
    () => store.add(request({ id: "s-2", side: "SELL" }), { referencePrice: 100 }),
    /already has working order s-1 in AAPL/,
  );
  assertEquals(store.size, 1);
  // Another strategy may work the same symbol.
  store.add(request({ id: "t-1", strategyId: "t" }), { referencePrice: 100 });
  assertEquals(store.symbol("AAPL")?.workingBuys, 200);
});

Deno.test("OrderStore keeps a filled order working until its executions are booked", () => {
  // The reported window: after `filled` and before the execution, exposure must not read 0.
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  store.applyStatus(status("s-1", "filled", 100));
  const symbol = store.symbol("AAPL");
  assertEquals([symbol?.workingBuys, symbol?.bookedNet], [100, 0]);
  assertEquals(store.slot("s", "AAPL").outstanding, 100);
  assertEquals(store.get("s-1")?.ending, undefined);
  store.bookExecution(execution("s-1", 100));
  assertEquals([symbol?.workingBuys, symbol?.bookedNet], [0, 100]);
  assertEquals(store.get("s-1")?.ending, "settled");
  assertEquals(store.slot("s", "AAPL").working, undefined);
  assertEquals(store.workingCount, 0);
});

Deno.test("OrderStore settles an order whose executions came before its terminal status", () => {
  const store = new OrderStore();
  const stopped: string[] = [];
  const tracked = new OrderStore({ onStoppedWorking: (order) => stopped.push(order.id) });
  for (const s of [store, tracked]) {
    s.add(request(), { referencePrice: 100 });
    s.bookExecution(execution("s-1", 60));
    assertEquals(s.slot("s", "AAPL").outstanding, 40);
    s.bookExecution(execution("s-1", 40));
    // Everything booked, but the venue has not said "filled": still the slot's working order.
    assertEquals([s.slot("s", "AAPL").working?.id, s.slot("s", "AAPL").outstanding], ["s-1", 0]);
    s.applyStatus(status("s-1", "filled", 100));
    assertEquals(s.get("s-1")?.ending, "settled");
  }
  assertEquals(stopped, ["s-1"]);
});

Deno.test("OrderStore counts a pending amendment at the larger quantity until it is answered", () => {
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  store.bookExecution(execution("s-1", 30));
  store.requestAmendment(request({ quantity: toDecimal(150) }));
  assertEquals(store.slot("s", "AAPL").outstanding, 120);
  store.applyStatus(status("s-1", "partially_filled", 30, {
    amendment: { outcome: "accepted", quantity: toDecimal(150), limitPrice: toDecimal(100) },
  }));
  const order = store.get("s-1") as ManagedOrder;
  assertEquals([order.quantity, order.pendingAmendment, order.outstanding], [150, undefined, 120]);
  store.requestAmendment(request({ quantity: toDecimal(50) }));
  assertEquals(store.slot("s", "AAPL").outstanding, 120); // the old total may still execute
  store.applyStatus(status("s-1", "partially_filled", 30, {
    amendment: { outcome: "rejected", quantity: toDecimal(150) },
  }));
  assertEquals([order.quantity, order.outstanding], [150, 120]);
});

Deno.test("OrderStore ends the wait for overdue executions and abandons orders the venue lost", () => {
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  store.applyStatus(status("s-1", "filled", 100, { ts: 1_000 }));
  assertEquals(store.endOverdue(20_000, 30_000), []);
  assertEquals(store.endOverdue(40_000, 30_000).map((o) => o.id), ["s-1"]);
  assertEquals(store.get("s-1")?.ending, "settle_timeout");
  assertEquals(store.symbol("AAPL")?.workingBuys, 0);
  store.add(request({ id: "s-2" }), { referencePrice: 100 });
  assertEquals(store.abandon("s-2", { reason: "gone", ts: 5 }), true);
  assertEquals([store.get("s-2")?.status, store.get("s-2")?.ending], ["cancelled", "abandoned"]);
  assertEquals(store.abandon("s-2", { reason: "gone", ts: 5 }), false);
});

Deno.test("OrderStore ignores statuses after a terminal one except a higher filled count", () => {
  const store = new OrderStore();
  store.add(request(), { referencePrice: 100 });
  store.applyStatus(status("s-1", "cancelled", 20));
  store.applyStatus(status("s-1", "submitted", 0));
  assertEquals(store.get("s-1")?.status, "cancelled");
  store.applyStatus(status("s-1", "cancelled", 30));
  assertEquals(store.slot("s", "AAPL").outstanding, 30);
  store.bookExecution(execution("s-1", 30));
  assertEquals(store.get("s-1")?.ending, "settled");
});

type Step =
  | { kind: "add"; strategy: number; side: "BUY" | "SELL"; quantity: number }
  | { kind: "execute"; pick: number; share: number }
  | { kind: "status"; pick: number; state: OrderState }
  | { kind: "amend"; pick: number; quantity: number; outcome: "accepted" | "rejected" }
  | { kind: "overdue"; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    strategy: fc.integer({ min: 0, max: 2 }),
    side: fc.constantFrom("BUY" as const, "SELL" as const),
    quantity: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    kind: fc.constant("execute" as const),
    pick: fc.nat(),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("status" as const),
    pick: fc.nat(),
    state: fc.constantFrom<OrderState>(
      "submitted",
      "partially_filled",
      "filled",
      "cancelled",
      "rejected",
    ),
  }),
  fc.record({
    kind: fc.constant("amend" as const),
    pick: fc.nat(),
    quantity: fc.integer({ min: 1, max: 800 }),
    outcome: fc.constantFrom("accepted" as const, "rejected" as const),
  }),
  fc.record({ kind: fc.constant("overdue" as const), pick: fc.nat() }),
);

Deno.test("OrderStore indexes always equal a recount over its orders (fast-check)", () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
      const store = new OrderStore();
      const venueFilled = new Map<string, number>();
      let sequence = 0;
      for (const step of steps) {
        const orders = store.all();
        const picked = orders.length === 0 ? undefined : orders[
          (step as { pick?: number }).pick! % orders.length
        ];
        if (step.kind === "add") {
          const strategyId = `s${step.strategy}`;
          if (store.slot(strategyId, "AAPL").working !== undefined) continue;
          const id = `${strategyId}-${++sequence}`;
          store.add(
            request({ id, strategyId, side: step.side, quantity: toDecimal(step.quantity) }),
            { referencePrice: 100 },
          );
        } else if (picked !== undefined && step.kind === "execute") {
          // The venue executes at most its working quantity, never after a terminal state
          // except what it already reported.
          const filled = venueFilled.get(picked.id) ?? 0;
          const cap = picked.terminal ? picked.reportedFilled - filled : picked.quantity - filled;
          const quantity = Math.floor(cap * step.share);
          if (quantity <= 0) continue;
          venueFilled.set(picked.id, filled + quantity);
          store.bookExecution(execution(picked.id, quantity, picked.side));
        } else if (picked !== undefined && step.kind === "status") {
          const filled = venueFilled.get(picked.id) ?? 0;
          const reported = step.state === "filled" ? picked.quantity : filled;
          if (step.state === "filled") venueFilled.set(picked.id, reported);
          store.applyStatus(status(picked.id, step.state, reported));
        } else if (picked !== undefined && step.kind === "amend") {
          if (picked.terminal || picked.ending !== undefined) continue;
          const quantity = Math.max(step.quantity, venueFilled.get(picked.id) ?? 0);
          store.requestAmendment({ ...picked.request, quantity: toDecimal(quantity) });
          store.applyStatus(status(picked.id, "submitted", venueFilled.get(picked.id) ?? 0, {
            amendment: { outcome: step.outcome, quantity: toDecimal(quantity) },
          }));
        } else if (picked !== undefined && step.kind === "overdue") {
          store.endOverdue(Number.MAX_SAFE_INTEGER, 0);
        }
        assertRecount(store);
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

/** Every index the store keeps equals the same figure recounted from its orders. */
function assertRecount(store: OrderStore): void {
  let buys = 0;
  let sells = 0;
  let booked = 0;
  let working = 0;
  const perSlot = new Map<string, ManagedOrder[]>();
  for (const order of store.all()) {
    booked += order.sign * order.booked;
    if (order.ending === undefined) {
      working++;
      const list = perSlot.get(order.strategyId) ?? [];
      list.push(order);
      perSlot.set(order.strategyId, list);
    }
    if (order.outstanding > 0) buys += order.outstanding;
    else sells -= order.outstanding;
    if (order.outstanding !== 0 && order.ending !== undefined) {
      throw new Error(`${order.id} ended with ${order.outstanding} outstanding`);
    }
  }
  const symbol = store.symbol("AAPL");
  assertEquals(
    [symbol?.workingBuys ?? 0, symbol?.workingSells ?? 0, symbol?.bookedNet ?? 0],
    [buys, sells, booked],
  );
  assertEquals(store.workingCount, working);
  for (const [strategyId, list] of perSlot) {
    assertEquals(list.length, 1, `${strategyId} has ${list.length} working orders`);
    const slot = store.slot(strategyId, "AAPL");
    assertEquals([slot.working?.id, slot.outstanding], [list[0]?.id, list[0]?.outstanding]);
  }
}
