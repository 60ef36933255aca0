/**
 * Price increments (ticks): the grid a venue accepts prices on, and the
 * rounding of limit prices onto it.
 *
 * @module
 */
import { Decimal } from "./decimal.ts";
import type { OrderSide } from "./order.ts";

const ONE = new Decimal(1);
const CENT = new Decimal("0.01");
const SUB_PENNY = new Decimal("0.0001");

/**
 * The US equity tick at `price` (Reg NMS rule 612): USD 0.01 from USD 1 up,
 * USD 0.0001 below. The simulated venue fills and accepts prices on it; the
 * IBKR venue uses it for a contract whose minimum tick TWS has not reported.
 *
 * @example
 * ```ts
 * usEquityTick(toDecimal("248.40584815979003")).toString(); // "0.01"
 * usEquityTick(toDecimal("0.5123")).toString(); // "0.0001"
 * ```
 */
export function usEquityTick(price: Decimal): Decimal {
  return price.greaterThanOrEqualTo(ONE) ? CENT : SUB_PENNY;
}

/**
 * Rounds a limit price onto the `increment` grid, never to a more aggressive
 * price: a buy limit rounds down, a sell limit rounds up. Returns zero when a
 * buy limit is below one increment (the caller refuses such an order).
 *
 * @throws {RangeError} when `increment` is not positive.
 *
 * @example
 * ```ts
 * passiveLimitPrice(toDecimal("248.40584815979003"), "BUY", toDecimal("0.01")).toString(); // "248.4"
 * passiveLimitPrice(toDecimal("248.40584815979003"), "SELL", toDecimal("0.01")).toString(); // "248.41"
 * ```
 */
export function passiveLimitPrice(price: Decimal, side: OrderSide, increment: Decimal): Decimal {
  if (!increment.isFinite() || !increment.isPositive() || increment.isZero()) {
    throw new RangeError(`price increment must be > 0, got ${increment.toString()}`);
  }
  return price.toNearest(increment, side === "BUY" ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL);
}

/** True when `price` is a whole number of `increment`s. */
export function isOnIncrement(price: Decimal, increment: Decimal): boolean {
  return price.modulo(increment).isZero();
}
