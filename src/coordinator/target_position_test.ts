import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { type Decimal, type OrderSide, toDecimal } from "../model/mod.ts";
import { type ManagedOrder, OrderStore } from "../orders/mod.ts";
import { decideOrderAction } from "./target_position.ts";

/** A working order of `quantity` shares on `side` with `booked` shares executed. */
function working(
  side: OrderSide,
  quantity: number,
  options: { booked?: number; limit?: Decimal; cancel?: boolean; terminal?: boolean } = {},
): ManagedOrder {
  const store = new OrderStore();
  const order = store.add({
    id: "s-1",
    strategyId: "s",
    symbol: "AAPL",
    side,
    quantity: toDecimal(quantity),
    ...(options.limit === undefined
      ? { type: "MKT" as const }
      : { type: "LMT" as const, limitPrice: options.limit }),
    tif: "DAY",
    createdAt: 0,
  }, { referencePrice: 100 });
  if (options.booked !== undefined && options.booked > 0) {
    store.bookExecution({
      execId: "x",
      orderId: "s-1",
      symbol: "AAPL",
      side,
      quantity: toDecimal(options.booked),
      price: toDecimal(100),
      commission: toDecimal(0),
      ts: 0,
    });
  }
  if (options.cancel) store.requestCancel("s-1", 0);
  if (options.terminal) {
    store.applyStatus({
      orderId: "s-1",
      status: "filled",
      filled: toDecimal(quantity),
      remaining: toDecimal(0),
      ts: 0,
    });
  }
  return order;
}

const L90 = toDecimal(90);

Deno.test("without a working order the difference is ordered, nothing when there is none", () => {
  assertEquals(
    decideOrderAction({ target: 10, position: 4, working: undefined, limitPrice: L90 }),
    {
      kind: "submit",
      side: "BUY",
      quantity: 6,
    },
  );
  assertEquals(
    decideOrderAction({ target: 4, position: 4, working: undefined, limitPrice: undefined }),
    { kind: "none", reason: "zero_delta" },
  );
});

Deno.test("a working order that leads to the target on the same terms is kept", () => {
  const order = working("BUY", 10, { limit: L90 });
  assertEquals(decideOrderAction({ target: 10, position: 0, working: order, limitPrice: L90 }), {
    kind: "none",
    reason: "covered_by_working_order",
  });
});

Deno.test("a lower target in the same direction amends the working buy instead of selling beside it", () => {
  // The reproduction: BUY 10 LMT works, the clip lowers the target to 4. The old rule ordered
  // 4 - (0 + 10) = SELL 6 beside the BUY; the BUY expired, the SELL filled: -6 in a long-only book.
  const order = working("BUY", 10, { limit: L90 });
  assertEquals(decideOrderAction({ target: 4, position: 0, working: order, limitPrice: L90 }), {
    kind: "amend",
    quantity: 4,
  });
});

Deno.test("an amendment counts what already executed: 3 of 10 booked, target 6, 3 remain", () => {
  const order = working("BUY", 10, { booked: 3, limit: L90 });
  assertEquals(decideOrderAction({ target: 6, position: 3, working: order, limitPrice: L90 }), {
    kind: "amend",
    quantity: 3,
  });
});

Deno.test("a new limit price amends the order", () => {
  const order = working("BUY", 10, { limit: L90 });
  assertEquals(
    decideOrderAction({ target: 10, position: 0, working: order, limitPrice: toDecimal(91) }),
    { kind: "amend", quantity: 10 },
  );
});

Deno.test("an opposite target, a reached target or another order type cancels first", () => {
  const order = working("BUY", 10, { booked: 2, limit: L90 });
  for (const [target, limitPrice] of [[-5, L90], [2, L90], [8, undefined]] as const) {
    assertEquals(
      decideOrderAction({ target, position: 2, working: order, limitPrice }),
      { kind: "cancel_then_wait" },
    );
  }
});

Deno.test("an order that is being cancelled, amended or settled makes a new target wait", () => {
  assertEquals(
    decideOrderAction({
      target: 4,
      position: 0,
      working: working("BUY", 10, { cancel: true }),
      limitPrice: undefined,
    }),
    { kind: "wait", reason: "awaiting_cancel" },
  );
  const settled = working("BUY", 10, { terminal: true });
  assertEquals(
    decideOrderAction({ target: 3, position: 0, working: settled, limitPrice: undefined }),
    {
      kind: "wait",
      reason: "awaiting_executions",
    },
  );
  assertEquals(
    decideOrderAction({ target: 10, position: 0, working: settled, limitPrice: undefined }),
    { kind: "none", reason: "covered_by_working_order" },
  );
});

Deno.test("decideOrderAction never orders against a working order and never plans past the target (fast-check)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: -50, max: 50 }),
      fc.option(
        fc.record({
          side: fc.constantFrom<OrderSide>("BUY", "SELL"),
          quantity: fc.integer({ min: 1, max: 60 }),
          bookedShare: fc.double({ min: 0, max: 1, noNaN: true }),
          limit: fc.boolean(),
          cancel: fc.boolean(),
        }),
      ),
      fc.boolean(),
      (target, position, spec, intentLimit) => {
        const order = spec === null ? undefined : working(spec.side, spec.quantity, {
          booked: Math.floor(spec.quantity * spec.bookedShare),
          ...(spec.limit ? { limit: L90 } : {}),
          cancel: spec.cancel,
        });
        const limitPrice = intentLimit ? L90 : undefined;
        const action = decideOrderAction({ target, position, working: order, limitPrice });
        if (order !== undefined) {
          if (action.kind === "submit") throw new Error("a second order beside a working one");
          if (action.kind === "amend") {
            // Same direction only, and what remains brings the position exactly to the target.
            assertEquals(Math.sign(target - position), order.sign);
            assertEquals(position + order.sign * action.quantity, target);
          }
        } else if (action.kind === "submit") {
          assertEquals(position + (action.side === "BUY" ? 1 : -1) * action.quantity, target);
        }
      },
    ),
    { numRuns: 1000, seed: 11 },
  );
});
