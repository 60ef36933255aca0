/**
 * Domain errors that callers are expected to catch. The CLI turns a
 * {@link UserError} into its message and exit code, never a stack trace;
 * anything else is a programmer error and keeps its stack.
 *
 * @module
 */
import { formatProblem, type GraphProblem, sortProblems } from "./config/problems.ts";

/**
 * A mistake in what the user gave us (flags, files, environment). Its message
 * is meant for the user as is; `exitCode` is the process exit code the CLI
 * uses: 1 for invalid input, 2 for usage errors.
 */
export class UserError extends Error {
  /** Process exit code for this error. */
  readonly exitCode: number;

  /** Creates a user error with `message` and exit code `exitCode` (default 1). */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UserError";
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Wrong command-line usage: unknown flag, missing argument, conflicting options. Exit code 2. */
export class UsageError extends UserError {
  /** Creates a usage error. */
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = "UsageError";
  }
}

/**
 * A strategy graph has at least one error. `problems` holds every problem
 * found in the file (errors and warnings), sorted by position; the message is
 * their formatted lines.
 *
 * @example
 * ```ts
 * try {
 *   await loadGraphFile("graphs/pair.yaml");
 * } catch (error) {
 *   if (!(error instanceof GraphValidationError)) throw error;
 *   for (const problem of error.problems) console.error(formatProblem(problem));
 * }
 * ```
 */
export class GraphValidationError extends UserError {
  /** Every problem of the graph, errors and warnings, in file order. */
  readonly problems: GraphProblem[];

  /** Creates the error from the problems of one graph (at least one must be an error). */
  constructor(problems: readonly GraphProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join("\n"));
    this.name = "GraphValidationError";
    this.problems = sorted;
  }
}

/** An environment variable the program reads (e.g. `IBKR_MAX_POSITION`) has an invalid value. Exit code 1. */
export class InvalidEnvironmentError extends UserError {
  /** The offending variable. */
  readonly variable: string;

  /** Creates the error for `variable` with a message saying what is allowed. */
  constructor(variable: string, message: string) {
    super(message);
    this.name = "InvalidEnvironmentError";
    this.variable = variable;
  }
}
