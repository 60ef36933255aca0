/**
 * Zod schemas for the JS-number fields of the graph (share counts, seconds,
 * ports, seeds, GBM parameters): finite, within a documented range, and
 * rejected with one message that says what is allowed and shows the number as
 * written (`must be an integer >= 1 and <= 65535, got 1e309`).
 *
 * @module
 */
import { z } from "zod";
import { registerNumericField } from "./exact_numbers.ts";
import { type NumericKind, type NumericRange, numericRangeMessage } from "./numeric_range.ts";

/** The range of a number field and its documentation. */
export type NumberFieldOptions = NumericRange & {
  /** JSON Schema description. */
  readonly description?: string;
  /** A non-numeric value the field also allows, named in messages (`"max"`); the caller adds it. */
  readonly alternative?: string;
};

function boundedNumber(kind: NumericKind, options: NumberFieldOptions): z.ZodNumber {
  const error = (issue: { readonly input?: unknown }) =>
    issue.input === undefined ? undefined : numericRangeMessage({
      kind,
      range: options,
      ...(options.alternative === undefined ? {} : { alternative: options.alternative }),
    }, issue.input);
  const check = { error, abort: true };
  let schema = z.number({ error });
  if (kind === "integer") schema = schema.int(check);
  schema = options.greaterThan === undefined
    ? schema.gte(options.min, check)
    : schema.gt(options.greaterThan, check);
  schema = schema.lte(options.max, check);
  if (options.description !== undefined) schema = schema.meta({ description: options.description });
  return registerNumericField(schema, { kind, range: options });
}

/**
 * An integer field (a JS safe integer) within `options`.
 *
 * @example
 * ```ts
 * integerSchema({ min: 5, max: 86_400, description: "seconds" }).parse(30); // 30
 * ```
 */
export function integerSchema(options: NumberFieldOptions): z.ZodNumber {
  return boundedNumber("integer", options);
}

/**
 * A finite JS number field within `options`.
 *
 * @example
 * ```ts
 * numberSchema({ greaterThan: 0, max: 10 }).safeParse(Infinity).success; // false
 * ```
 */
export function numberSchema(options: NumberFieldOptions): z.ZodNumber {
  return boundedNumber("number", options);
}
