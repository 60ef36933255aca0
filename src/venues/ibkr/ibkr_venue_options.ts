/**
 * Run-time options of the IBKR venue that are not part of the graph: time,
 * timers, randomness and timeouts, injectable so tests run fast and
 * deterministic.
 *
 * @module
 */
import type { IBApi, IBApiCreationOptions } from "@stoqey/ib";
import { type Clock, WallClock } from "../../model/mod.ts";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.ts";
import { type HistoricalPacingRules, IB_HISTORICAL_PACING } from "./historical_pacing.ts";
import { type Scheduler, SYSTEM_SCHEDULER } from "./scheduler.ts";

/** Options of an `IbkrVenue`; every field is optional. */
export interface IbkrVenueOptions {
  /** Market time; default the wall clock. */
  readonly clock?: Clock;
  /** Timers and monotonic time for pacing, backoff and timeouts; default the system's. */
  readonly scheduler?: Scheduler;
  /** Jitter source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
  /** Reconnect backoff; default 1 s doubling to 30 s, ±10 % jitter. */
  readonly backoff?: Partial<BackoffOptions>;
  /** Handshake timeout, ms; default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Timeout of ordinary requests (contract details, positions, ...), ms; default 30 000. */
  readonly requestTimeoutMs?: number;
  /** Timeout of one historical data request, ms; default 120 000. */
  readonly historyTimeoutMs?: number;
  /**
   * How long a fill waits for its commission report before it is booked with
   * commission 0 (which cannot be corrected later), ms; default 10 000.
   */
  readonly commissionWaitMs?: number;
  /** Executions are re-requested from this long before an outage began, ms; default 60 000. */
  readonly recoveryMarginMs?: number;
  /** Most historical pages one warmup request fetches; default 10. */
  readonly maxHistoryPages?: number;
  /** Wait after a historical pacing violation, ms; default 15 000. */
  readonly pacingRetryMs?: number;
  /** Historical data pacing limits; default IB's (tests shorten them). */
  readonly historicalPacing?: HistoricalPacingRules;
  /** Builds the IBApi client (tests may wrap it); default `new IBApi(options)`. */
  readonly createClient?: (options: IBApiCreationOptions) => IBApi;
}

/** {@link IbkrVenueOptions} with every default applied (fields as documented there). */
export interface ResolvedIbkrVenueOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly backoff: BackoffOptions;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly historyTimeoutMs: number;
  readonly commissionWaitMs: number;
  readonly recoveryMarginMs: number;
  readonly maxHistoryPages: number;
  readonly pacingRetryMs: number;
  readonly historicalPacing: HistoricalPacingRules;
  readonly createClient?: (options: IBApiCreationOptions) => IBApi;
}

/** Applies the defaults. */
export function resolveIbkrVenueOptions(options: IbkrVenueOptions): ResolvedIbkrVenueOptions {
  return {
    clock: options.clock ?? new WallClock(),
    scheduler: options.scheduler ?? SYSTEM_SCHEDULER,
    random: options.random ?? Math.random,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    historyTimeoutMs: options.historyTimeoutMs ?? 120_000,
    commissionWaitMs: options.commissionWaitMs ?? 10_000,
    recoveryMarginMs: options.recoveryMarginMs ?? 60_000,
    maxHistoryPages: options.maxHistoryPages ?? 10,
    pacingRetryMs: options.pacingRetryMs ?? 15_000,
    historicalPacing: options.historicalPacing ?? IB_HISTORICAL_PACING,
    ...(options.createClient === undefined ? {} : { createClient: options.createClient }),
  };
}
