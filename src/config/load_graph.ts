/**
 * Loading a strategy graph: YAML text (or a plain object) in, a validated
 * {@link StrategyGraphConfig} out, or every problem of the file at once.
 *
 * @module
 */
import { dirname } from "node:path";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { GraphValidationError } from "../errors.ts";
import type { RuleFinding } from "./_raw.ts";
import type { StrategyGraphConfig } from "./config_types.ts";
import { checkCsvFiles } from "./csv_paths.ts";
import { checkGraphRules } from "./graph_rules.ts";
import { graphSchema } from "./graph_schema.ts";
import { checkGraphSize, graphSizeProblem } from "./graph_size.ts";
import {
  formatPath,
  type GraphProblem,
  hasErrors,
  type PathSegment,
  sortProblems,
  uniqueProblems,
} from "./problems.ts";
import { resolveGraph } from "./resolve_graph.ts";
import { type EnvReader, type HardLimits, hardLimitsFromEnv } from "./safety_limits.ts";
import { checkStrategyParams } from "./strategy_params.ts";
import { StrategyRegistry } from "./strategy_registry.ts";
import { MAX_GRAPH_FILE_BYTES } from "./value_ranges.ts";
import { parseYamlSource, type PositionTarget, type SourcePosition } from "./yaml_source.ts";
import { parseWithIssues } from "./zod_problems.ts";
import { describeError } from "../error_text.ts";

/** Options shared by every way of loading a graph. */
export interface GraphLoadOptions {
  /** Folder(s) of strategy modules, searched in order (default: the project's `strategies/`). */
  readonly strategiesDir?: string | readonly string[];
  /** Environment reader for `IBKR_MAX_POSITION` / `IBKR_MAX_NOTIONAL` (default: `Deno.env.get`). */
  readonly env?: (name: string) => string | undefined;
  /** Hard limits already read from the environment; wins over `env`. */
  readonly hardLimits?: HardLimits;
  /** Strategy registry to share between several loads (imports each module once); wins over `strategiesDir`. */
  readonly registry?: StrategyRegistry;
  /** Folder that relative CSV paths start from (default: the graph file's folder, or `.`). */
  readonly baseDir?: string;
  /**
   * False when the command line replaces the graph's data or venue (`run --data`,
   * `run --venue ibkr`): the files of `venue.csv` are then not read. Default true.
   */
  readonly readDataFiles?: boolean;
  /**
   * True for `validate`: also warn about each CSV file of which only the first
   * MiB was checked (a run reads every file in full right after). Default false.
   */
  readonly partialCsvWarnings?: boolean;
}

/** A validated graph. */
export interface LoadedGraph {
  /** The file label (path as given). */
  readonly file: string;
  /** The graph with every default filled in. */
  readonly config: StrategyGraphConfig;
  /** The strategy definitions the graph uses, by type. */
  readonly definitions: ReadonlyMap<string, StrategyDefinition>;
  /** Non-fatal problems. */
  readonly warnings: GraphProblem[];
}

/** Outcome of checking one graph without throwing. */
export interface GraphCheck {
  /** The file label. */
  readonly file: string;
  /** Every problem, errors and warnings, in file order. */
  readonly problems: GraphProblem[];
  /** The loaded graph when there is no error. */
  readonly loaded?: LoadedGraph;
}

type Locate = (path: readonly PathSegment[], target: PositionTarget) => SourcePosition;

/** A parsed graph document: its plain value, positions and the problems found while parsing. */
export interface PlainSource {
  /** The file label of messages. */
  readonly file: string;
  /** The document as plain data. */
  readonly value: unknown;
  /** Source position of a path, when the document came from text. */
  readonly locate?: Locate;
  /** Problems found while parsing (warnings; errors stop before a PlainSource exists). */
  readonly problems: readonly GraphProblem[];
}

function toProblem(
  source: PlainSource,
  finding: Omit<RuleFinding, "severity"> & {
    readonly severity?: RuleFinding["severity"];
  },
): GraphProblem {
  const position = source.locate?.(finding.path, finding.target);
  return {
    file: source.file,
    ...(position === undefined ? {} : { line: position.line, col: position.col }),
    path: formatPath(finding.path),
    message: finding.message,
    severity: finding.severity ?? "error",
  };
}

async function checkPlain(source: PlainSource, options: GraphLoadOptions): Promise<GraphCheck> {
  const hardLimits = options.hardLimits ?? hardLimitsFromEnv(options.env as EnvReader | undefined);
  const registry = options.registry ?? new StrategyRegistry(options.strategiesDir);
  const problems: GraphProblem[] = [...source.problems];
  if (source.value === null || source.value === undefined) {
    problems.push(toProblem(source, {
      path: [],
      target: "value",
      message: "the graph is empty: expected a mapping with at least a `strategies:` list",
    }));
    return { file: source.file, problems: sortProblems(problems) };
  }
  // Sizes first: the schema and the rules only ever see a graph within the limits.
  const size = checkGraphSize(source.value);
  if (size.length > 0) {
    for (const finding of size) problems.push(toProblem(source, finding));
    return { file: source.file, problems: sortProblems(problems) };
  }
  const parsed = parseWithIssues(graphSchema, source.value);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      problems.push(toProblem(source, issue));
    }
  }
  for (const finding of checkGraphRules(source.value, hardLimits)) {
    problems.push(toProblem(source, finding));
  }
  const strategies = await checkStrategyParams(source.value, registry);
  for (const finding of strategies.findings) problems.push(toProblem(source, finding));
  const baseDir = options.baseDir ?? ".";
  const dataFindings = options.readDataFiles === false
    ? []
    : await checkCsvFiles(source.value, baseDir, {
      partialCheckWarnings: options.partialCsvWarnings === true,
    });
  for (const finding of dataFindings) problems.push(toProblem(source, finding));
  const sorted = sortProblems(uniqueProblems(problems));
  if (!parsed.success || hasErrors(sorted)) return { file: source.file, problems: sorted };
  const config = resolveGraph(parsed.data, {
    hardLimits,
    params: strategies.params,
    baseDir,
  });
  const definitions = new Map(
    config.strategies.flatMap((node) => {
      const definition = strategies.definitions.get(node.type);
      return definition === undefined ? [] : [[node.type, definition] as const];
    }),
  );
  return {
    file: source.file,
    problems: sorted,
    loaded: { file: source.file, config, definitions, warnings: sorted },
  };
}

