/**
 * The drop-in strategy contract: a file in `strategies/` default-exports the
 * result of {@link defineStrategy}.
 *
 * @module
 */
import type { z } from "zod";
import type { StrategyContext, StrategyInstance } from "./strategy.ts";

/** A strategy type: its parameter schema and a factory for instances. */
export interface StrategyDefinition<P extends z.ZodType = z.ZodType> {
  /** Schema of the graph node's `params`; validated by `deno task validate` and at start. */
  readonly params: P;
  /** One-line description shown by `validate` when listing strategy types. */
  readonly description?: string;
  /** Builds one instance for one graph node. */
  create(ctx: StrategyContext, params: z.output<P>): StrategyInstance;
}

/**
 * Identity helper that gives a strategy file type inference for its params.
 *
 * @example
 * ```ts
 * import { defineStrategy, z } from "../src/mod.ts";
 *
 * export default defineStrategy({
 *   params: z.object({ size: z.number().int().positive() }),
 *   create(ctx, params) {
 *     return {
 *       onBar(bar) {
 *         ctx.setTarget(bar.symbol, bar.close > bar.open ? params.size : 0);
 *       },
 *     };
 *   },
 * });
 * ```
 */
export function defineStrategy<P extends z.ZodType>(
  definition: StrategyDefinition<P>,
): StrategyDefinition<P> {
  return definition;
}
