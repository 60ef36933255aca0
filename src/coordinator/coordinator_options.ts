/**
 * The options a coordinator is built with and the result a run returns.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { StrategyGraphConfig } from "../config/mod.ts";
import type { StrategySummaryRow } from "../portfolio/mod.ts";
import type { LiveTradingGuard, RiskCheck } from "../risk/mod.ts";
import type { StrategyDefinition } from "../strategy/mod.ts";
import type { Venue } from "../venue/mod.ts";
import type { SymbolBars } from "./bar_tally.ts";
import type { StrategyFailure } from "./run_errors.ts";

/** Options of a `StrategyCoordinator`. */
export interface StrategyCoordinatorOptions {
  /** The validated graph. */
  readonly graph: StrategyGraphConfig;
  /** Strategy definitions by type, as loaded with the graph. */
  readonly definitions: ReadonlyMap<string, StrategyDefinition>;
  /** The venue (not yet connected). */
  readonly venue: Venue;
  /** Guards real-money trading at start and before every order. */
  readonly liveGuard: LiveTradingGuard;
  /** The bus; a new one when absent (pass one to attach telemetry writers first). */
  readonly bus?: TradingBus;
  /** Extra RiskGuard checks (sector / asset-class caps). */
  readonly riskChecks?: readonly RiskCheck[];
  /** Wall-clock cadence for realtime venues, ms; default 1000. */
  readonly realtimeCadenceMs?: number;
  /** How long a stop waits for the venue to confirm cancellations, wall ms; default 5000. */
  readonly cancelTimeoutMs?: number;
}

/** A strategy that failed at start (load, create, subscribe), with why. */
export interface StartFailure {
  /** Strategy id. */
  readonly id: string;
  /** The step that failed: `load`, `create` or `subscribe`. */
  readonly stage: string;
  /** The error, one line. */
  readonly error: string;
}

/** How a run ended. */
export interface RunResult {
  /** `end_of_data`, `signal:SIGINT`, `strategy_failure`, `run_failed`, `start_failed`, ... */
  readonly reason: string;
  /** 0 for a clean stop, 1 when a strategy failed, the venue failed or the run did not start. */
  readonly exitCode: number;
  /** Per-strategy summary rows at stop (strategies that started). */
  readonly summaries: readonly StrategySummaryRow[];
  /** Ids of the strategies that started, graph order; empty when the run did not start. */
  readonly started: readonly string[];
  /** Strategies that failed at start and were left out (`allow_partial_start`), graph order. */
  readonly leftOut: readonly StartFailure[];
  /**
   * The bars the strategies got, per symbol, alphabetical (with the venue bars
   * they were aggregated from, when those were shorter).
   */
  readonly bars: readonly SymbolBars[];
  /** The strategy failure that halted the run, if one did. */
  readonly failure?: StrategyFailure;
}
