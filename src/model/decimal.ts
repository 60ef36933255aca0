/**
 * Decimal arithmetic for money and for quantities that reach a broker.
 *
 * Hot-path indicator math uses `number`; anything that becomes an order
 * quantity, a price sent to a venue, a commission or a PnL figure is a
 * {@link Decimal}.
 *
 * @module
 */
import { Decimal } from "decimal.js";

// 34 significant digits (IEEE 754 decimal128), banker's rounding: plenty for
// prices, quantities and PnL, and the same everywhere in the process.
Decimal.set({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN });

/** Arbitrary-precision decimal number (decimal.js), the type of all money in ibkr-trader. */
export { Decimal };

/** The decimal zero, shared to avoid allocating it repeatedly. */
export const ZERO: Decimal = new Decimal(0);

/**
 * Converts a number, numeric string or Decimal into a Decimal.
 *
 * Numbers go through their shortest round-trip string form, so `toDecimal(0.1)`
 * is exactly `0.1`, not the binary approximation.
 *
 * @example
 * ```ts
 * toDecimal("0.1").plus(toDecimal(0.2)).toString(); // "0.3"
 * ```
 */
export function toDecimal(value: number | string | Decimal): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`cannot convert ${value} to a Decimal`);
  }
  return new Decimal(value);
}

/** True when `value` is a Decimal instance . */
export function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value);
}
