/**
 * Settings of the simulated venue: the parsed graph config's `SimVenueConfig`
 * (one definition, in src/config, like the IBKR venue's), its defaults, and a
 * helper to build settings without a graph file.
 *
 * @module
 */
import {
  defaultVenueConfig,
  type SimVenueConfig,
  type SyntheticSymbolOverride,
} from "../../config/mod.ts";

/** Settings of the simulated venue (YAML `venue:` with `type: sim`, parsed). */
export type SimVenueOptions = SimVenueConfig;

/** Per-symbol overrides of the synthetic feed's GBM parameters. */
export type SimSymbolOverride = SyntheticSymbolOverride;

/**
 * The defaults of the graph schema: synthetic, 500 bars, seed 42,
 * 2024-01-02T14:30Z, GBM 0.05/0.25 from 100, speed max, no slippage, IB fixed
 * commissions, full fills.
 */
export const DEFAULT_SIM_VENUE_OPTIONS: SimVenueOptions = Object.freeze(defaultVenueConfig("sim"));

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
