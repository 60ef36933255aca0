/**
 * Located problems found while loading a strategy graph, and their one-line
 * text form `graphs/x.yaml:LINE:COL: path.to.field: message`.
 *
 * @module
 */

/** `error` makes a graph invalid; `warning` is reported but the graph still loads. */
export type ProblemSeverity = "error" | "warning";

/** One segment of a path into the graph document: a map key or a list index. */
export type PathSegment = string | number;

/** One problem in one graph file. */
export interface GraphProblem {
  /** The graph file as the user named it (e.g. `graphs/sma_pair.yaml`). */
  readonly file: string;
  /** 1-based line; absent when the graph did not come from a file (CLI flags). */
  readonly line?: number;
  /** 1-based column; absent together with `line`. */
  readonly col?: number;
  /** Dotted path of the field in YAML (snake_case) terms, e.g. `strategies[0].params.fast`; `""` for the whole document. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** Whether the problem makes the graph invalid. */
  readonly severity: ProblemSeverity;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Renders path segments the way they are written in messages.
 *
 * @example
 * ```ts
 * formatPath(["strategies", 0, "params", "fast"]); // "strategies[0].params.fast"
 * formatPath(["venue", "symbols", "BRK B"]); // 'venue.symbols["BRK B"]'
 * ```
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * One line (the message may continue on further lines) for a problem:
 * `file:LINE:COL: [warning: ]path: message`.
 *
 * @example
 * ```ts
 * formatProblem({
 *   file: "graphs/x.yaml", line: 4, col: 3, path: "sizing.max_postion",
 *   message: 'unknown key, did you mean "max_position"?', severity: "error",
 * });
 * // 'graphs/x.yaml:4:3: sizing.max_postion: unknown key, did you mean "max_position"?'
 * ```
 */
export function formatProblem(problem: GraphProblem): string {
  const location = problem.line === undefined
    ? problem.file
    : `${problem.file}:${problem.line}:${problem.col ?? 1}`;
  const severity = problem.severity === "warning" ? "warning: " : "";
  const path = problem.path === "" ? "" : `${problem.path}: `;
  return `${location}: ${severity}${path}${problem.message}`;
}

/** Orders problems by position (unlocated last), keeping the original order for ties. */
export function sortProblems(problems: readonly GraphProblem[]): GraphProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) =>
      (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) ||
      (a.problem.col ?? 0) - (b.problem.col ?? 0) ||
      a.index - b.index
    )
    .map(({ problem }) => problem);
}

/** Drops exact repeats (same position, path, message and severity). */
export function uniqueProblems(problems: readonly GraphProblem[]): GraphProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${formatProblem(problem)}\u0000${problem.severity}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when at least one problem is an error. */
export function hasErrors(problems: readonly GraphProblem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}
