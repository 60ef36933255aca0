/**
 * The strategy API: contract, context and the `defineStrategy` helper.
 *
 * @module
 */
export { defineStrategy, type StrategyDefinition } from "./define_strategy.ts";
export type { IntentOptions, StrategyContext, StrategyInstance } from "./strategy.ts";