function loadedOrThrow(check: GraphCheck): LoadedGraph {
  if (check.loaded === undefined) throw new GraphValidationError(check.problems);
  return check.loaded;
}

function fileProblem(file: string, message: string): GraphCheck {
  return { file, problems: [{ file, path: "", message, severity: "error" }] };
}

/** Graph text as far as its shape: the parsed document, or why it goes no further. */
export interface GraphShape {
  /** Problems found so far (YAML warnings, or the errors that stop here). */
  readonly problems: readonly GraphProblem[];
  /** The parsed document with positions, when the text is YAML within every size limit. */
  readonly source?: PlainSource;
}

/**
 * The checks of graph text that need no strategy module: its size in bytes,
 * YAML syntax and the document limits (strategies, symbols, entries, nesting,
 * values). Shared by the job and the launcher, which refuses such a graph
 * before starting any job.
 */
export function checkGraphShape(text: string, fileLabel: string): GraphShape {
  const tooLarge = graphSizeProblem(text);
  if (tooLarge !== undefined) return fileProblem(fileLabel, tooLarge);
  const yaml = parseYamlSource(text, fileLabel);
  if (yaml.fatal) return { problems: sortProblems(yaml.problems) };
  const source: PlainSource = {
    file: fileLabel,
    value: yaml.value,
    locate: (path, target) => yaml.positionOf(path, target),
    problems: yaml.problems,
  };
  const size = yaml.value === null || yaml.value === undefined ? [] : checkGraphSize(yaml.value);
  if (size.length === 0) return { problems: yaml.problems, source };
  return {
    problems: sortProblems([...yaml.problems, ...size.map((f) => toProblem(source, f))]),
  };
}

/**
 * Checks YAML text without throwing: every problem of the document, and the
 * loaded graph when there is no error. Text over MAX_GRAPH_FILE_BYTES (UTF-8)
 * is one problem and is not parsed.
 */
export async function checkGraphText(
  text: string,
  fileLabel: string,
  options: GraphLoadOptions = {},
): Promise<GraphCheck> {
  const shape = checkGraphShape(text, fileLabel);
  if (shape.source === undefined) return { file: fileLabel, problems: [...shape.problems] };
  return await checkPlain(shape.source, {
    ...options,
    baseDir: options.baseDir ?? dirname(fileLabel),
  });
}

/**
 * Checks a graph file without throwing. A file that cannot be read is one
 * problem (`file not found`); so is a file over MAX_GRAPH_FILE_BYTES, refused
 * by its size before it is read.
 */
export async function checkGraphFile(
  path: string,
  options: GraphLoadOptions = {},
): Promise<GraphCheck> {
  let text: string;
  try {
    const info = await Deno.stat(path);
    if (info.isFile && info.size > MAX_GRAPH_FILE_BYTES) {
      return fileProblem(path, graphSizeProblem(info.size) as string);
    }
    text = await Deno.readTextFile(path);
  } catch (error) {
    const message = error instanceof Deno.errors.NotFound
      ? "file not found"
      : error instanceof Deno.errors.IsADirectory
      ? "is a directory, not a graph file"
      : `cannot read file: ${describeError(error)}`;
    return fileProblem(path, message);
  }
  return await checkGraphText(text, path, options);
}

/**
 * Loads and validates a graph file.
 *
 * @throws {GraphValidationError} with every problem of the file when any is an error.
 * @throws {InvalidEnvironmentError} when `IBKR_MAX_POSITION` / `IBKR_MAX_NOTIONAL` are invalid.
 * @example
 * ```ts
 * const { config, warnings } = await loadGraphFile("graphs/sma_pair.yaml");
 * console.log(config.strategies.map((node) => node.id), warnings.length);
 * ```
 */
export async function loadGraphFile(
  path: string,
  options: GraphLoadOptions = {},
): Promise<LoadedGraph> {
  return loadedOrThrow(await checkGraphFile(path, options));
}

/**
 * Loads and validates YAML text; `fileLabel` names it in problems and its
 * folder is the base of relative CSV paths (unless `options.baseDir` is set).
 *
 * @throws {GraphValidationError} when the graph has an error.
 */
export async function parseGraphText(
  text: string,
  fileLabel: string,
  options: GraphLoadOptions = {},
): Promise<LoadedGraph> {
  return loadedOrThrow(await checkGraphText(text, fileLabel, options));
}

/**
 * Validates a graph given as a plain JS object with the same rules as YAML
 * (snake_case keys); problems carry no line:col. Used for the graph built
 * from CLI flags.
 *
 * @throws {GraphValidationError} when the graph has an error.
 * @example
 * ```ts
 * const { config } = await graphFromObject({
 *   strategies: [{ id: "sma_aapl", type: "sma", symbols: ["AAPL"], params: { fast: 10, slow: 30 } }],
 * });
 * ```
 */
export async function graphFromObject(
  plain: unknown,
  options: GraphLoadOptions & { readonly label?: string } = {},
): Promise<LoadedGraph> {
  const file = options.label ?? "<command line>";
  return loadedOrThrow(await checkPlain({ file, value: plain, problems: [] }, options));
}
