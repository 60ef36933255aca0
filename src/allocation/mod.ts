/**
 * Capital allocation: policies that turn the graph's sizing into a
 * PositionEnvelope per strategy and symbol, and track allocated capital.
 *
 * @module
 */
export type {
  AllocationDecision,
  AllocationInput,
  AllocationStrategyInput,
  CapitalAllocationPolicy,
  CapitalSummary,
} from "./capital_policy.ts";
export {
  type CapitalPolicyContext,
  type CapitalPolicySpec,
  createCapitalPolicy,
} from "./create_capital_policy.ts";
export { EqualWeightPolicy } from "./equal_weight_policy.ts";
export { FixedWeightPolicy } from "./fixed_weight_policy.ts";
export { annualizationFactor, RollingVolatility } from "./rolling_volatility.ts";
export { type VolTargetOptions, VolTargetPolicy } from "./vol_target_policy.ts";
