/**
 * One order as the order store keeps it, and the one rule that says how many
 * shares it is still expected to deliver and whether it still works.
 *
 * @module
 */
import type { OrderRequest, OrderSide, OrderState } from "../model/mod.ts";

/** How an order stopped working. */
export type OrderEnding =
  /** Terminal at the venue and every execution it reported is booked. */
  | "settled"
  /** Terminal, but executions the venue reported never arrived within the settle timeout. */
  | "settle_timeout"
  /** The venue no longer knew the order (reconciliation after an outage). */
  | "abandoned";

/**
 * An order of this run, as the {@link OrderStore} keeps it. Quantities are
 * whole shares as numbers (exact below 2^53); the Decimal quantities a venue
 * receives are in {@link ManagedOrder.request}.
 */
export interface ManagedOrder {
  /** Our order id. */
  readonly id: string;
  /** The strategy that owns the order. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** BUY or SELL. */
  readonly side: OrderSide;
  /** +1 for BUY, -1 for SELL. */
  readonly sign: 1 | -1;
  /** The order as the venue works it: as submitted, then as last amended. */
  readonly request: OrderRequest;
  /** Total quantity of {@link request}, shares. */
  readonly quantity: number;
  /** A modification sent and not answered yet. */
  readonly pendingAmendment: OrderRequest | undefined;
  /** Total quantity of {@link pendingAmendment}, shares (NaN without one). */
  readonly pendingQuantity: number;
  /** The last state the venue reported (`submitted` until its first report). */
  readonly status: OrderState;
  /** Shares of the executions booked for the order. */
  readonly booked: number;
  /** Cumulative filled quantity the venue last reported in a status. */
  readonly reportedFilled: number;
  /** True once the venue reported a terminal state (or the order was abandoned). */
  readonly terminal: boolean;
  /** Market time of the terminal state, epoch ms; NaN before. */
  readonly terminalAt: number;
  /** Market time the coordinator asked the venue to cancel; NaN when it did not. */
  readonly cancelRequestedAt: number;
  /** The venue's reason for a rejection or cancellation, when it gave one. */
  readonly reason: string | undefined;
  /** How the order stopped working; undefined while it works. */
  readonly ending: OrderEnding | undefined;
  /** Signed shares the order is still expected to deliver (see {@link expectedShares}). */
  readonly outstanding: number;
}

/** The fields {@link expectedShares} reads. */
export type ExpectationInputs = Pick<
  ManagedOrder,
  "terminal" | "quantity" | "pendingQuantity" | "booked" | "reportedFilled" | "ending"
>;

/**
 * THE rule: shares an order is still expected to deliver as executions.
 * - working at the venue: its total quantity minus what is booked; while a
 *   modification is pending, the larger of the old and the new total (the
 *   venue may still work either);
 * - terminal: what the venue reported filled minus what is booked (a venue
 *   may report `filled` before the executions arrive, IBKR up to the
 *   commission report);
 * - stopped working ({@link ManagedOrder.ending} set): nothing.
 *
 * An order works while this is positive or it is not terminal: it stops
 * working when it is terminal AND all its reported executions are booked,
 * or when the settle timeout (an event) ends the wait.
 */
export function expectedShares(order: ExpectationInputs): number {
  if (order.ending !== undefined) return 0;
  if (order.terminal) return Math.max(0, order.reportedFilled - order.booked);
  const total = Number.isNaN(order.pendingQuantity)
    ? order.quantity
    : Math.max(order.quantity, order.pendingQuantity);
  return Math.max(0, total - order.booked);
}

/**
 * Shares the order is meant to deliver from now on: like
 * {@link expectedShares}, but a pending modification counts with its new
 * total only (what the coordinator asked for), not the larger of the two.
 * Intent arithmetic (a `market_delta` on top of the working order) uses it;
 * exposure uses the worst case, {@link expectedShares}.
 */
export function intendedShares(order: ExpectationInputs): number {
  if (order.ending !== undefined) return 0;
  if (order.terminal) return Math.max(0, order.reportedFilled - order.booked);
  const total = Number.isNaN(order.pendingQuantity) ? order.quantity : order.pendingQuantity;
  return Math.max(0, total - order.booked);
}
