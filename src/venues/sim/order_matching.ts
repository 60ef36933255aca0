/**
 * The simulated broker's matching rules: at what price and in what quantity a
 * working order executes against a bar of its symbol.
 *
 * @module
 */
import { type Bar, Decimal, type OrderSide, toDecimal } from "../../model/mod.ts";

const BPS = toDecimal(10_000);
const ONE = toDecimal(1);

/**
 * Price of a market order executed at `bar`: the bar's open moved against the
 * trader by `slippageBps` (a buy pays `open x (1 + bps/10000)`, a sell gets
 * `open x (1 - bps/10000)`), then rounded to the tick against the trader
 * (see {@link toTick}).
 *
 * @example
 * ```ts
 * marketFillPrice("BUY", bar, toDecimal(10)); // bar.open 100 -> 100.1; 102 with 5 bps -> 102.06
 * ```
 */
export function marketFillPrice(side: OrderSide, bar: Bar, slippageBps: Decimal): Decimal {
  const open = toDecimal(bar.open);
  if (slippageBps.isZero()) return toTick(open, side);
  const slip = slippageBps.dividedBy(BPS);
  return toTick(open.times(side === "BUY" ? ONE.plus(slip) : ONE.minus(slip)), side);
}

const CENT = toDecimal("0.01");
const SUB_PENNY = toDecimal("0.0001");

/**
 * Rounds an execution price to the US equity tick (0.01 from USD 1, 0.0001
 * below), against the trader: buys round up, sells round down. Real venues
 * execute on ticks; it also keeps book arithmetic on short decimals.
 */
export function toTick(price: Decimal, side: OrderSide): Decimal {
  const tick = price.greaterThanOrEqualTo(ONE) ? CENT : SUB_PENNY;
  return price.toNearest(tick, side === "BUY" ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
}

/**
 * Price of a limit order at `bar`, or `undefined` when the bar does not reach
 * the limit. A buy fills when the bar trades at or below the limit, at
 * `min(open on the tick, limit)` (an open below the limit is a price improvement); a sell
 * fills when the bar trades at or above the limit, at `max(open on the tick, limit)`. No
 * slippage: the limit is a guarantee.
 */
export function limitFillPrice(side: OrderSide, bar: Bar, limit: Decimal): Decimal | undefined {
  const open = toDecimal(bar.open);
  if (side === "BUY") {
    if (toDecimal(bar.low).greaterThan(limit)) return undefined;
    return Decimal.min(toTick(open, side), limit);
  }
  if (toDecimal(bar.high).lessThan(limit)) return undefined;
  return Decimal.max(toTick(open, side), limit);
}

/**
 * Shares to execute at one bar out of `remaining`: all of them when
 * `partialFillRatio` is 1, otherwise `floor(remaining x ratio)` whole shares,
 * at least 1 and at most `remaining`.
 *
 * @example
 * ```ts
 * fillQuantity(toDecimal(100), toDecimal("0.3")); // 30, then 21 of the remaining 70, ...
 * ```
 */
export function fillQuantity(remaining: Decimal, partialFillRatio: Decimal): Decimal {
  if (partialFillRatio.greaterThanOrEqualTo(ONE)) return remaining;
  const part = remaining.times(partialFillRatio).floor();
  if (part.lessThan(ONE)) return Decimal.min(ONE, remaining);
  return part;
}

/** Days since the epoch of the UTC calendar day containing `ts`: the trading day of DAY orders. */
export function utcDay(ts: number): number {
  return Math.floor(ts / 86_400_000);
}
