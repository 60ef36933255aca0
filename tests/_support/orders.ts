/**
 * Order requests and compact views of order statuses, shared by the venue
 * tests (the conformance suite and the IBKR venue's own tests).
 *
 * @module
 */
import { type OrderRequest, type OrderStatusEvent, toDecimal } from "../../src/model/mod.ts";

/** The fields of an {@link orderRequest} a test chooses. */
export interface OrderFields {
  /** Default AAPL. */
  readonly symbol?: string;
  /** Default BUY. */
  readonly side?: "BUY" | "SELL";
  /** Shares. */
  readonly quantity: number | string;
  /** Makes it a LMT order; without it the order is MKT. */
  readonly limitPrice?: number | string;
}

/**
 * A DAY order of strategy `s` (AAPL BUY unless told): LMT when `limitPrice`
 * is given, else MKT.
 *
 * @example
 * ```ts
 * await broker.submit(orderRequest("s-1", { quantity: 10, limitPrice: 180 }));
 * ```
 */
export function orderRequest(id: string, fields: OrderFields): OrderRequest {
  return {
    id,
    strategyId: "s",
    symbol: fields.symbol ?? "AAPL",
    side: fields.side ?? "BUY",
    quantity: toDecimal(fields.quantity),
    type: fields.limitPrice === undefined ? "MKT" : "LMT",
    ...(fields.limitPrice === undefined ? {} : { limitPrice: toDecimal(fields.limitPrice) }),
    tif: "DAY",
    createdAt: 0,
  };
}

/**
 * An order status event as `[status, filled, remaining]`, followed by
 * `[outcome, quantity, limit]` when it answers a modification.
 */
export function statusRow(event: OrderStatusEvent): (string | undefined)[] {
  const row: (string | undefined)[] = [
    event.status,
    event.filled.toString(),
    event.remaining.toString(),
  ];
  const amendment = event.amendment;
  if (amendment !== undefined) {
    row.push(amendment.outcome, amendment.quantity.toString(), amendment.limitPrice?.toString());
  }
  return row;
}
