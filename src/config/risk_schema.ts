/**
 * The money sections of a graph: `sizing:` (the capital the policy divides),
 * `limits:` (hard limits the graph may only tighten) and `risk:` (RiskGuard).
 *
 * Values are optional here; defaults that depend on other values (sizing
 * clipped to the hard limits, risk defaulting to the limits) are filled in by
 * resolve_graph.ts, and the comparisons with the hard limits are in
 * graph_rules.ts.
 *
 * @module
 */
import { z } from "zod";
import type { Decimal } from "../model/decimal.ts";
import { decimalSchema } from "./decimal_schema.ts";
import { exactNumbers } from "./exact_numbers.ts";
import { integerSchema } from "./number_schema.ts";
import { MONEY_RANGE, ORDERS_PER_MINUTE_RANGE, SHARES_RANGE } from "./value_ranges.ts";

/** Default `sizing.max_position` (shares), clipped to the effective hard limit. */
export const DEFAULT_SIZING_MAX_POSITION = 100;
/** Default `sizing.max_notional`, clipped to the effective hard limit. */
export const DEFAULT_SIZING_MAX_NOTIONAL = "100000";
/** Default `risk.max_orders_per_minute`. */
export const DEFAULT_MAX_ORDERS_PER_MINUTE = 120;

/** `sizing:` / `limits:` as parsed, before defaults. */
export interface ParsedPositionBounds {
  /** Shares. */
  readonly maxPosition?: number | undefined;
  /** Currency. */
  readonly maxNotional?: Decimal | undefined;
}

/** `risk:` as parsed, before defaults. */
export interface ParsedRisk {
  /** Shares per order. */
  readonly maxOrderSize?: number | undefined;
  /** Value per order. */
  readonly maxOrderNotional?: Decimal | undefined;
  /** Gross notional per symbol. */
  readonly maxSymbolExposure?: Decimal | undefined;
  /** Gross notional over all symbols. */
  readonly maxGrossExposure?: Decimal | undefined;
  /** Daily loss that switches trading to REDUCING. */
  readonly dailyLossLimit?: Decimal | undefined;
  /** Order rate limit. */
  readonly maxOrdersPerMinute: number;
}

function positionBoundsSchema(what: string) {
  return exactNumbers(z.strictObject({
    max_position: integerSchema({ ...SHARES_RANGE, description: `${what}, shares` }).optional(),
    max_notional: decimalSchema({ ...MONEY_RANGE, description: `${what}, currency` }).optional(),
  })).transform((bounds): ParsedPositionBounds => ({
    maxPosition: bounds.max_position,
    maxNotional: bounds.max_notional,
  }));
}

/** `sizing:` — graph-level position sizing, default 100 shares / 100000. */
export const sizingSchema: z.ZodType<ParsedPositionBounds, unknown> = positionBoundsSchema(
  "Graph-level sizing the capital policy divides",
).prefault({});

/** `limits:` — hard limits per strategy position and per order; may only tighten code/env limits. */
export const limitsSchema: z.ZodType<ParsedPositionBounds, unknown> = positionBoundsSchema(
  "Hard limit per strategy position and per order",
).prefault({});

/** `risk:` — RiskGuard settings. */
export const riskSchema: z.ZodType<ParsedRisk, unknown> = exactNumbers(z.strictObject({
  max_order_size: integerSchema({
    ...SHARES_RANGE,
    description: "Shares per order; default and maximum: limits.max_position",
  }).optional(),
  max_order_notional: decimalSchema({
    ...MONEY_RANGE,
    description: "Value per order; default and maximum: limits.max_notional",
  }).optional(),
  max_symbol_exposure: decimalSchema({
    ...MONEY_RANGE,
    description: "Gross notional per symbol summed over strategies",
  }).optional(),
  max_gross_exposure: decimalSchema({
    ...MONEY_RANGE,
    description: "Gross notional over all symbols",
  }).optional(),
  daily_loss_limit: decimalSchema({
    ...MONEY_RANGE,
    description: "Loss since session start that switches trading to REDUCING",
  }).optional(),
  max_orders_per_minute: integerSchema({
    ...ORDERS_PER_MINUTE_RANGE,
    description: "Order rate limit, default 120",
  }).default(DEFAULT_MAX_ORDERS_PER_MINUTE),
})).transform((risk): ParsedRisk => ({
  maxOrderSize: risk.max_order_size,
  maxOrderNotional: risk.max_order_notional,
  maxSymbolExposure: risk.max_symbol_exposure,
  maxGrossExposure: risk.max_gross_exposure,
  dailyLossLimit: risk.daily_loss_limit,
  maxOrdersPerMinute: risk.max_orders_per_minute,
})).prefault({});
