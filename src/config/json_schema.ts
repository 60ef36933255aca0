/**
 * The JSON Schema of the graph YAML, for editor completion and hover docs
 * (`# yaml-language-server: $schema=./graph.schema.json`).
 *
 * @module
 */
import { z } from "zod";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { graphSchema } from "./graph_schema.ts";

/** A JSON Schema document. */
export type JsonSchema = Record<string, unknown>;

/** Options of {@link graphJsonSchema}. */
export interface GraphJsonSchemaOptions {
  /**
   * Strategy definitions by type. When given, `type` is restricted to these
   * names and each type's `params` get that strategy's schema.
   */
  readonly definitions?: ReadonlyMap<string, StrategyDefinition>;
}

function paramsSchemaOf(definition: StrategyDefinition): JsonSchema | undefined {
  try {
    const schema = z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" });
    const { $schema: _ignored, ...rest } = schema as JsonSchema;
    return rest;
  } catch {
    return undefined;
  }
}

function addStrategyTypes(
  schema: JsonSchema,
  definitions: ReadonlyMap<string, StrategyDefinition>,
): void {
  const strategies = (schema.properties as Record<string, JsonSchema> | undefined)?.strategies;
  const node = strategies?.items as JsonSchema | undefined;
  const properties = node?.properties as Record<string, JsonSchema> | undefined;
  if (node === undefined || properties?.type === undefined) return;
  const types = [...definitions.keys()].sort();
  properties.type = { ...properties.type, enum: types };
  const cases: JsonSchema[] = [];
  for (const type of types) {
    const params = paramsSchemaOf(definitions.get(type) as StrategyDefinition);
    if (params === undefined) continue;
    const description = definitions.get(type)?.description;
    cases.push({
      if: { properties: { type: { const: type } }, required: ["type"] },
      then: {
        properties: {
          params: description === undefined ? params : { description, ...params },
        },
      },
    });
  }
  if (cases.length > 0) node.allOf = cases;
}

/**
 * The JSON Schema of the graph YAML input (zod v4 `toJSONSchema`, io: input):
 * snake_case keys, defaults, bounds, `additionalProperties: false`.
 *
 * @example
 * ```ts
 * const schema = graphJsonSchema();
 * Object.keys(schema.properties as object); // ["name", "venue", "sizing", ...]
 * ```
 */
export function graphJsonSchema(options: GraphJsonSchemaOptions = {}): JsonSchema {
  const schema = z.toJSONSchema(graphSchema, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  const documented: JsonSchema = {
    $schema: schema.$schema,
    title: "ibkr-trader strategy graph",
    description: "A graph of strategies run together by ibkr-trader. " +
      "Reference: docs/graph_reference.md",
    ...schema,
  };
  if (options.definitions !== undefined) addStrategyTypes(documented, options.definitions);
  return documented;
}
