/**
 * The capital allocation contract: what a policy is given, what it decides
 * and how the coordinator asks it for envelopes.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/account.ts";
import type { Decimal } from "../model/decimal.ts";
import type { PositionEnvelope } from "../model/envelope.ts";

/**
 * One strategy as a policy sees it. The parsed graph's `StrategyNodeConfig`
 * has this shape and can be passed in directly.
 */
export interface AllocationStrategyInput {
  /** Strategy id. */
  readonly id: string;
  /** Upper-case symbols, without duplicates. */
  readonly symbols: readonly string[];
  /** The node's own cap on its position per symbol, in shares. */
  readonly maxPosition: number;
  /** The node's own cap on its notional, in the account currency. */
  readonly maxNotional: Decimal;
  /** Bars fed before the strategy may trade. */
  readonly warmupBars: number;
}

/**
 * What a policy divides. The parsed `StrategyGraphConfig` has this shape
 * (plus more) and can be passed in directly.
 */
export interface AllocationInput {
  /** Every strategy of the graph. */
  readonly strategies: readonly AllocationStrategyInput[];
  /** The graph-level position sizing: the capital the policy divides. */
  readonly sizing: {
    /** Shares. */
    readonly maxPosition: number;
    /** Account currency. */
    readonly maxNotional: Decimal;
  };
}

/**
 * One allocation decision, a plain JSON-able record the coordinator logs as
 * `strategy.coordinator` telemetry. Decimals are strings.
 */
export interface AllocationDecision {
  /** Strategy id. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** The strategy's weight (6 decimals), e.g. `"0.5"`. */
  readonly weight: string;
  /** The scale applied on top of the weight (1 except for vol_target), e.g. `"0.75"`. */
  readonly scale: string;
  /** The envelope's largest absolute position, in shares. */
  readonly maxSize: number;
  /** The envelope's largest absolute notional, in the account currency. */
  readonly maxNotional: string;
  /** The total capital divided. */
  readonly capital: string;
  /** Where the capital came from: the graph's sizing, or a lower net liquidation. */
  readonly capitalSource: "sizing" | "net_liquidation";
  /** How the numbers were reached, in words. */
  readonly reason: string;
}

/** The policy's capital book: total = allocated + available. */
export interface CapitalSummary {
  /** Capital divided: `sizing.maxNotional`, or the net liquidation when lower. */
  readonly total: Decimal;
  /** Sum of every envelope's `maxNotional`. */
  readonly allocated: Decimal;
  /** `total - allocated` (negative if vol_target scale-ups over-allocate). */
  readonly available: Decimal;
}

/**
 * Derives a PositionEnvelope per strategy and symbol. The coordinator calls
 * `prepare` once at start (and again whenever it wants new account figures
 * to apply), logs the returned decisions, and then asks `envelopeFor` when it
 * clips an order. Policies that depend on prices (`observesCloses`) are fed
 * every completed bar's close through `observe` and re-evaluated with
 * `refresh`.
 */
export interface CapitalAllocationPolicy {
  /** The config `type` the policy implements. */
  readonly type: "equal_weight" | "fixed" | "vol_target";
  /** Whether `observe` does anything; when false the coordinator may skip calling it. */
  readonly observesCloses: boolean;
  /** Computes every envelope; `account.netLiquidation` caps the capital when lower than sizing. */
  prepare(input: AllocationInput, account?: AccountSnapshot): AllocationDecision[];
  /**
   * The envelope of one strategy in one symbol.
   *
   * @throws {RangeError} when the pair was not part of the last `prepare`.
   */
  envelopeFor(strategyId: string, symbol: string): PositionEnvelope;
  /** Total, allocated and available capital after the last prepare or refresh. */
  capital(): CapitalSummary;
  /** Feeds one completed bar's close (O(1)); static policies ignore it. */
  observe(symbol: string, close: number): void;
  /**
   * Recomputes envelopes at market time `ts` and returns decisions only for
   * envelopes that changed (always none for static policies, and none when
   * `ts` is not later than the previous refresh).
   */
  refresh(ts: number): AllocationDecision[];
}
