/**
 * Zod schemas for money, ratios and weights: accept a YAML number (or a
 * numeric string) and produce an exact {@link Decimal}, taking the digits from
 * the YAML source text rather than from the lossy JS number, and checking the
 * range on that exact value (`1e309` is a huge finite Decimal, not `Infinity`,
 * and is rejected by its upper bound).
 *
 * @module
 */
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import { DECIMAL_LITERAL, NumberLiteral } from "./_numeric_source.ts";
import { exactNumericInput, registerNumericField } from "./exact_numbers.ts";
import {
  decimalWithinRange,
  type NumericRange,
  numericRangeMessage,
  rangeJsonSchema,
} from "./numeric_range.ts";

/** The range of a decimal field and its JSON Schema description. */
export type DecimalFieldOptions = NumericRange & {
  /** Text for the JSON Schema `description` (editor hover). */
  readonly description?: string;
};

/** The schema type of a decimal field: number or numeric string in, Decimal out. */
export type DecimalSchema = z.ZodType<Decimal, number | string>;

/**
 * A decimal field: a YAML number or a numeric string, parsed into an exact
 * Decimal that must be finite and within the range. Anything else is
 * `must be a finite number > 0 and <= 1000000000000, got ...`. Wrap the object
 * that holds it in `exactNumbers` so the digits come from the YAML source.
 *
 * @example
 * ```ts
 * const notional = decimalSchema({ greaterThan: 0, max: 1e18 });
 * notional.parse("12345678901234567.89").toString(); // "12345678901234567.89"
 * ```
 */
export function decimalSchema(options: DecimalFieldOptions): DecimalSchema {
  const messageFor = (input: unknown) =>
    numericRangeMessage({ kind: "decimal", range: options }, input);
  const error = (issue: { readonly input?: unknown }) =>
    issue.input === undefined ? undefined : messageFor(issue.input);
  // A union reports the issues of a branch that failed on its own checks (the
  // regex), so the branch carries the same message as the union.
  let input = z.union([
    z.number().meta(rangeJsonSchema(options)),
    z.string().regex(DECIMAL_LITERAL, { error }),
  ], { error });
  if (options.description !== undefined) {
    input = input.meta({ description: options.description });
  }
  const schema = input.transform((value, ctx) => {
    const decimal = new Decimal(value);
    if (decimalWithinRange(decimal, options)) return decimal;
    ctx.issues.push({
      code: "custom",
      message: messageFor(new NumberLiteral(String(value))),
      input: value,
    });
    return z.NEVER;
  });
  return registerNumericField(schema, { kind: "decimal", range: options });
}

/**
 * Reads a decimal the way a decimal field does, from plain (YAML-derived)
 * data, without a range: numbers use their source text when known, numeric
 * strings are accepted; anything else, and anything not finite, gives
 * undefined. Used by cross-field rules on raw data (the field's own schema
 * reports its range).
 */
export function rawDecimal(container: object, key: string | number): Decimal | undefined {
  const input = exactNumericInput(container, key, { kind: "decimal" });
  let value: Decimal | undefined;
  if (typeof input === "number" && Number.isFinite(input)) value = new Decimal(input);
  if (typeof input === "string" && DECIMAL_LITERAL.test(input)) value = new Decimal(input);
  return value?.isFinite() ? value : undefined;
}
