/**
 * The parsed strategy graph: what the coordinator codes against. YAML keys are
 * snake_case; these shapes are camelCase, money and weights are Decimal, share
 * counts are integer numbers. Every default is filled in.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import type { SafetyLimits } from "./safety_limits.ts";

/** Commission model of the simulated broker (IB fixed pricing by default). */
export interface CommissionConfig {
  /** Charge per share. */
  readonly perShare: Decimal;
  /** Minimum charge per order. */
  readonly minimum: Decimal;
  /** Cap as a fraction of the trade value (0.01 = 1%). */
  readonly maxPctOfValue: Decimal;
}

/** Per-symbol overrides of the synthetic feed. */
export interface SyntheticSymbolOverride {
  /** Annual drift (GBM mu). */
  readonly drift?: number;
  /** Annual volatility (GBM sigma), > 0. */
  readonly volatility?: number;
  /** First price, > 0. */
  readonly startPrice?: number;
}

/** The simulated venue: synthetic or CSV bars, simulated fills. */
export interface SimVenueConfig {
  /** Discriminator. */
  readonly type: "sim";
  /** Where bars come from. */
  readonly feed: "synthetic" | "csv";
  /** Synthetic: bars per symbol. */
  readonly bars: number;
  /** Synthetic: random seed. */
  readonly seed: number;
  /** Synthetic: time of the first bar, epoch ms. */
  readonly start: number;
  /** Synthetic: annual drift (GBM mu). */
  readonly drift: number;
  /** Synthetic: annual volatility (GBM sigma), > 0. */
  readonly volatility: number;
  /** Synthetic: first price, > 0. */
  readonly startPrice: number;
  /** Synthetic: per-symbol overrides, keyed by upper-case symbol. */
  readonly symbolOverrides: Record<string, SyntheticSymbolOverride>;
  /** CSV feed: upper-case symbol -> file path, resolved against the graph file's folder. */
  readonly csv: Record<string, string>;
  /** `"max"` replays as fast as possible; a number is a real-time multiplier. */
  readonly speed: "max" | number;
  /** Slippage in basis points of the price, >= 0. */
  readonly slippageBps: Decimal;
  /** Commission model. */
  readonly commission: CommissionConfig;
  /** Share of the remaining quantity filled per bar, in (0, 1]. */
  readonly partialFillRatio: Decimal;
}

/** Interactive Brokers TWS / IB Gateway. */
export interface IbkrVenueConfig {
  /** Discriminator. */
  readonly type: "ibkr";
  /** TWS / Gateway host. */
  readonly host: string;
  /** TWS / Gateway API port (7497 = TWS paper). */
  readonly port: number;
  /** API client id. */
  readonly clientId: number;
  /** Account id; required when the login manages several accounts. */
  readonly account?: string;
  /** Market data type requested from TWS. */
  readonly marketDataType: "live" | "frozen" | "delayed" | "delayed_frozen";
  /** Request pacing limit. */
  readonly maxRequestsPerSecond: number;
}

/** The venue a graph runs against. */
export type VenueConfig = SimVenueConfig | IbkrVenueConfig;

/** Graph-level position sizing: the capital the policy divides. */
export interface SizingConfig {
  /** Shares. */
  readonly maxPosition: number;
  /** Currency. */
  readonly maxNotional: Decimal;
}

/** RiskGuard settings, with defaults filled in. */
export interface RiskConfig {
  /** Largest order, shares; defaults to the effective `limits.maxPosition`. */
  readonly maxOrderSize: number;
  /** Largest order value; defaults to the effective `limits.maxNotional`. */
  readonly maxOrderNotional: Decimal;
  /** Gross notional per symbol summed over strategies. */
  readonly maxSymbolExposure?: Decimal;
  /** Gross notional over all symbols. */
  readonly maxGrossExposure?: Decimal;
  /** Loss since session start (realized + unrealized) that switches trading to REDUCING. */
  readonly dailyLossLimit?: Decimal;
  /** Order rate limit (market time). */
  readonly maxOrdersPerMinute: number;
}

/** One strategy node of the graph. */
export interface StrategyNodeConfig {
  /** Unique slug-safe id. */
  readonly id: string;
  /** Strategy type = file name in `strategies/`. */
  readonly type: string;
  /** Upper-case, deduplicated symbols, in graph order. */
  readonly symbols: string[];
  /** Parameters as parsed (defaults applied) by the strategy module's schema. */
  readonly params: Record<string, unknown>;
  /** Largest absolute position per symbol, shares. */
  readonly maxPosition: number;
  /** Largest absolute position value per symbol. */
  readonly maxNotional: Decimal;
  /** Bars per symbol before intents count. */
  readonly warmupBars: number;
}

/** How capital is divided between strategies. */
export type CapitalPolicyConfig =
  | { readonly type: "equal_weight" }
  | { readonly type: "fixed"; readonly weights: Record<string, Decimal> }
  | {
    readonly type: "vol_target";
    readonly targetVol: Decimal;
    readonly lookbackBars: number;
    readonly maxScale: Decimal;
  };

/**
 * Where a graph's bar size came from: written in the graph, inferred from its
 * CSV data, or the default `1m`.
 */
export type BarSizeSource = "graph" | "data" | "default";

/** Runtime settings of the coordinator. */
export interface GraphRuntimeSettings {
  /** Start even when some strategies fail to start. */
  readonly allowPartialStart: boolean;
  /** A strategy silent for longer than this (market time) is reported unhealthy. */
  readonly heartbeatTimeoutSeconds: number;
  /** Cadence of `strategy.metrics` telemetry. */
  readonly telemetryIntervalSeconds: number;
  /** Bar size, e.g. `1m` (see BAR_SIZE_PATTERN). */
  readonly barSize: string;
  /** Where `barSize` came from. */
  readonly barSizeSource: BarSizeSource;
  /** How long intents held during a venue outage stay valid. */
  readonly intentExpirySeconds: number;
}

/** A validated strategy graph with every default filled in. */
export interface StrategyGraphConfig {
  /** Graph name (slug). */
  readonly name: string;
  /** Venue to run against. */
  readonly venue: VenueConfig;
  /** Graph-level sizing. */
  readonly sizing: SizingConfig;
  /** The effective hard limits: the tighter of code/env defaults and the graph's `limits`. */
  readonly limits: SafetyLimits;
  /** RiskGuard settings. */
  readonly risk: RiskConfig;
  /** Strategy nodes in graph order. */
  readonly strategies: StrategyNodeConfig[];
  /** Capital policy. */
  readonly capitalPolicy: CapitalPolicyConfig;
  /** Runtime settings. */
  readonly settings: GraphRuntimeSettings;
  /** Every symbol of every strategy, upper-case, deduplicated, first-seen order. */
  readonly symbols: string[];
}
