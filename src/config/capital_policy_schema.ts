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
import { decimalSchema } from "./decimal_schema.ts";
import { exactNumbers } from "./exact_numbers.ts";
import { STRATEGY_ID_PATTERN } from "./field_schemas.ts";
import { integerSchema } from "./number_schema.ts";
import {
  LOOKBACK_BARS_RANGE,
  MAX_SCALE_RANGE,
  TARGET_VOL_RANGE,
  WEIGHT_RANGE,
} from "./value_ranges.ts";
import { withKeyHints } from "./zod_problems.ts";

const ONLY_FIXED = "only used by type fixed";
const ONLY_VOL_TARGET = "only used by type vol_target";

function notAllowedWith(type: string, keys: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(keys).map((
      [key, owner],
    ) => [key, `is not allowed with type ${type} (${owner})`]),
  );
}

const weightsSchema = exactNumbers(
  z.record(
    z.string().regex(STRATEGY_ID_PATTERN, {
      error: (issue) => `must be a strategy id (got ${JSON.stringify(issue.input)})`,
    }),
    decimalSchema(WEIGHT_RANGE),
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
    target_vol: decimalSchema({
      ...TARGET_VOL_RANGE,
      description: "Annualised volatility target, e.g. 0.15",
    }),
    lookback_bars: integerSchema({
      ...LOOKBACK_BARS_RANGE,
      description: "Bars of history for the realised volatility estimate",
    }),
    max_scale: decimalSchema({ ...MAX_SCALE_RANGE, description: "Cap on the scale-up, default 1" })
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
export const capitalPolicySchema: z.ZodType<CapitalPolicyConfig, unknown> = exactNumbers(
  z.discriminatedUnion("type", [equalWeightSchema, fixedSchema, volTargetSchema]),
).prefault({ type: "equal_weight" });
