/**
 * Builds the capital policy a graph's `capital_policy` section names.
 *
 * @module
 */
import type { TradingCalendar } from "../calendar/mod.ts";
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

/** What {@link createCapitalPolicy} needs besides the spec. */
export interface CapitalPolicyContext {
  /** The graph's bar size in ms. */
  readonly barSizeMs: number;
  /** The venue's market calendar (`Venue.calendar`, always open when it names none). */
  readonly calendar: TradingCalendar;
}

/**
 * Creates the policy for `spec`. vol_target annualises volatility over the
 * bars of `barSizeMs` that `calendar` produces in a year, so the same bars
 * give the same annual figure whatever the bar size.
 *
 * @example
 * ```ts
 * const policy = createCapitalPolicy(graph.capitalPolicy, {
 *   barSizeMs: barSizeMs(graph.settings.barSize),
 *   calendar: venue.calendar ?? ALWAYS_OPEN_CALENDAR,
 * });
 * ```
 */
export function createCapitalPolicy(
  spec: CapitalPolicySpec,
  options: CapitalPolicyContext,
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
        calendar: options.calendar,
      });
  }
}
