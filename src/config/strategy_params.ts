/**
 * Checks each strategy node against its strategy module: the type must exist
 * and be a proper module, and `params` must satisfy the module's schema.
 * Problems point into the graph (`strategies[0].params.fast`).
 *
 * A number in `params` that is not finite or not in decimal notation (`1e309`,
 * `.inf`, `.nan`, `0x10`) is an error here and is removed before the module's
 * schema runs, so a strategy never receives `Infinity` or `NaN`.
 *
 * @module
 */
import type { StrategyDefinition } from "../strategy/mod.ts";
import { asRecord, rawStrategyNodes, type RuleFinding } from "./_raw.ts";
import {
  findUnusableNumbers,
  isUnderAny,
  USABLE_NUMBER_TEXT,
  withoutNumbers,
} from "./_unusable_numbers.ts";
import { STRATEGY_TYPE_PATTERN } from "./field_schemas.ts";
import { describeNumericInput } from "./numeric_range.ts";
import type { StrategyRegistry } from "./strategy_registry.ts";
import { parseWithIssues } from "./zod_problems.ts";

/** Result of {@link checkStrategyParams}. */
export interface StrategyParamsResult {
  /** Problems with types and params. */
  readonly findings: RuleFinding[];
  /** Parsed params (module defaults applied) by node index, for nodes whose params are valid. */
  readonly params: ReadonlyMap<number, Record<string, unknown>>;
  /** The definitions of every type that resolved, by type. */
  readonly definitions: ReadonlyMap<string, StrategyDefinition>;
}

/**
 * Resolves the type of every raw strategy node through `registry` (each module
 * imported once) and validates its `params` with the module's schema.
 */
export async function checkStrategyParams(
  raw: unknown,
  registry: StrategyRegistry,
): Promise<StrategyParamsResult> {
  const findings: RuleFinding[] = [];
  const params = new Map<number, Record<string, unknown>>();
  const definitions = new Map<string, StrategyDefinition>();
  const reported = new Set<string>();
  const graph = asRecord(raw);
  if (graph === undefined) return { findings, params, definitions };
  for (const { index, node } of rawStrategyNodes(graph)) {
    const type = node.type;
    if (typeof type !== "string" || !STRATEGY_TYPE_PATTERN.test(type)) continue;
    const resolution = await registry.resolve(type);
    if (!resolution.ok) {
      const again = reported.has(type);
      reported.add(type);
      findings.push({
        path: ["strategies", index, "type"],
        target: "value",
        message: again && resolution.message.includes("\n")
          ? `${await registry.fileOf(
            type,
          )} is not a strategy module (see the first use of type "${type}")`
          : resolution.message,
        severity: "error",
      });
      continue;
    }
    definitions.set(type, resolution.definition);
    const input = node.params === undefined ? {} : node.params;
    if (asRecord(input) === undefined) continue;
    const unusable = findUnusableNumbers(input);
    for (const number of unusable) {
      findings.push({
        path: ["strategies", index, "params", ...number.path],
        target: "value",
        message: `must be ${USABLE_NUMBER_TEXT}, got ${describeNumericInput(number.input)}`,
        severity: "error",
      });
    }
    const parsed = parseWithIssues(resolution.definition.params, withoutNumbers(input, unusable));
    if (!parsed.success || unusable.length > 0) {
      for (const issue of parsed.success ? [] : parsed.issues) {
        if (isUnderAny(issue.path, unusable)) continue;
        findings.push({
          path: ["strategies", index, "params", ...issue.path],
          target: issue.target,
          message: issue.message,
          severity: "error",
        });
      }
      continue;
    }
    const output = asRecord(parsed.data);
    if (output === undefined) {
      findings.push({
        path: ["strategies", index, "params"],
        target: "value",
        message: `${resolution.file}: the params schema must produce a mapping`,
        severity: "error",
      });
      continue;
    }
    params.set(index, output);
  }
  return { findings, params, definitions };
}
