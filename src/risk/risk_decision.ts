/**
 * The outcome of a risk check: approved, or denied by a named rule with a
 * reason that states the numbers.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";

/**
 * Approved, or denied by `rule` (e.g. `max_order_notional`, `daily_loss`,
 * `live_guard`) with a human-readable `reason` such as
 * `"order notional 60000.00 exceeds max_order_notional 50000"`.
 */
export type RiskDecision =
  | { readonly approved: true }
  | { readonly approved: false; readonly rule: string; readonly reason: string };

/** The shared approval; checks return it to avoid allocating per order. */
export const APPROVED: RiskDecision = Object.freeze({ approved: true as const });

/** A denial by `rule` with `reason`. */
export function deny(rule: string, reason: string): RiskDecision {
  return { approved: false, rule, reason };
}

/** Formats an amount of money with two decimals, e.g. `60000.00`. */
export function formatMoney(amount: Decimal | number): string {
  // Two branches because number and Decimal `toFixed` signatures do not unify.
  return typeof amount === "number" ? amount.toFixed(2) : amount.toFixed(2);
}
