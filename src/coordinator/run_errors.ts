/**
 * Errors that end a run: a start that could not complete, and a strategy
 * that threw.
 *
 * @module
 */
import { describeError } from "../error_text.ts";

/** The run could not start (connection, live guard, strategy construction, subscription). No order was sent. */
export class StartupError extends Error {
  /** Creates the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** A strategy threw from one of its callbacks; the coordinator halted the run. */
export class StrategyFailure extends Error {
  /** The strategy that threw. */
  readonly strategyId: string;
  /** The callback that threw (`onBar`, `onFill`, ...). */
  readonly callback: string;

  /** Creates the failure record. */
  constructor(strategyId: string, callback: string, cause: unknown) {
    super(
      `strategy "${strategyId}" threw in ${callback}: ${describeError(cause)}`,
      { cause },
    );
    this.name = "StrategyFailure";
    this.strategyId = strategyId;
    this.callback = callback;
  }
}
