/**
 * Test helpers: every numeric field of the graph, found in the graph's JSON
 * Schema (so a new field is covered without touching the tests), and a valid
 * one-strategy graph with one field written as a given literal.
 *
 * @module
 */
import { stringify } from "yaml";
import { graphJsonSchema, type JsonSchema, type PathSegment } from "../../src/config/mod.ts";

/** The strategy id and symbol of the base graph; also the key used for symbol and weight maps. */
export const BASE_ID = "aapl";

/** One numeric field of the graph. */
export interface NumericField {
  /** Path in the YAML (map keys and list indexes). */
  readonly path: PathSegment[];
  /** Path with map keys as `*` and list indexes as `[]`, as documented: `venue.symbols.*.drift`. */
  readonly documented: string;
  /** `integer` or `number` (decimals are numbers or numeric strings). */
  readonly type: "integer" | "number";
  /** Inclusive lower bound, when the schema has one. */
  readonly minimum?: number;
  /** Exclusive lower bound, when the schema has one. */
  readonly exclusiveMinimum?: number;
  /** Inclusive upper bound, when the schema has one. */
  readonly maximum?: number;
  /** `type` of the section variant the field belongs to (`venue: sim`, `capital_policy: fixed`). */
  readonly variant?: { readonly section: string; readonly type: string };
}

/** Sections whose variants need more than `type` to be valid. */
const VARIANT_BASES: Readonly<Record<string, Record<string, unknown>>> = {
  fixed: { type: "fixed", weights: { [BASE_ID]: 1 } },
  vol_target: { type: "vol_target", target_vol: 0.15, lookback_bars: 20 },
};

function documentedPath(path: readonly (PathSegment | "*")[]): string {
  return path.map((segment, index) =>
    segment === 0 ? "[]" : index === 0 ? String(segment) : `.${String(segment)}`
  ).join("").replaceAll(".[]", "[]");
}

function numberBranch(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type === "number" || schema.type === "integer") return schema;
  const options = schema.anyOf as JsonSchema[] | undefined;
  return options?.find((option) => option.type === "number" || option.type === "integer");
}

interface WalkContext {
  readonly path: (PathSegment | "*")[];
  readonly variant?: NumericField["variant"];
}

function walk(schema: JsonSchema, context: WalkContext, found: NumericField[]): void {
  const number = numberBranch(schema);
  if (number !== undefined) {
    const path = context.path.map((segment) => segment === "*" ? BASE_ID : segment);
    found.push({
      path,
      documented: documentedPath(context.path),
      type: number.type as NumericField["type"],
      ...(["minimum", "exclusiveMinimum", "maximum"] as const).reduce(
        (bounds, key) =>
          typeof number[key] === "number" ? { ...bounds, [key]: number[key] } : bounds,
        {},
      ),
      ...(context.variant === undefined ? {} : { variant: context.variant }),
    });
    return;
  }
  for (const option of (schema.oneOf as JsonSchema[] | undefined) ?? []) {
    const type = ((option.properties as Record<string, JsonSchema>)?.type?.const) as string;
    walk(option, { ...context, variant: { section: String(context.path[0]), type } }, found);
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [key, property] of Object.entries(properties ?? {})) {
    walk(property, { ...context, path: [...context.path, key] }, found);
  }
  const values = schema.additionalProperties;
  if (typeof values === "object" && values !== null) {
    walk(values as JsonSchema, { ...context, path: [...context.path, "*"] }, found);
  }
  if (typeof schema.items === "object" && schema.items !== null) {
    walk(schema.items as JsonSchema, { ...context, path: [...context.path, 0] }, found);
  }
}

/** Every numeric field of the graph's own schema (strategy params excluded), in schema order. */
export function numericFields(): NumericField[] {
  const found: NumericField[] = [];
  walk(graphJsonSchema(), { path: [] }, found);
  return found;
}

const NUMBER_MARK = "__NUMBER_UNDER_TEST__";

function setAt(target: Record<string, unknown>, path: readonly PathSegment[], value: unknown) {
  let node: Record<string, unknown> = target;
  path.forEach((segment, index) => {
    const key = String(segment);
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key] ?? (typeof path[index + 1] === "number" ? [] : {});
    node[key] = next;
    node = next as Record<string, unknown>;
  });
}

/**
 * A valid graph (one sma strategy on AAPL, the field's section variant) with
 * `path` written as the YAML scalar `literal`, exactly as given.
 */
export function graphWithLiteral(
  field: Pick<NumericField, "path" | "variant">,
  literal: string,
): string {
  const graph: Record<string, unknown> = {
    strategies: [{
      id: BASE_ID,
      type: "sma",
      symbols: [BASE_ID.toUpperCase()],
      params: { fast: 10, slow: 30 },
      warmup_bars: 30,
    }],
  };
  if (field.variant !== undefined) {
    graph[field.variant.section] = structuredClone(
      VARIANT_BASES[field.variant.type] ?? { type: field.variant.type },
    );
  }
  setAt(graph, field.path, NUMBER_MARK);
  return stringify(graph).replace(NUMBER_MARK, literal);
}
