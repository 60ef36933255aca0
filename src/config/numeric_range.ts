/**
 * The documented range of a numeric field (graph key, environment variable or
 * CLI flag) and the one message every out-of-range, non-finite or malformed
 * number gets: `must be a finite number >= 0 and <= 1000, got 1e309`.
 *
 * @module
 */
import { Decimal } from "../model/decimal.ts";
import { DECIMAL_LITERAL, NumberLiteral } from "./_numeric_source.ts";
import { describeValue } from "./zod_problems.ts";

/** What a numeric field holds: an exact Decimal, a JS float, or a JS safe integer. */
export type NumericKind = "decimal" | "number" | "integer";

/**
 * A closed-above range: an inclusive `max` and either an inclusive `min` or an
 * exclusive `greaterThan`. Every numeric field has one, so that no number in a
 * graph is unbounded.
 */
export type NumericRange =
  & { readonly max: number }
  & (
    | { readonly min: number; readonly greaterThan?: undefined }
    | { readonly greaterThan: number; readonly min?: undefined }
  );

/**
 * The allowed values in words: `a finite number > 0 and <= 1000000000000`,
 * `an integer >= 1 and <= 65535`.
 *
 * @example
 * ```ts
 * describeRange("integer", { min: 1, max: 65_535 }); // "an integer >= 1 and <= 65535"
 * ```
 */
export function describeRange(kind: NumericKind, range: NumericRange): string {
  const what = kind === "integer" ? "an integer" : "a finite number";
  const lower = range.greaterThan === undefined ? `>= ${range.min}` : `> ${range.greaterThan}`;
  return `${what} ${lower} and <= ${range.max}`;
}

/**
 * Describes a rejected numeric input for a message: a YAML number by its
 * source text (`1e309`, `.inf`, `0x10`), a JS number as itself (`Infinity`),
 * a string quoted, anything else by its shape (`a list`).
 */
export function describeNumericInput(input: unknown): string {
  if (input instanceof NumberLiteral) return input.text;
  if (typeof input === "number") return String(input);
  return describeValue(input);
}

/** Options of {@link numericRangeMessage}. */
export interface RangeMessageOptions {
  /** The kind of number the field holds. */
  readonly kind: NumericKind;
  /** Its range. */
  readonly range: NumericRange;
  /** A non-numeric value that is also allowed, in words (`"max"`). */
  readonly alternative?: string;
}

/**
 * The message for a number that is not allowed: what is allowed, then what
 * was given.
 *
 * @example
 * ```ts
 * numericRangeMessage({ kind: "decimal", range: { min: 0, max: 1000 } }, new NumberLiteral("1e309"));
 * // "must be a finite number >= 0 and <= 1000, got 1e309"
 * ```
 */
export function numericRangeMessage(options: RangeMessageOptions, input: unknown): string {
  const allowed = describeRange(options.kind, options.range);
  const either = options.alternative === undefined ? "" : `${options.alternative} or `;
  return `must be ${either}${allowed}, got ${describeNumericInput(input)}`;
}

/** Whether an exact decimal is finite and within `range`. */
export function decimalWithinRange(value: Decimal, range: NumericRange): boolean {
  if (!value.isFinite()) return false;
  const aboveLower = range.greaterThan === undefined
    ? value.gte(range.min)
    : value.gt(range.greaterThan);
  return aboveLower && value.lte(range.max);
}

/** Whether a JS number is finite (a safe integer for `integer`) and within `range`. */
export function numberWithinRange(value: number, kind: NumericKind, range: NumericRange): boolean {
  if (kind === "integer" ? !Number.isSafeInteger(value) : !Number.isFinite(value)) return false;
  const aboveLower = range.greaterThan === undefined
    ? value >= range.min
    : value > range.greaterThan;
  return aboveLower && value <= range.max;
}

/** The JSON Schema keywords of a range (`minimum` / `exclusiveMinimum`, `maximum`). */
export function rangeJsonSchema(range: NumericRange): Record<string, number> {
  return range.greaterThan === undefined
    ? { minimum: range.min, maximum: range.max }
    : { exclusiveMinimum: range.greaterThan, maximum: range.max };
}

/**
 * Reads a number from text (a CLI flag, an environment variable): decimal
 * notation only (no hex, `Infinity` or `NaN`), finite, a safe integer for
 * `integer` (judged on the exact digits: `5.0000000000000000001` is not an
 * integer even though its JS number is `5`), and within `range`; otherwise
 * undefined. Surrounding spaces are ignored.
 *
 * @example
 * ```ts
 * numberFromText("60", "number", { greaterThan: 0, max: 1_000_000 }); // 60
 * numberFromText("1e309", "number", { greaterThan: 0, max: 1_000_000 }); // undefined
 * ```
 */
export function numberFromText(
  text: string,
  kind: NumericKind,
  range: NumericRange,
): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_LITERAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (kind === "integer" && !new Decimal(trimmed).eq(value)) return undefined;
  return numberWithinRange(value, kind, range) ? value : undefined;
}
