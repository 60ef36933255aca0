/**
 * The public API a strategy file may import: `defineStrategy`, the zod `z`
 * for parameter schemas, and the value types a strategy sees.
 *
 * @example
 * ```ts
 * import { defineStrategy, z } from "../src/mod.ts";
 * ```
 *
 * @module
 */
export { z } from "zod";
export { defineStrategy, type StrategyDefinition } from "./strategy/mod.ts";
export type { IntentOptions, StrategyContext, StrategyInstance } from "./strategy/mod.ts";
export type { Bar, Denial, Fill, PositionEnvelope, Tick } from "./model/mod.ts";
export { Decimal, toDecimal } from "./model/mod.ts";
