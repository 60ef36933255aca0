/**
 * The structural budget of one graph document: how deep its lists and
 * mappings nest, how many entries each holds and how many values it has in
 * all (keys, scalars, lists and mappings, YAML aliases expanded). Reading a document stops at the first value
 * over budget instead of spending time, memory or stack on it. The YAML
 * conversion and the check of plain graphs share it, and so its messages.
 *
 * @module
 */
import {
  MAX_GRAPH_ENTRIES,
  MAX_GRAPH_LINES,
  MAX_GRAPH_NESTING,
  MAX_GRAPH_STRATEGIES,
  MAX_GRAPH_SYMBOLS,
  MAX_GRAPH_VALUES,
} from "./value_ranges.ts";

/** A count as limit messages show it: `25,000`. */
export function countText(count: number): string {
  return count.toLocaleString("en-US");
}

/** The message for a list or mapping nested deeper than a graph allows. */
export const NESTING_MESSAGE =
  `lists and mappings nest more than ${MAX_GRAPH_NESTING} levels deep here; ` +
  `a graph nests at most ${MAX_GRAPH_NESTING} levels`;

/** The message for a graph file with more lines than a graph allows. */
export const LINES_MESSAGE = `the graph has more than ${
  countText(MAX_GRAPH_LINES)
} lines; a graph has at most ${countText(MAX_GRAPH_LINES)}`;

/** The message for a graph with more values than a graph allows. */
export const VALUES_MESSAGE = `the graph has more than ${
  countText(MAX_GRAPH_VALUES)
} values (keys, scalars, lists and mappings, aliases expanded); a graph has at most ${
  countText(MAX_GRAPH_VALUES)
}`;

/** The message for a list or mapping of `entries` entries, when that is more than a graph allows. */
export function entriesProblem(entries: number): string | undefined {
  if (entries <= MAX_GRAPH_ENTRIES) return undefined;
  return `${countText(entries)} entries; a list or mapping holds at most ${
    countText(MAX_GRAPH_ENTRIES)
  }`;
}

/**
 * The message for a `strategies` list of `count` entries, located at the first
 * strategy over the limit, when there are more than a graph allows.
 */
export function strategiesProblem(count: number): string | undefined {
  if (count <= MAX_GRAPH_STRATEGIES) return undefined;
  return `strategy ${countText(MAX_GRAPH_STRATEGIES + 1)} of ${
    countText(count)
  }: a graph has at most ${countText(MAX_GRAPH_STRATEGIES)} strategies`;
}

/**
 * The message for a graph naming `count` distinct symbols, located at the
 * first symbol over the limit, when that is more than a graph allows.
 */
export function symbolsProblem(count: number): string | undefined {
  if (count <= MAX_GRAPH_SYMBOLS) return undefined;
  return `symbol ${countText(MAX_GRAPH_SYMBOLS + 1)} of ${
    countText(count)
  } distinct symbols: a graph names at most ${countText(MAX_GRAPH_SYMBOLS)} symbols`;
}

/**
 * Counts the values of one document and checks the nesting of each list and
 * mapping. Create one per document.
 */
export class GraphBudget {
  #values = 0;

  /** True once the document has more values than a graph allows: stop reading it. */
  get exhausted(): boolean {
    return this.#values > MAX_GRAPH_VALUES;
  }

  /** Counts one scalar or key; the message when it is the first value over budget. */
  scalar(): string | undefined {
    this.#values++;
    return this.#values === MAX_GRAPH_VALUES + 1 ? VALUES_MESSAGE : undefined;
  }

  /**
   * Counts one list or mapping at nesting `level` (the root is level 1); the
   * message when it is over budget or nested too deep (then do not read its
   * entries).
   */
  collection(level: number): string | undefined {
    return this.scalar() ?? (level > MAX_GRAPH_NESTING ? NESTING_MESSAGE : undefined);
  }
}
