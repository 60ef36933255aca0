/**
 * Which orders the simulated broker refuses, and why.
 *
 * @module
 */
import { isOnIncrement, type OrderRequest, usEquityTick } from "../../model/mod.ts";

const SIDES: ReadonlySet<string> = new Set(["BUY", "SELL"]);
const TYPES: ReadonlySet<string> = new Set(["MKT", "LMT"]);
const TIFS: ReadonlySet<string> = new Set(["DAY", "GTC"]);

/**
 * The reason the sim broker rejects `order`, or `undefined` when it accepts it.
 * Checked in this order: quantity (a positive whole number of shares), side,
 * type, time in force, limit price (present, > 0 and on the US equity tick
 * exactly for LMT), and whether the symbol is streaming.
 *
 * @example
 * ```ts
 * orderRejection({ ...order, quantity: toDecimal("1.5") }, () => true);
 * // "quantity must be a positive whole number of shares, got 1.5"
 * ```
 */
export function orderRejection(
  order: OrderRequest,
  isStreaming: (symbol: string) => boolean,
): string | undefined {
  const quantity = order.quantity;
  if (
    !quantity.isFinite() || !quantity.isInteger() || !quantity.isPositive() || quantity.isZero()
  ) {
    return `quantity must be a positive whole number of shares, got ${quantity.toString()}`;
  }
  if (!SIDES.has(order.side)) return `side must be BUY or SELL, got "${order.side}"`;
  if (!TYPES.has(order.type)) return `order type must be MKT or LMT, got "${order.type}"`;
  if (!TIFS.has(order.tif)) return `time in force must be DAY or GTC, got "${order.tif}"`;
  if (order.type === "LMT") {
    const limit = order.limitPrice;
    if (limit === undefined) return "LMT order needs a limitPrice";
    if (!limit.isFinite() || !limit.isPositive() || limit.isZero()) {
      return `limitPrice must be > 0, got ${limit.toString()}`;
    }
    const tick = usEquityTick(limit);
    if (!isOnIncrement(limit, tick)) {
      return `limitPrice ${limit.toString()} is not on the tick ${tick.toString()} (like TWS error 110)`;
    }
  } else if (order.limitPrice !== undefined) {
    return "MKT order must not have a limitPrice";
  }
  if (!isStreaming(order.symbol)) {
    return `symbol ${order.symbol} is not subscribed on the sim venue`;
  }
  return undefined;
}
