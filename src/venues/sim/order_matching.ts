/**
 * The simulated broker's matching rules: at what price and in what quantity a
 * working order executes against a bar of its symbol.
 *
 * @module
 */
import {
  type Bar,
  Decimal,
  decimalFromUnits,
  decimalToNumber,
  type OrderSide,
  toDecimal,
  usEquityTick,
} from "../../model/mod.ts";

const BPS = toDecimal(10_000);
const ONE = toDecimal(1);

/**
 * Price of a market order executed at `bar`: the bar's open moved against the
 * trader by `slippageBps` (a buy pays `open x (1 + bps/10000)`, a sell gets
 * `open x (1 - bps/10000)`), then rounded to the tick against the trader
 * (see {@link toTick}). The open is taken as `toDecimal(bar.open)`.
 *
 * The tick is first found in floating point; only a price within rounding
 * distance of a tick boundary (or of USD 1) is computed in Decimal, so the
 * result is always the Decimal computation's.
 *
 * @example
 * ```ts
 * marketFillPrice("BUY", bar, toDecimal(10)); // bar.open 100 -> 100.1; 102 with 5 bps -> 102.06
 * ```
 */
export function marketFillPrice(side: OrderSide, bar: Bar, slippageBps: Decimal): Decimal {
  return screenedMarketFillPrice(side, bar.open, slippageBps) ??
    exactMarketFillPrice(side, bar, slippageBps);
}

/** {@link marketFillPrice} in Decimal arithmetic throughout. */
export function exactMarketFillPrice(side: OrderSide, bar: Bar, slippageBps: Decimal): Decimal {
  const open = toDecimal(bar.open);
  if (slippageBps.isZero()) return toTick(open, side);
  const slip = slippageBps.dividedBy(BPS);
  return toTick(open.times(side === "BUY" ? ONE.plus(slip) : ONE.minus(slip)), side);
}

/** Relative distance from a tick boundary below which the float screen defers to Decimal. */
const TICK_SCREEN_MARGIN = 1e-9;

/**
 * The market fill price from floats, or undefined when the float cannot
 * decide it exactly. The float price carries a relative error of a few 1e-16
 * (the open's shortest decimal, the slippage factor, two products); a scaled
 * price farther than 1e-9 from a whole tick count rounds to the same tick as
 * the exact decimal. An open that already sits on a tick (CSV prices) with no
 * slippage is recognised exactly: its shortest decimal is then that tick.
 */
function screenedMarketFillPrice(
  side: OrderSide,
  open: number,
  slippageBps: Decimal,
): Decimal | undefined {
  if (!(open > 0) || !Number.isFinite(open)) return undefined;
  const bps = decimalToNumber(slippageBps);
  const noSlippage = bps === 0 && slippageBps.isZero();
  const price = noSlippage ? open : open * (side === "BUY" ? 1 + bps / 10_000 : 1 - bps / 10_000);
  let places: number;
  if (!(price > 0)) return undefined;
  if (price >= 1 + TICK_SCREEN_MARGIN) places = 2;
  else if (price < 1 - TICK_SCREEN_MARGIN) places = 4;
  else return undefined;
  const scale = places === 2 ? 100 : 10_000;
  const scaled = price * scale;
  if (!(scaled < 2 ** 50)) return undefined;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) <= TICK_SCREEN_MARGIN * Math.max(1, scaled)) {
    // On a tick: exact only without slippage, when the open is the double of that tick.
    return noSlippage && nearest / scale === open ? decimalFromUnits(nearest, places) : undefined;
  }
  return decimalFromUnits(side === "BUY" ? Math.ceil(scaled) : Math.floor(scaled), places);
}

/**
 * Rounds an execution price to the US equity tick ({@link usEquityTick}: 0.01
 * from USD 1, 0.0001 below), against the trader: buys round up, sells round
 * down. Real venues execute on ticks; it also keeps book arithmetic on short
 * decimals.
 */
export function toTick(price: Decimal, side: OrderSide): Decimal {
  return price.toNearest(
    usEquityTick(price),
    side === "BUY" ? Decimal.ROUND_UP : Decimal.ROUND_DOWN,
  );
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
