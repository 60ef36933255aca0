/**
 * Target-position order management: what to do with the one working order of
 * a strategy in a symbol when the strategy states a new target.
 *
 * @module
 */
import type { Decimal, OrderSide } from "../model/mod.ts";
import type { ManagedOrder } from "../orders/mod.ts";

/** Why an order cannot be changed right now. */
export type BusyReason = "awaiting_executions" | "awaiting_cancel" | "awaiting_amendment";

/** The step that moves a strategy toward its target. */
export type OrderAction =
  /** Nothing to send: the target is held, or the working order already leads to it. */
  | { readonly kind: "none"; readonly reason: "zero_delta" | "covered_by_working_order" }
  /** No order works: send one for the difference. */
  | { readonly kind: "submit"; readonly side: OrderSide; readonly quantity: number }
  /** The working order goes the right way: change it so `quantity` more shares execute (total = booked + quantity). */
  | { readonly kind: "amend"; readonly quantity: number }
  /** The working order goes the wrong way (or has the wrong type): cancel it, decide again once it ended. */
  | { readonly kind: "cancel_then_wait" }
  /** The working order is changing already: decide again once it settles. */
  | { readonly kind: "wait"; readonly reason: BusyReason };

/** Why `order` cannot be modified or cancelled now, or undefined when it can. */
export function busyReason(order: ManagedOrder): BusyReason | undefined {
  if (order.terminal || order.booked >= order.quantity) return "awaiting_executions";
  if (!Number.isNaN(order.cancelRequestedAt)) return "awaiting_cancel";
  if (order.pendingAmendment !== undefined) return "awaiting_amendment";
  return undefined;
}

/**
 * The action that takes a strategy from `position` (filled) to `target`, given
 * its `working` order and the (tick-rounded) `limitPrice` of the intent
 * (undefined: market). The rules:
 * - no working order: order the difference (nothing when there is none);
 * - a cancel or a modification of the working order is pending: wait for its
 *   answer (the order as it will be is not known yet);
 * - the order is terminal and awaits its executions: keep it when it leads
 *   exactly to the target on the same terms, else wait until it settled;
 * - it leads exactly to the target on the same terms: keep it;
 * - it goes the same way with the same order type, and its new total
 *   (booked + difference) is above what the venue already filled: amend it;
 * - otherwise (opposite side, target reached, other order type, a total the
 *   venue already filled past, or `cancelInstead` after a refused
 *   modification): cancel it and decide again once it ended, never an
 *   opposite order beside it.
 *
 * @example
 * ```ts
 * decideOrderAction({ target: 6, position: 0, working: buy10, limitPrice: undefined });
 * // { kind: "amend", quantity: 6 }
 * ```
 */
export function decideOrderAction(state: {
  readonly target: number;
  readonly position: number;
  readonly working: ManagedOrder | undefined;
  readonly limitPrice: Decimal | undefined;
  /** The venue refused a modification toward this target: cancel instead of amending again. */
  readonly cancelInstead?: boolean;
}): OrderAction {
  const { target, position, working, limitPrice } = state;
  const delta = target - position;
  if (working === undefined) {
    if (delta === 0) return { kind: "none", reason: "zero_delta" };
    return { kind: "submit", side: delta > 0 ? "BUY" : "SELL", quantity: Math.abs(delta) };
  }
  const request = working.request;
  const sameType = request.type === (limitPrice === undefined ? "MKT" : "LMT");
  const sameTerms = sameType &&
    (limitPrice === undefined || (request.limitPrice?.equals(limitPrice) ?? false));
  const leadsToTarget = position + working.outstanding === target;
  const busy = busyReason(working);
  if (busy === "awaiting_cancel" || busy === "awaiting_amendment") {
    return { kind: "wait", reason: busy };
  }
  if (busy === "awaiting_executions") {
    return leadsToTarget && sameTerms
      ? { kind: "none", reason: "covered_by_working_order" }
      : { kind: "wait", reason: busy };
  }
  if (delta !== 0 && Math.sign(delta) === working.sign && leadsToTarget && sameTerms) {
    return { kind: "none", reason: "covered_by_working_order" };
  }
  const total = working.booked + Math.abs(delta);
  if (
    delta === 0 || Math.sign(delta) !== working.sign || !sameType ||
    total <= working.reportedFilled || state.cancelInstead === true
  ) {
    return { kind: "cancel_then_wait" };
  }
  return { kind: "amend", quantity: Math.abs(delta) };
}
