/**
 * Capital policy rules that need the rest of the graph: fixed weights must name
 * the graph's strategy ids, cover every strategy and sum to at most 1 (a sum
 * below 1 is a warning); vol_target warns when a strategy warms up on fewer
 * bars than the volatility lookback.
 *
 * @module
 */
import { Decimal } from "../model/decimal.ts";
import { asRecord, asString, rawStrategyNodes, type RuleFinding } from "./_raw.ts";
import { rawDecimal } from "./decimal_schema.ts";
import { didYouMean } from "./did_you_mean.ts";

function strategyIds(graph: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const { node } of rawStrategyNodes(graph)) {
    const id = asString(node.id);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function checkFixedWeights(
  graph: Record<string, unknown>,
  weights: Record<string, unknown>,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const ids = strategyIds(graph);
  for (const key of Object.keys(weights)) {
    if (ids.includes(key)) continue;
    findings.push({
      path: ["capital_policy", "weights", key],
      target: "key",
      message: `"${key}" is not a strategy id of this graph, ${didYouMean(key, ids)}`,
      severity: "error",
    });
  }
  for (const id of ids) {
    if (Object.hasOwn(weights, id)) continue;
    findings.push({
      path: ["capital_policy", "weights"],
      target: "value",
      message: `no weight for strategy "${id}"; every strategy needs a weight`,
      severity: "error",
    });
  }
  const values = Object.keys(weights).map((key) => rawDecimal(weights, key));
  if (values.length === 0 || values.some((value) => value === undefined || !value.gt(0))) {
    return findings;
  }
  const sum = (values as Decimal[]).reduce((total, value) => total.plus(value), new Decimal(0));
  if (sum.gt(1)) {
    findings.push({
      path: ["capital_policy", "weights"],
      target: "value",
      message: `weights sum to ${sum}, must be in (0, 1]`,
      severity: "error",
    });
  } else if (sum.lt(1)) {
    findings.push({
      path: ["capital_policy", "weights"],
      target: "value",
      message: `weights sum to ${sum} (< 1): ${
        new Decimal(1).minus(sum)
      } of the capital stays unallocated`,
      severity: "warning",
    });
  }
  return findings;
}

function checkWarmupAgainstLookback(
  graph: Record<string, unknown>,
  lookback: number,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { index, node } of rawStrategyNodes(graph)) {
    const warmup = node.warmup_bars === undefined ? 0 : node.warmup_bars;
    if (typeof warmup !== "number" || !Number.isInteger(warmup) || warmup >= lookback) continue;
    findings.push({
      path: ["strategies", index, "warmup_bars"],
      target: "value",
      message: `warmup_bars ${warmup} is less than capital_policy.lookback_bars ${lookback}; ` +
        "vol_target sizes this strategy on a shorter volatility history until it has seen " +
        `${lookback} bars`,
      severity: "warning",
    });
  }
  return findings;
}

/** Capital policy rules over raw graph data. */
export function checkPolicyRules(graph: Record<string, unknown>): RuleFinding[] {
  const policy = asRecord(graph.capital_policy);
  if (policy?.type === "fixed") {
    const weights = asRecord(policy.weights);
    return weights === undefined ? [] : checkFixedWeights(graph, weights);
  }
  if (policy?.type === "vol_target") {
    const lookback = policy.lookback_bars;
    if (typeof lookback === "number" && Number.isInteger(lookback) && lookback >= 2) {
      return checkWarmupAgainstLookback(graph, lookback);
    }
  }
  return [];
}
