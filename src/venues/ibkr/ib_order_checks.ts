/**
 * What the IBKR broker checks before an order or a modification goes to
 * TWS, and the IB order it sends.
 *
 * @module
 */
import { type Order, OrderAction, OrderType } from "@stoqey/ib";
import { type Decimal, isOnIncrement, type OrderRequest } from "../../model/mod.ts";

/**
 * Why TWS would refuse the limit price of `order` (error 110), or
 * `undefined` when it is fine: an LMT order needs a positive limit that is a
 * whole number of `increment`s (the price increment of its symbol).
 *
 * @example
 * ```ts
 * limitPriceProblem({ ...order, limitPrice: toDecimal("248.405") }, toDecimal("0.01"));
 * // "order s-1: limit price 248.405 is not a multiple of AAPL's price increment 0.01 ..."
 * ```
 */
export function limitPriceProblem(order: OrderRequest, increment: Decimal): string | undefined {
  if (order.type !== "LMT") return undefined;
  const limit = order.limitPrice;
  if (limit === undefined) return `order ${order.id}: an LMT order needs a limitPrice`;
  if (!limit.isFinite() || !limit.isPositive() || limit.isZero()) {
    return `order ${order.id}: limit price must be > 0, got ${limit.toString()}`;
  }
  if (isOnIncrement(limit, increment)) return undefined;
  return `order ${order.id}: limit price ${limit.toString()} is not a multiple of ${order.symbol}'s ` +
    `price increment ${increment.toString()} (TWS rejects it with error 110); round it with ` +
    `Broker.priceIncrement first`;
}

/** Why `quantity` cannot be an order's total quantity (a positive whole number of shares), or `undefined`. */
export function quantityProblem(order: OrderRequest): string | undefined {
  const quantity = order.quantity;
  if (quantity.isFinite() && quantity.isInteger() && quantity.isPositive() && !quantity.isZero()) {
    return undefined;
  }
  return `order ${order.id}: quantity must be a positive whole number of shares, got ${quantity.toString()}`;
}

/** Fields a modification must leave as they are. */
const UNCHANGEABLE_FIELDS = ["symbol", "side", "type", "tif"] as const;

/**
 * Why `after` is not a modification of `before` (a change of symbol, side,
 * type or time in force), or `undefined` when only quantity and limit
 * price may differ.
 */
export function unchangeableFieldProblem(
  before: OrderRequest,
  after: OrderRequest,
): string | undefined {
  for (const field of UNCHANGEABLE_FIELDS) {
    if (after[field] !== before[field]) {
      return `a modification of order ${before.id} cannot change its ${field} ` +
        `(${before[field]} -> ${after[field]}): cancel it and submit a new order instead`;
    }
  }
  return undefined;
}

/**
 * The IB order for `request`: transmitted at once, our id as `orderRef`, its
 * time in force and the traded account. A modification sends the same
 * order again with the new quantity and limit price.
 */
export function ibOrderOf(request: OrderRequest, account: string): Order {
  return {
    action: request.side === "BUY" ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: request.quantity.toNumber(),
    orderType: request.type === "MKT" ? OrderType.MKT : OrderType.LMT,
    ...(request.limitPrice === undefined ? {} : { lmtPrice: request.limitPrice.toNumber() }),
    tif: request.tif,
    account,
    orderRef: request.id,
    transmit: true,
  };
}

/**
 * Whether an openOrder's `totalQuantity` and `lmtPrice` are the values of
 * `request` (the limit counts for LMT orders only): TWS's echo of a
 * modification.
 */
export function echoesRequest(
  reported: { readonly totalQuantity?: number; readonly lmtPrice?: number },
  request: OrderRequest,
): boolean {
  if (reported.totalQuantity === undefined || !Number.isFinite(reported.totalQuantity)) {
    return false;
  }
  if (!request.quantity.equals(reported.totalQuantity)) return false;
  if (request.type !== "LMT" || request.limitPrice === undefined) return true;
  return reported.lmtPrice !== undefined && Number.isFinite(reported.lmtPrice) &&
    request.limitPrice.equals(reported.lmtPrice);
}
