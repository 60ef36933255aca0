/**
 * The order the RiskGuard judges, the exposure view extra checks see, and the
 * hook for extra checks (sector / asset-class caps).
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import type { OrderSide } from "../model/order.ts";
import type { RiskDecision } from "./risk_decision.ts";
import type { TradingState } from "./trading_state.ts";

/**
 * An order the coordinator wants to send, after clipping to the envelope: a
 * new order, or a modification of a working order. The size and notional
 * rules judge `quantity`, the order's total as the venue sees it; exposure
 * counts only what it adds: for a modification the growth of the total over
 * `replacesQuantity`, and "reducing" is judged on what may still execute
 * (`quantity - executedQuantity`).
 */
export interface ProposedOrder {
  /** Strategy whose intent produced the order. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** BUY or SELL. */
  readonly side: OrderSide;
  /** Positive number of shares: the order's total (a modification: its new total). */
  readonly quantity: Decimal;
  /** For a modification of a working order: its total before the change (same side). */
  readonly replacesQuantity?: Decimal;
  /** For a modification: the shares of the order already executed. */
  readonly executedQuantity?: Decimal;
  /** Price the order is valued at (latest price, or the limit price). */
  readonly referencePrice: Decimal;
  /**
   * `referencePrice` as a number, when the caller has it (`referencePrice` is
   * then `toDecimal(referencePriceNumber)`): spares the guard a conversion.
   */
  readonly referencePriceNumber?: number;
  /** Market time, epoch ms. */
  readonly ts: number;
  /** The strategy's current signed filled position in `symbol` (judges "risk-reducing"). */
  readonly strategyPosition: number;
}

/**
 * Account exposure as an extra check sees it while judging one order.
 * Exposure is worst-case gross notional (see `worstCaseExposure`): filled net
 * position plus working orders, valued at the latest price (the order's
 * reference price for the order's own symbol).
 */
export interface RiskView {
  /** Current trading state. */
  readonly state: TradingState;
  /**
   * The shares the order adds to working exposure, signed (positive buy,
   * negative sell); for a modification only its increase (0 when it shrinks).
   */
  readonly signedQuantity: number;
  /** Exposure of `symbol` now, before the order. */
  currentSymbolExposure(symbol: string): number;
  /** Exposure of `symbol` if the order is sent (differs from now only for the order's symbol). */
  symbolExposure(symbol: string): number;
  /** Sum of exposures over all symbols now. */
  currentGrossExposure(): number;
  /** Sum of exposures over all symbols if the order is sent. */
  grossExposure(): number;
}

/**
 * An extra check the RiskGuard runs after its own, in the order given. Return
 * `APPROVED` or a denial whose `rule` is normally the check's `name`.
 *
 * @example
 * ```ts
 * const noPennyStocks: RiskCheck = {
 *   name: "min_price",
 *   check: (order) =>
 *     order.referencePrice.lessThan(1) ? deny("min_price", "price below 1.00") : APPROVED,
 * };
 * ```
 */
export interface RiskCheck {
  /** Rule name used in denials, e.g. `max_group_exposure`. */
  readonly name: string;
  /** Judges one order; must be synchronous and cheap. */
  check(order: ProposedOrder, view: RiskView): RiskDecision;
}

/** True when `signedQuantity` moves `position` toward zero without crossing it. */
export function reducesWithoutFlip(position: number, signedQuantity: number): boolean {
  if (position > 0) return signedQuantity < 0 && -signedQuantity <= position;
  if (position < 0) return signedQuantity > 0 && signedQuantity <= -position;
  return false;
}
