/**
 * The end of a run: which reason it stopped for, the clean-up, the last
 * lifecycle line and the {@link RunResult}. A run that started ends with
 * `coordinator.lifecycle` `stopped`; one that did not (its start failed, or
 * stop came first) is cleaned up the same way, logged as `stopping` with
 * reason `start_failed`, and ends with `start_failed` and the error, so that
 * its log never claims a stop it did not have.
 *
 * @module
 */
import type { StrategySummaryRow } from "../portfolio/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { SymbolBars } from "./bar_tally.ts";
import type { RunResult, StartFailure } from "./coordinator_options.ts";
import type { StrategyFailure } from "./run_errors.ts";
import { describeError } from "../error_text.ts";
import type { CancelReport } from "./_shutdown.ts";

/** What happened to the run up to its stop, and how to clean it up. */
export interface RunEndOptions {
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Whether start() completed. */
  readonly started: boolean;
  /** Why start() failed, if it did. */
  readonly startError: unknown;
  /** What the venue's run threw, if it did. */
  readonly runError: unknown;
  /** The strategy failure that halted the run, if one did. */
  readonly failure: StrategyFailure | undefined;
  /** The requested stop reason (`end_of_data` unless a stop was requested). */
  readonly requestedReason: string;
  /** Strategies that failed at start and were left out. */
  readonly leftOut: readonly StartFailure[];
  /** Runs every step of the stop (see shutDown) for `reason`. */
  readonly cleanUp: (reason: string) => Promise<CancelReport>;
  /** The run's numbers at the end, read after the clean-up. */
  readonly totals: () => {
    readonly summaries: readonly StrategySummaryRow[];
    readonly started: readonly string[];
    readonly bars: readonly SymbolBars[];
    readonly orders: number;
    readonly riskChecks: number;
  };
}

/** Stops a run that started: `stopping`, the clean-up, `stopped`. */
async function endStarted(options: RunEndOptions): Promise<RunResult> {
  const { failure, runError } = options;
  const reason = failure !== undefined
    ? "strategy_failure"
    : runError !== undefined
    ? "run_failed"
    : options.requestedReason;
  const cancels = await options.cleanUp(reason);
  const totals = options.totals();
  options.telemetry.emit("coordinator.lifecycle", {
    phase: "stopped",
    reason,
    ...(runError === undefined ? {} : { error: describeError(runError) }),
    cancelled_orders: cancels.cancelled,
    finished_while_stopping: cancels.finishedOtherwise,
    orders_left_working: cancels.stillWorking,
    orders: totals.orders,
    risk_checks: totals.riskChecks,
  });
  return {
    reason,
    exitCode: failure === undefined && runError === undefined ? 0 : 1,
    summaries: totals.summaries,
    started: totals.started,
    leftOut: options.leftOut,
    bars: totals.bars,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** Cleans up a run that never started: `stopping` (start_failed), the clean-up, `start_failed`. */
async function endUnstarted(options: RunEndOptions): Promise<RunResult> {
  const error = options.startError === undefined
    ? "stopped before start() was called"
    : describeError(options.startError);
  let cleanupError: string | undefined;
  try {
    await options.cleanUp("start_failed");
  } catch (cleanup) {
    cleanupError = describeError(cleanup);
  }
  options.telemetry.emit("coordinator.lifecycle", {
    phase: "start_failed",
    error,
    ...(cleanupError === undefined ? {} : { cleanup_error: cleanupError }),
  });
  return {
    reason: "start_failed",
    exitCode: 1,
    summaries: [],
    started: [],
    leftOut: [],
    bars: options.totals().bars,
    ...(options.failure === undefined ? {} : { failure: options.failure }),
  };
}

/** Ends the run (see the module documentation) and returns how it ended. */
export function endRun(options: RunEndOptions): Promise<RunResult> {
  return options.started ? endStarted(options) : endUnstarted(options);
}
