/**
 * How numeric fields of the graph see the YAML source: every object schema
 * with numeric fields is wrapped in {@link exactNumbers}, which hands each
 * field the number as written instead of the lossy JS number:
 *
 * - decimal fields get the source text (`"12345678901234567.89"`, `"1e309"`),
 *   so they parse exactly and their range is checked on the exact value;
 * - number and integer fields keep the JS number when it is exactly what was
 *   written and within their range, and otherwise get a {@link NumberLiteral}
 *   that they reject by its text (`1e309` became `Infinity`;
 *   `9007199254740993` lost a digit; `1e15` is shown as written);
 * - a number not in decimal notation (`0x10`, `0o17`, `.inf`, `.nan`) is a
 *   {@link NumberLiteral} for every kind.
 *
 * The numeric schema helpers (decimalSchema, numberSchema, integerSchema)
 * register their kind and range here.
 *
 * @module
 */
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import {
  DECIMAL_LITERAL,
  hasNumericSources,
  NumberLiteral,
  numericSourceOf,
} from "./_numeric_source.ts";
import { numberWithinRange, type NumericKind, type NumericRange } from "./numeric_range.ts";

/** What a numeric field holds and which values it allows. */
export interface NumericField {
  /** Decimal, float or integer. */
  readonly kind: NumericKind;
  /** The documented range. */
  readonly range: NumericRange;
}

/** How {@link exactNumericInput} judges a number: its kind, and its range when known. */
export interface NumericInputRule {
  /** Decimal, float or integer. */
  readonly kind: NumericKind;
  /** The range; without it only notation and exactness are judged. */
  readonly range?: NumericRange;
}

const NUMERIC_FIELDS = new WeakMap<z.ZodType, NumericField>();

/** Marks `schema` as a numeric field; returns it. Used by the schema helpers. */
export function registerNumericField<T extends z.ZodType>(schema: T, field: NumericField): T {
  NUMERIC_FIELDS.set(schema, field);
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

/** The numeric field `schema` (possibly optional or defaulted) is, or undefined when it is not numeric. */
export function numericFieldOf(schema: z.ZodType): NumericField | undefined {
  return NUMERIC_FIELDS.get(unwrapped(schema));
}

/** The numeric kind of `schema` (possibly optional or defaulted), or undefined when it is not numeric. */
export function numericKindOf(schema: z.ZodType): NumericKind | undefined {
  return numericFieldOf(schema)?.kind;
}

/**
 * What a numeric `field` receives for `container[key]`: see the module
 * documentation. Values that are not numbers, or have no recorded source,
 * pass unchanged. Without a range, only notation and exactness are judged.
 */
export function exactNumericInput(
  container: object,
  key: string | number,
  field: NumericInputRule,
): unknown {
  const value = (container as Record<string, unknown>)[key];
  if (typeof value !== "number") return value;
  const text = numericSourceOf(container, key);
  if (text === undefined) return value;
  if (!DECIMAL_LITERAL.test(text)) return new NumberLiteral(text);
  if (field.kind === "decimal") return text;
  if (!Number.isFinite(value)) return new NumberLiteral(text);
  if (field.kind === "integer" && !new Decimal(text).eq(value)) return new NumberLiteral(text);
  if (field.range !== undefined && !numberWithinRange(value, field.kind, field.range)) {
    return new NumberLiteral(text);
  }
  return value;
}

function objectShapesOf(schema: z.ZodType): Record<string, z.ZodType>[] {
  if (schema instanceof z.ZodObject) return [schema.shape as Record<string, z.ZodType>];
  if (schema instanceof z.ZodPipe) return objectShapesOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    return (schema.options as readonly z.ZodType[]).flatMap((option) => objectShapesOf(option));
  }
  return [];
}

function numericKeysOf(
  schema: z.ZodType,
): ((key: string) => NumericInputRule | undefined) | undefined {
  if (schema instanceof z.ZodRecord) {
    const field = numericFieldOf(schema.valueType as z.ZodType);
    return field === undefined ? undefined : () => field;
  }
  const fields = new Map<string, NumericInputRule>();
  for (const shape of objectShapesOf(schema)) {
    for (const [key, fieldSchema] of Object.entries(shape)) {
      const field = numericFieldOf(fieldSchema);
      if (field === undefined) continue;
      const other = fields.get(key);
      if (other !== undefined && other.kind !== field.kind) {
        throw new TypeError(
          `exactNumbers(): key "${key}" is ${other.kind} in one option, ${field.kind} in another`,
        );
      }
      // Options sharing a key with different ranges: only the field itself judges its range.
      const sameRange = other === undefined || other.range === field.range;
      fields.set(key, sameRange ? field : { kind: field.kind });
    }
  }
  return fields.size === 0 ? undefined : (key) => fields.get(key);
}

/**
 * Wraps an object, record or union of objects (plain or transformed) so that
 * its numeric fields receive their numbers as written in the YAML source (see
 * the module documentation). Plain objects that did not come from YAML pass
 * through unchanged. Nested objects need their own wrapper.
 *
 * @example
 * ```ts
 * const sizing = exactNumbers(z.strictObject({ max_notional: decimalSchema(MONEY_RANGE) }));
 * sizing.parse(parseYamlSource("max_notional: 123456789012.3456789", "g.yaml").value);
 * ```
 */
export function exactNumbers<T extends z.ZodType>(schema: T): z.ZodPreprocess<T> {
  const fieldOfKey = numericKeysOf(schema);
  if (fieldOfKey === undefined) {
    throw new TypeError(
      "exactNumbers() needs an object, record or union schema with numeric fields",
    );
  }
  return z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
    if (!hasNumericSources(raw)) return raw;
    const copy: Record<string, unknown> = { ...raw };
    for (const key of Object.keys(copy)) {
      const field = fieldOfKey(key);
      if (field !== undefined) copy[key] = exactNumericInput(raw, key, field);
    }
    return copy;
  }, schema);
}

/**
 * Reads `container[key]` from raw (YAML-derived) data exactly as the field
 * `schema` would, and returns the parsed value, or undefined when the schema
 * rejects it (the schema reports that). Cross-field rules use it so that they
 * judge the same value the schema does and stay silent about values already
 * reported.
 */
export function rawField<T>(
  container: object,
  key: string | number,
  schema: z.ZodType<T>,
): T | undefined {
  const field = numericFieldOf(schema);
  const input = field === undefined
    ? (container as Record<string, unknown>)[key]
    : exactNumericInput(container, key, field);
  if (input === undefined) return undefined;
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed.data : undefined;
}
