/**
 * The `capital_policy:` section: how the graph's sizing is divided between
 * strategies (`equal_weight`, `fixed` weights, or `vol_target`).
 *
 * Cross-field rules (weight keys are strategy ids, the weights sum to at most
 * 1, warmup vs lookback) live in graph_rules.ts.
 *
 * @module
 */
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import type { CapitalPolicyConfig } from "./config_types.ts";
import { decimalSchema, exactDecimals } from "./decimal_schema.ts";
import { integerSchema, STRATEGY_ID_PATTERN } from "./field_schemas.ts";
import { withKeyHints } from "./zod_problems.ts";

/** Largest `lookback_bars` of the vol_target policy. */
export const MAX_LOOKBACK_BARS = 5000;

const ONLY_FIXED = "only used by type fixed";
const ONLY_VOL_TARGET = "only used by type vol_target";

function notAllowedWith(type: string, keys: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(keys).map((
      [key, owner],
    ) => [key, `is not allowed with type ${type} (${owner})`]),
  );
}

const weightsSchema = exactDecimals(
  z.record(
    z.string().regex(STRATEGY_ID_PATTERN, {
      error: (issue) => `must be a strategy id (got ${JSON.stringify(issue.input)})`,
    }),
    decimalSchema({ gt: 0, lte: 1 }),
    {
      error: (issue) =>
        issue.code === "invalid_type" && issue.input === undefined
          ? "missing required key: type fixed needs a weight per strategy id"
          : undefined,
    },
  ),
).meta({ description: "Strategy id -> weight in (0, 1]; the weights sum to at most 1" });

const equalWeightSchema = withKeyHints(
  z.strictObject({ type: z.literal("equal_weight") }),
  notAllowedWith("equal_weight", {
    weights: ONLY_FIXED,
    target_vol: ONLY_VOL_TARGET,
    lookback_bars: ONLY_VOL_TARGET,
    max_scale: ONLY_VOL_TARGET,
  }),
).transform((): CapitalPolicyConfig => ({ type: "equal_weight" }));

const fixedSchema = withKeyHints(
  z.strictObject({
    type: z.literal("fixed"),
    weights: weightsSchema,
  }),
  notAllowedWith("fixed", {
    target_vol: ONLY_VOL_TARGET,
    lookback_bars: ONLY_VOL_TARGET,
    max_scale: ONLY_VOL_TARGET,
  }),
).transform((policy): CapitalPolicyConfig => ({
  type: "fixed",
  weights: policy.weights,
}));

const volTargetSchema = withKeyHints(
  z.strictObject({
    type: z.literal("vol_target"),
    target_vol: decimalSchema({ gt: 0, description: "Annualised volatility target, e.g. 0.15" }),
    lookback_bars: integerSchema({
      min: 2,
      max: MAX_LOOKBACK_BARS,
      description: "Bars of history for the realised volatility estimate",
    }),
    max_scale: decimalSchema({ gt: 0, description: "Cap on the scale-up, default 1" })
      .default(() => new Decimal(1)),
  }),
  notAllowedWith("vol_target", { weights: ONLY_FIXED }),
).transform((policy): CapitalPolicyConfig => ({
  type: "vol_target",
  targetVol: policy.target_vol,
  lookbackBars: policy.lookback_bars,
  maxScale: policy.max_scale,
}));

/** The `capital_policy:` section; absent means `{ type: equal_weight }`. */
export const capitalPolicySchema: z.ZodType<CapitalPolicyConfig, unknown> = exactDecimals(
  z.discriminatedUnion("type", [equalWeightSchema, fixedSchema, volTargetSchema]),
).prefault({ type: "equal_weight" });
