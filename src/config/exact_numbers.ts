/**
 * How numeric fields of the graph see the YAML source: every object schema
 * with numeric fields is wrapped in {@link exactNumbers}, which hands each
 * field the number as written instead of the lossy JS number:
 *
 * - decimal fields get the source text (`"12345678901234567.89"`, `"1e309"`),
 *   so they parse exactly and their range is checked on the exact value;
 * - number and integer fields keep the JS number when it is exactly what was
 *   written, and otherwise get a {@link NumberLiteral} that they reject by its
 *   text (`1e309` became `Infinity`; `9007199254740993` lost a digit);
 * - a number not in decimal notation (`0x10`, `0o17`, `.inf`, `.nan`) is a
 *   {@link NumberLiteral} for every kind.
 *
 * The numeric schema helpers (decimalSchema, numberSchema, integerSchema)
 * register their kind here.
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
import type { NumericKind } from "./numeric_range.ts";

const NUMERIC_FIELDS = new WeakMap<z.ZodType, NumericKind>();

/** Marks `schema` as a numeric field of kind `kind`; returns it. Used by the schema helpers. */
export function registerNumericField<T extends z.ZodType>(schema: T, kind: NumericKind): T {
  NUMERIC_FIELDS.set(schema, kind);
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

/** The numeric kind of `schema` (possibly optional or defaulted), or undefined when it is not numeric. */
export function numericKindOf(schema: z.ZodType): NumericKind | undefined {
  return NUMERIC_FIELDS.get(unwrapped(schema));
}

/**
 * What a numeric field of `kind` receives for `container[key]`: see the
 * module documentation. Values that are not numbers, or have no recorded
 * source, pass unchanged.
 */
export function exactNumericInput(
  container: object,
  key: string | number,
  kind: NumericKind,
): unknown {
  const value = (container as Record<string, unknown>)[key];
  if (typeof value !== "number") return value;
  const text = numericSourceOf(container, key);
  if (text === undefined) return value;
  if (!DECIMAL_LITERAL.test(text)) return new NumberLiteral(text);
  if (kind === "decimal") return text;
  if (!Number.isFinite(value)) return new NumberLiteral(text);
  if (kind === "integer" && !new Decimal(text).eq(value)) return new NumberLiteral(text);
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

function numericKeysOf(schema: z.ZodType): ((key: string) => NumericKind | undefined) | undefined {
  if (schema instanceof z.ZodRecord) {
    const kind = numericKindOf(schema.valueType as z.ZodType);
    return kind === undefined ? undefined : () => kind;
  }
  const kinds = new Map<string, NumericKind>();
  for (const shape of objectShapesOf(schema)) {
    for (const [key, field] of Object.entries(shape)) {
      const kind = numericKindOf(field);
      if (kind === undefined) continue;
      const other = kinds.get(key);
      if (other !== undefined && other !== kind) {
        throw new TypeError(
          `exactNumbers(): key "${key}" is ${other} in one option, ${kind} in another`,
        );
      }
      kinds.set(key, kind);
    }
  }
  return kinds.size === 0 ? undefined : (key) => kinds.get(key);
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
 * sizing.parse(parseYamlSource("max_notional: 12345678901234567.89", "g.yaml").value);
 * ```
 */
export function exactNumbers<T extends z.ZodType>(schema: T): z.ZodPreprocess<T> {
  const kindOfKey = numericKeysOf(schema);
  if (kindOfKey === undefined) {
    throw new TypeError(
      "exactNumbers() needs an object, record or union schema with numeric fields",
    );
  }
  return z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
    if (!hasNumericSources(raw)) return raw;
    const copy: Record<string, unknown> = { ...raw };
    for (const key of Object.keys(copy)) {
      const kind = kindOfKey(key);
      if (kind !== undefined) copy[key] = exactNumericInput(raw, key, kind);
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
  const kind = numericKindOf(schema);
  const input = kind === undefined
    ? (container as Record<string, unknown>)[key]
    : exactNumericInput(container, key, kind);
  if (input === undefined) return undefined;
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed.data : undefined;
}
