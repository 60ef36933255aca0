/**
 * Fast, exact conversions between {@link Decimal} and `number` for hot paths.
 *
 * `Decimal#toNumber()` renders the decimal as a string and parses it back
 * (hundreds of ns); a number's Decimal goes through its shortest string form.
 * The helpers here give bit-for-bit the same results for the common short
 * values (prices, share counts, money) without the strings, and fall back to
 * decimal.js otherwise.
 *
 * @module
 */
import { Decimal } from "./decimal.ts";

/**
 * Significant digits of every Decimal result (the precision src/model/decimal.ts
 * configures): shortcuts that skip an operation prove it exact at this precision.
 */
export const DECIMAL_PRECISION = 34;

/** 10^0 .. 10^22: every one is an exact double. */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const TWO_POW_53 = 9_007_199_254_740_992;

/**
 * `value.toNumber()`, computed from the decimal's digits when they fit: with
 * at most 2^53 as the integer of its significant digits and a power-of-ten
 * scale within 10^±22, one IEEE multiplication or division of two exact
 * doubles is correctly rounded, exactly like parsing the decimal string
 * (Clinger's fast path). Anything else (more digits, extreme exponents, NaN,
 * infinities) goes through `toNumber()`. Negative zero stays `-0`, as in
 * `toNumber()`.
 *
 * @example
 * ```ts
 * decimalToNumber(toDecimal("74.11")); // 74.11, the same double as toDecimal("74.11").toNumber()
 * ```
 */
export function decimalToNumber(value: Decimal): number {
  // decimal.js documents d (base 1e7 words, the first without leading zeros),
  // e (decimal exponent of the leading digit) and s (sign) as read-only properties.
  const words = value.d as readonly number[] | null;
  if (words === null || words.length > 3) return value.toNumber();
  const leading = words[0] as number;
  let mantissa = leading;
  for (let i = 1; i < words.length; i++) mantissa = mantissa * 1e7 + (words[i] as number);
  if (mantissa >= TWO_POW_53) return value.toNumber();
  const scale = value.e - (digitCount(leading) + 7 * (words.length - 1)) + 1;
  let magnitude: number;
  if (scale === 0) magnitude = mantissa;
  else if (scale > 0 && scale <= 22) magnitude = mantissa * (POWERS_OF_TEN[scale] as number);
  else if (scale < 0 && scale >= -22) magnitude = mantissa / (POWERS_OF_TEN[-scale] as number);
  else return value.toNumber();
  return value.s < 0 ? -magnitude : magnitude;
}

/** Digits of a word in [0, 1e7). */
function digitCount(word: number): number {
  if (word < 10) return 1;
  if (word < 100) return 2;
  if (word < 1000) return 3;
  if (word < 10_000) return 4;
  if (word < 100_000) return 5;
  if (word < 1_000_000) return 6;
  return 7;
}

/**
 * The Decimal `units x 10^-places` for a safe integer `units` and `places` in
 * 0..22, e.g. `decimalFromUnits(7411, 2)` is 74.11: an integer Decimal scaled
 * exactly, without formatting and parsing a string.
 *
 * @throws {RangeError} when `units` is not a safe integer or `places` is out of range.
 */
export function decimalFromUnits(units: number, places: number): Decimal {
  if (!Number.isSafeInteger(units)) {
    throw new RangeError(`units must be a safe integer, got ${units}`);
  }
  if (!Number.isInteger(places) || places < 0 || places > 22) {
    throw new RangeError(`places must be an integer in 0..22, got ${places}`);
  }
  const integer = new Decimal(units);
  return places === 0 ? integer : integer.times(scaleDown(places));
}

const SCALES: Decimal[] = [];

/** 10^-places as a Decimal, memoised. */
function scaleDown(places: number): Decimal {
  let scale = SCALES[places];
  if (scale === undefined) {
    scale = new Decimal(`1e-${places}`);
    SCALES[places] = scale;
  }
  return scale;
}

/**
 * An upper bound on the significant digits of `value`: the digits of its
 * stored base-1e7 words (Infinity for NaN and infinities). Since a product
 * has at most as many significant digits as its factors together, callers use
 * it to prove an operation exact at the configured precision (34) before
 * taking a shortcut around it.
 */
export function significantDigitsBound(value: Decimal): number {
  const words = value.d as readonly number[] | null;
  if (words === null) return Number.POSITIVE_INFINITY;
  return digitCount(words[0] as number) + 7 * (words.length - 1);
}
