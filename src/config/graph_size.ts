/**
 * The size limits of a graph: its file is at most MAX_GRAPH_FILE_BYTES,
 * refused before it is parsed; and, checked on the plain data right after parsing
 * and before the schema and the rules: at most MAX_GRAPH_STRATEGIES
 * strategies, MAX_GRAPH_SYMBOLS distinct symbols, MAX_GRAPH_ENTRIES entries
 * in any one list or mapping, MAX_GRAPH_NESTING levels of nesting and
 * MAX_GRAPH_VALUES values, keys included (see src/config/value_ranges.ts). Everything after
 * this check works on bounded data.
 *
 * The walk is iterative (an explicit stack), so neither a deep nor a cyclic
 * plain object can exhaust the call stack.
 *
 * @module
 */
import { asList, asRecord, type RuleFinding } from "./_raw.ts";
import {
  countText,
  entriesProblem,
  GraphBudget,
  strategiesProblem,
  symbolsProblem,
} from "./_graph_budget.ts";
import type { PathSegment } from "./problems.ts";
import { MAX_GRAPH_FILE_BYTES, MAX_GRAPH_STRATEGIES, MAX_GRAPH_SYMBOLS } from "./value_ranges.ts";

function finding(path: PathSegment[], message: string): RuleFinding {
  return { path, target: "value", message, severity: "error" };
}

function checkStrategyCount(graph: Record<string, unknown>): RuleFinding | undefined {
  const count = asList(graph.strategies).length;
  const message = strategiesProblem(count);
  return message === undefined ? undefined : finding(["strategies", MAX_GRAPH_STRATEGIES], message);
}

function checkSymbolCount(graph: Record<string, unknown>): RuleFinding | undefined {
  const distinct = new Set<string>();
  let first: PathSegment[] | undefined;
  const nodes = asList(graph.strategies);
  for (let index = 0; index < nodes.length; index++) {
    const symbols = asList(asRecord(nodes[index])?.symbols);
    for (let position = 0; position < symbols.length; position++) {
      const symbol = symbols[position];
      if (typeof symbol !== "string") continue;
      distinct.add(symbol.toUpperCase());
      if (first === undefined && distinct.size > MAX_GRAPH_SYMBOLS) {
        first = ["strategies", index, "symbols", position];
      }
    }
  }
  const message = symbolsProblem(distinct.size);
  return message === undefined || first === undefined ? undefined : finding(first, message);
}

/** One value waiting to be walked: its parent frame and key give its path. */
interface Frame {
  readonly value: unknown;
  readonly level: number;
  readonly parent?: Frame;
  readonly key?: PathSegment;
  /** The frame is the key of the entry `key`, not its value. */
  readonly isKey?: boolean;
}

function pathOf(frame: Frame): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** The first list or mapping (document order) that breaks the structural budget, and what it breaks. */
function checkStructure(root: unknown): RuleFinding | undefined {
  const budget = new GraphBudget();
  const stack: Frame[] = [{ value: root, level: 1 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    if (typeof value !== "object" || value === null) {
      const message = budget.scalar();
      if (message === undefined) continue;
      return { ...finding(pathOf(frame), message), target: frame.isKey === true ? "key" : "value" };
    }
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const count = keys === undefined ? (value as unknown[]).length : keys.length;
    const message = budget.collection(frame.level) ?? entriesProblem(count);
    if (message !== undefined) return finding(pathOf(frame), message);
    // Pushed last to first, so that entries are walked in document order; a key is a value too.
    for (let i = count - 1; i >= 0; i--) {
      const key = keys === undefined ? i : keys[i] as string;
      const item = (value as Record<PathSegment, unknown>)[key];
      stack.push({ value: item, level: frame.level + 1, parent: frame, key });
      if (keys !== undefined) {
        stack.push({ value: key, level: frame.level + 1, parent: frame, key, isKey: true });
      }
    }
  }
  return undefined;
}

/**
 * The size problems of raw graph data: too many strategies, too many distinct
 * symbols, or (when those are within limits) the first list or mapping with
 * too many entries or nested too deep, or the value that makes the graph too
 * large. Each is located at the first entry over its limit. Empty when the
 * graph is within every limit.
 *
 * @example
 * ```ts
 * const symbols = Array.from({ length: 1_200 }, (_, i) => `S${i}`);
 * checkGraphSize({ strategies: [{ id: "a", type: "sma", symbols }] })[0]?.message;
 * // "symbol 1,001 of 1,200 distinct symbols: a graph names at most 1,000 symbols"
 * ```
 */
export function checkGraphSize(raw: unknown): RuleFinding[] {
  const graph = asRecord(raw);
  const counts = graph === undefined
    ? []
    : [checkStrategyCount(graph), checkSymbolCount(graph)].filter((found) => found !== undefined);
  if (counts.length > 0) return counts;
  const structure = checkStructure(raw);
  return structure === undefined ? [] : [structure];
}

/** UTF-8 length of `text`, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The problem of a graph of `size` bytes (a file size, or YAML text whose
 * UTF-8 length is measured) when it is over MAX_GRAPH_FILE_BYTES, else undefined.
 *
 * @example
 * ```ts
 * graphSizeProblem(2_752_143);
 * // "the graph is 2,752,143 bytes; a graph file may be at most 262,144 bytes (256 KiB)"
 * ```
 */
export function graphSizeProblem(size: number | string): string | undefined {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes: short text needs no count.
  if (typeof size === "string" && size.length * 3 <= MAX_GRAPH_FILE_BYTES) return undefined;
  const bytes = typeof size === "string" ? utf8Length(size) : size;
  if (bytes <= MAX_GRAPH_FILE_BYTES) return undefined;
  return `the graph is ${countText(bytes)} bytes; a graph file may be at most ${
    countText(MAX_GRAPH_FILE_BYTES)
  } bytes (${MAX_GRAPH_FILE_BYTES / 1024} KiB)`;
}
