/**
 * Builds the capital policy a graph's `capital_policy` section names.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import type { CapitalAllocationPolicy } from "./capital_policy.ts";
import { EqualWeightPolicy } from "./equal_weight_policy.ts";
import { FixedWeightPolicy } from "./fixed_weight_policy.ts";
import { VolTargetPolicy } from "./vol_target_policy.ts";

/**
 * The parsed `capital_policy` section; the graph config's
 * `CapitalPolicyConfig` has this shape and can be passed in directly.
 */
export type CapitalPolicySpec =
  | { readonly type: "equal_weight" }
  | { readonly type: "fixed"; readonly weights: Readonly<Record<string, Decimal>> }
  | {
    readonly type: "vol_target";
    readonly targetVol: Decimal;
    readonly lookbackBars: number;
    readonly maxScale: Decimal;
  };

/**
 * Creates the policy for `spec`; `barSizeMs` (the graph's bar size) is used
 * by vol_target to annualise volatility.
 *
 * @example
 * ```ts
 * const policy = createCapitalPolicy(graph.capitalPolicy, {
 *   barSizeMs: barSizeMs(graph.settings.barSize),
 * });
 * ```
 */
export function createCapitalPolicy(
  spec: CapitalPolicySpec,
  options: { readonly barSizeMs: number },
): CapitalAllocationPolicy {
  switch (spec.type) {
    case "equal_weight":
      return new EqualWeightPolicy();
    case "fixed":
      return new FixedWeightPolicy(spec.weights);
    case "vol_target":
      return new VolTargetPolicy({
        targetVol: spec.targetVol,
        lookbackBars: spec.lookbackBars,
        maxScale: spec.maxScale,
        barSizeMs: options.barSizeMs,
      });
  }
}
