/**
 * Settings of the simulated venue: the same fields and types as the parsed
 * graph config's `SimVenueConfig` (see the graph spec), declared here so the
 * venue does not depend on the config layer. A parsed `config.venue` of type
 * `"sim"` can be passed as is.
 *
 * @module
 */
import { type Decimal, toDecimal } from "../../model/mod.ts";
import { IB_FIXED_COMMISSION } from "./commission_model.ts";

/** Per-symbol overrides of the synthetic feed's GBM parameters. */
export interface SimSymbolOverride {
  /** Annual drift. */
  readonly drift?: number;
  /** Annual volatility (> 0). */
  readonly volatility?: number;
  /** First bar's open (> 0). */
  readonly startPrice?: number;
}

/** Settings of the simulated venue (YAML `venue:` with `type: sim`, parsed). */
export interface SimVenueOptions {
  /** Discriminator of the venue union. */
  readonly type: "sim";
  /** Where bars come from: seeded GBM or CSV files. */
  readonly feed: "synthetic" | "csv";
  /** Synthetic: bars per symbol. */
  readonly bars: number;
  /** Synthetic: integer seed. */
  readonly seed: number;
  /** Synthetic: time of the first bar, epoch ms. */
  readonly start: number;
  /** Synthetic: annual drift (GBM mu). */
  readonly drift: number;
  /** Synthetic: annual volatility (GBM sigma). */
  readonly volatility: number;
  /** Synthetic: first bar's open. */
  readonly startPrice: number;
  /** Synthetic: per-symbol overrides; keys are symbols. */
  readonly symbolOverrides: Readonly<Record<string, SimSymbolOverride>>;
  /** CSV: symbol -> file path (absolute or relative to the working directory). */
  readonly csv: Readonly<Record<string, string>>;
  /** `"max"` or a real-time multiplier. */
  readonly speed: "max" | number;
  /** Market order slippage against the trader, in basis points. */
  readonly slippageBps: Decimal;
  /** Commission schedule (IB fixed-rate by default). */
  readonly commission: {
    readonly perShare: Decimal;
    readonly minimum: Decimal;
    readonly maxPctOfValue: Decimal;
  };
  /** Share of the remaining quantity filled per bar, in (0, 1]. */
  readonly partialFillRatio: Decimal;
}

/** The defaults of the graph spec: synthetic, 500 bars, seed 42, 2024-01-02T14:30Z, GBM 0.05/0.25 from 100, speed max, no slippage, IB fixed commissions, full fills. */
export const DEFAULT_SIM_VENUE_OPTIONS: SimVenueOptions = Object.freeze({
  type: "sim",
  feed: "synthetic",
  bars: 500,
  seed: 42,
  start: Date.UTC(2024, 0, 2, 14, 30),
  drift: 0.05,
  volatility: 0.25,
  startPrice: 100,
  symbolOverrides: {},
  csv: {},
  speed: "max",
  slippageBps: toDecimal(0),
  commission: IB_FIXED_COMMISSION,
  partialFillRatio: toDecimal(1),
});

/**
 * The defaults with `overrides` applied: a convenience for tests, benchmarks
 * and callers that build a sim venue without a graph file.
 *
 * @example
 * ```ts
 * new SimVenue(simVenueOptions({ seed: 7, bars: 1000 }), { barSizeMs: 60_000 });
 * ```
 */
export function simVenueOptions(overrides: Partial<SimVenueOptions> = {}): SimVenueOptions {
  return { ...DEFAULT_SIM_VENUE_OPTIONS, ...overrides, type: "sim" };
}
