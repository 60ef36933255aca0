/**
 * One entry of `strategies:`. The node's `params` are only checked to be a
 * mapping here; the strategy module's own schema validates them (see
 * strategy_params.ts).
 *
 * @module
 */
import { z } from "zod";
import type { Decimal } from "../model/decimal.ts";
import { decimalSchema } from "./decimal_schema.ts";
import { exactNumbers } from "./exact_numbers.ts";
import { STRATEGY_TYPE_PATTERN, strategyIdSchema, symbolSchema } from "./field_schemas.ts";
import { integerSchema } from "./number_schema.ts";
import { MONEY_RANGE, SHARES_RANGE, WARMUP_BARS_RANGE } from "./value_ranges.ts";

/** A strategy node as parsed, before defaults from `sizing:` and params validation. */
export interface ParsedStrategyNode {
  /** Unique id. */
  readonly id: string;
  /** Strategy type. */
  readonly type: string;
  /** Upper-case, deduplicated symbols. */
  readonly symbols: string[];
  /** Raw params (validated later by the strategy module). */
  readonly params: Record<string, unknown>;
  /** Shares, when given. */
  readonly maxPosition?: number | undefined;
  /** Currency, when given. */
  readonly maxNotional?: Decimal | undefined;
  /** Warmup bars. */
  readonly warmupBars: number;
}

/** One strategy node. */
export const strategyNodeSchema: z.ZodType<ParsedStrategyNode, unknown> = exactNumbers(
  z.strictObject({
    id: strategyIdSchema.meta({ description: "Unique, slug-safe strategy id" }),
    type: z.string().regex(STRATEGY_TYPE_PATTERN, {
      error: (issue) =>
        `must be a strategy type: the name of a file in strategies/ such as "sma" (got ${
          JSON.stringify(issue.input)
        })`,
    }).meta({ description: "Strategy type: strategies/<type>.ts" }),
    symbols: z.array(symbolSchema).min(1).meta({
      description: "Symbols the strategy trades; upper-cased, duplicates removed",
    }),
    params: z.record(z.string(), z.unknown()).default({}).meta({
      description: "Parameters, validated by the strategy module's schema",
    }),
    max_position: integerSchema({
      ...SHARES_RANGE,
      description: "Shares; default sizing.max_position; at most limits.max_position",
    }).optional(),
    max_notional: decimalSchema({
      ...MONEY_RANGE,
      description: "Currency; default sizing.max_notional; at most limits.max_notional",
    }).optional(),
    warmup_bars: integerSchema({
      ...WARMUP_BARS_RANGE,
      description: "Bars per symbol before the strategy's intents count; 0..5000",
    }).default(0),
  }),
).transform((node): ParsedStrategyNode => ({
  id: node.id,
  type: node.type,
  symbols: [...new Set(node.symbols)],
  params: node.params,
  maxPosition: node.max_position,
  maxNotional: node.max_notional,
  warmupBars: node.warmup_bars,
}));
