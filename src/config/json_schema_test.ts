import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import sma from "../../strategies/sma.ts";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { graphJsonSchema, type JsonSchema } from "./json_schema.ts";
import { StrategyRegistry } from "./strategy_registry.ts";

function at(schema: JsonSchema, ...keys: string[]): JsonSchema {
  let node: unknown = schema;
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  return node as JsonSchema;
}

Deno.test("graphJsonSchema describes the snake_case YAML input and rejects unknown keys", () => {
  const schema = graphJsonSchema();
  assertEquals(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assertEquals(schema.additionalProperties, false);
  assertEquals(Object.keys(at(schema, "properties")), [
    "name",
    "venue",
    "sizing",
    "limits",
    "risk",
    "strategies",
    "capital_policy",
    "settings",
  ]);
  assertEquals(schema.required, ["strategies"]);
  const settings = at(schema, "properties", "settings", "properties");
  assertEquals(at(settings, "heartbeat_timeout_seconds").minimum, 5);
  assertEquals(at(settings, "heartbeat_timeout_seconds").default, 30);
  const node = at(schema, "properties", "strategies", "items");
  assertEquals(node.additionalProperties, false);
  assertEquals(at(node, "properties", "warmup_bars").maximum, 5000);
  ok(JSON.stringify(at(node, "properties", "max_notional")).includes('"string"'));
});

Deno.test("graphJsonSchema with definitions restricts type and documents each type's params", () => {
  const definitions = new Map<string, StrategyDefinition>([["sma", sma as StrategyDefinition]]);
  const node = at(graphJsonSchema({ definitions }), "properties", "strategies", "items");
  assertEquals(at(node, "properties", "type").enum, ["sma"]);
  const cases = node.allOf as JsonSchema[];
  assertEquals(cases.length, 1);
  const params = at(cases[0] as JsonSchema, "then", "properties", "params");
  assertEquals(Object.keys(at(params, "properties")), ["fast", "slow", "size", "mode"]);
  assertEquals(params.required, ["fast", "slow"]);
});

Deno.test("graphs/graph.schema.json is the current schema (run deno task validate --schema)", async () => {
  const registry = new StrategyRegistry();
  const definitions = new Map<string, StrategyDefinition>();
  for (const type of await registry.types()) {
    const resolution = await registry.resolve(type);
    if (resolution.ok) definitions.set(type, resolution.definition);
  }
  const written = JSON.parse(await Deno.readTextFile("graphs/graph.schema.json"));
  assertEquals(written, JSON.parse(JSON.stringify(graphJsonSchema({ definitions }))));
});
