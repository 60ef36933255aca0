/**
 * Executions: the only thing that changes a position.
 *
 * @module
 */
import type { Decimal } from "./decimal.ts";
import type { OrderSide } from "./order.ts";

/**
 * One execution of (part of) an order, with its commission. Venues report
 * fills under our order id; the coordinator attributes them to the strategy
 * that owns the order.
 */
export interface Fill {
  /** Venue execution id, unique per execution; used to drop duplicates. */
  readonly execId: string;
  /** Our order id. */
  readonly orderId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** BUY or SELL. */
  readonly side: OrderSide;
  /** Positive number of shares executed. */
  readonly quantity: Decimal;
  /** Execution price. */
  readonly price: Decimal;
  /** Commission charged for this execution (positive = cost). */
  readonly commission: Decimal;
  /** Market time of the execution, epoch ms. */
  readonly ts: number;
}
