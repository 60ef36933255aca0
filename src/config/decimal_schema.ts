/**
 * Zod schemas for money and weights: accept a YAML number (or a numeric
 * string) and produce an exact {@link Decimal}, taking the digits from the YAML
 * source text rather than from the lossy JS number.
 *
 * @module
 */
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import { DECIMAL_LITERAL, decimalSourceOf, hasNumericSources } from "./_numeric_source.ts";
import { describeValue } from "./zod_problems.ts";

/** Bounds of a decimal field; each is inclusive unless named `gt`. */
export interface DecimalBounds {
  /** Exclusive lower bound. */
  readonly gt?: number;
  /** Inclusive lower bound. */
  readonly gte?: number;
  /** Inclusive upper bound. */
  readonly lte?: number;
  /** Text for the JSON Schema `description` (editor hover). */
  readonly description?: string;
}

/** The schema type of a decimal field: number or numeric string in, Decimal out. */
export type DecimalSchema = z.ZodType<Decimal, number | string>;

const DECIMAL_SCHEMAS = new WeakSet<z.ZodType>();

function boundsMessage(bounds: DecimalBounds, value: Decimal): string | undefined {
  if (bounds.gt !== undefined && !value.gt(bounds.gt)) {
    return `must be > ${bounds.gt} (got ${value.toString()})`;
  }
  if (bounds.gte !== undefined && !value.gte(bounds.gte)) {
    return `must be >= ${bounds.gte} (got ${value.toString()})`;
  }
  if (bounds.lte !== undefined && !value.lte(bounds.lte)) {
    return `must be <= ${bounds.lte} (got ${value.toString()})`;
  }
  return undefined;
}

/**
 * A decimal field: a YAML number or a numeric string, parsed into a Decimal and
 * checked against `bounds`. Wrap the object that holds it in
 * {@link exactDecimals} so the digits come from the YAML source.
 *
 * @example
 * ```ts
 * const notional = decimalSchema({ gt: 0 });
 * notional.parse("12345678901234567.89").toString(); // "12345678901234567.89"
 * ```
 */
export function decimalSchema(bounds: DecimalBounds = {}): DecimalSchema {
  let numberInput = z.number();
  if (bounds.gt !== undefined) numberInput = numberInput.gt(bounds.gt);
  if (bounds.gte !== undefined) numberInput = numberInput.gte(bounds.gte);
  if (bounds.lte !== undefined) numberInput = numberInput.lte(bounds.lte);
  const stringInput = z.string().regex(DECIMAL_LITERAL, {
    error: (issue) => `expected a decimal number, got ${JSON.stringify(issue.input)}`,
  });
  let input = z.union([numberInput, stringInput], {
    error: (issue) =>
      issue.code === "invalid_union" && issue.input !== undefined
        ? `expected a decimal number, got ${describeValue(issue.input)}`
        : undefined,
  });
  if (bounds.description !== undefined) input = input.meta({ description: bounds.description });
  const schema = input
    .transform((value) => new Decimal(value))
    .check((ctx) => {
      const message = boundsMessage(bounds, ctx.value);
      if (message !== undefined) ctx.issues.push({ code: "custom", message, input: ctx.value });
    });
  DECIMAL_SCHEMAS.add(schema);
  return schema;
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional || current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault || current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** Whether `schema` (possibly optional or defaulted) is a {@link decimalSchema}. */
export function isDecimalSchema(schema: z.ZodType): boolean {
  return DECIMAL_SCHEMAS.has(unwrapped(schema));
}

function objectShapesOf(schema: z.ZodType): Record<string, z.ZodType>[] {
  if (schema instanceof z.ZodObject) return [schema.shape as Record<string, z.ZodType>];
  if (schema instanceof z.ZodPipe) return objectShapesOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    return (schema.options as readonly z.ZodType[]).flatMap((option) => objectShapesOf(option));
  }
  return [];
}

function decimalKeysOf(schema: z.ZodType): ((key: string) => boolean) | undefined {
  if (schema instanceof z.ZodRecord && isDecimalSchema(schema.valueType as z.ZodType)) {
    return () => true;
  }
  const keys = new Set<string>();
  for (const shape of objectShapesOf(schema)) {
    for (const [key, field] of Object.entries(shape)) {
      if (isDecimalSchema(field)) keys.add(key);
    }
  }
  return keys.size === 0 ? undefined : (key) => keys.has(key);
}

/**
 * Wraps an object, record or union of objects (plain or transformed) so that
 * its decimal fields receive the YAML source text of their numbers instead of
 * the JS number, which makes `max_notional: 12345678901234567.89` an exact
 * Decimal. Plain objects that did not come from YAML pass through unchanged.
 */
export function exactDecimals<T extends z.ZodType>(schema: T): z.ZodPreprocess<T> {
  const isDecimalKey = decimalKeysOf(schema);
  if (isDecimalKey === undefined) {
    throw new TypeError(
      "exactDecimals() needs an object, record or union schema with decimal fields",
    );
  }
  return z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
    if (!hasNumericSources(raw)) return raw;
    const copy: Record<string, unknown> = { ...raw };
    for (const [key, value] of Object.entries(copy)) {
      if (typeof value !== "number" || !isDecimalKey(key)) continue;
      const text = decimalSourceOf(raw, key);
      if (text !== undefined) copy[key] = text;
    }
    return copy;
  }, schema);
}

/**
 * Reads a decimal the way the schema does, from plain (YAML-derived) data:
 * numbers use their source text when known, numeric strings are accepted,
 * anything else gives undefined. Used by cross-field rules on raw data.
 */
export function rawDecimal(container: object, key: string | number): Decimal | undefined {
  const value = (container as Record<string, unknown>)[key];
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return new Decimal(decimalSourceOf(container, key) ?? value);
  }
  if (typeof value === "string" && DECIMAL_LITERAL.test(value)) return new Decimal(value);
  return undefined;
}
