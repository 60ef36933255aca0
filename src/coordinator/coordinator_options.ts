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

/** How a run ended. */
export interface RunResult {
  /** `end_of_data`, `signal:SIGINT`, `strategy_failure`, ... */
  readonly reason: string;
  /** 0 for a clean stop, 1 when a strategy failed. */
  readonly exitCode: number;
  /** Per-strategy summary rows at stop. */
  readonly summaries: readonly StrategySummaryRow[];
  /** The strategy failure that halted the run, if one did. */
  readonly failure?: StrategyFailure;
}
