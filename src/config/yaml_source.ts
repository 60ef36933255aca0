/**
 * YAML loading that keeps source positions: the plain data for validation,
 * YAML syntax and duplicate-key problems with line:col, and a lookup from a
 * path in the data back to where it is written.
 *
 * @module
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type YAMLError,
  type YAMLMap,
} from "yaml";
import { rememberNumericSource } from "./_numeric_source.ts";
import {
  countText,
  GraphBudget,
  LINES_MESSAGE,
  NESTING_MESSAGE,
  VALUES_MESSAGE,
} from "./_graph_budget.ts";
import { type PrescanFinding, prescanYaml } from "./_yaml_prescan.ts";
import { formatPath, type GraphProblem, type PathSegment } from "./problems.ts";
import { MAX_GRAPH_LINES, MAX_GRAPH_NESTING, MAX_GRAPH_VALUES } from "./value_ranges.ts";

/** A 1-based line and column. */
export interface SourcePosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** Which part of a `key: value` entry a position should point at. */
export type PositionTarget = "key" | "value";

/** Most alias expansions accepted in one document (guards against alias bombs). */
const MAX_ALIAS_EXPANSIONS = 10_000;

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || typeof key !== "object") return String(key);
  return undefined;
}

function prescanMessage(finding: PrescanFinding): string {
  if ("syntax" in finding) return finding.syntax;
  if (finding.limit === "lines") return LINES_MESSAGE;
  return finding.limit === "nesting" ? NESTING_MESSAGE : VALUES_MESSAGE;
}

/** The position of `offset` in `text`, counted directly (for text the parser never saw). */
function positionInText(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * A parsed YAML graph document. Build one with {@link parseYamlSource}.
 *
 * Reading is bounded: text of more than MAX_GRAPH_LINES lines, whose lists
 * and mappings nest deeper than MAX_GRAPH_NESTING, that has more than
 * MAX_GRAPH_VALUES values or tokens the parser reports an error for each time
 * is refused before parsing (see prescanYaml), and the conversion to plain data stops at
 * the first list or mapping nested too deep, at the value that takes the
 * document over MAX_GRAPH_VALUES (aliases expanded) and after
 * MAX_ALIAS_EXPANSIONS aliases (each a fatal, located problem). Aliases
 * resolve through the anchors recorded on the way (on values and on keys), and
 * duplicate keys and path lookups use per-mapping indexes, so no step is
 * quadratic in the size of the document.
 */
export class YamlSource {
  /** The file label used in problems. */
  readonly file: string;
  /** The document as plain data (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown;
  /** YAML-level problems: syntax errors, duplicate keys, unsupported keys, size limits. */
  readonly problems: readonly GraphProblem[];
  /** True when the YAML could not be parsed reliably or is over a limit; `value` must not be validated further. */
  readonly fatal: boolean;
  #doc: Document.Parsed;
  #lines: LineCounter;
  #aliasExpansions = 0;
  #problems: GraphProblem[] = [];
  #budget = new GraphBudget();
  /** A limit stopped the conversion. */
  #cut = false;
  /** Anchor name -> the node (a value or a key) it last named, in document order. */
  #anchors = new Map<string, unknown>();
  #aliasTargets = new Map<Alias, unknown>();
  /** Above 0 while an alias's target is converted again: its anchors are already recorded. */
  #expanding = 0;
  /** Path of the value being converted (for messages). */
  #path: PathSegment[] = [];
  #checkedMaps = new WeakSet<YAMLMap>();
  #pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

  /** Parses `text`; problems are reported under the label `file`. */
  constructor(text: string, file: string) {
    this.file = file;
    this.#lines = new LineCounter();
    const over = prescanYaml(text, {
      maxLines: MAX_GRAPH_LINES,
      maxNesting: MAX_GRAPH_NESTING,
      maxValues: MAX_GRAPH_VALUES,
    });
    this.#doc = parseDocument(over === undefined ? text : "", {
      lineCounter: this.#lines,
      prettyErrors: false,
      // Duplicate keys are found while converting, with one index per mapping: the parser's
      // own check compares every key with every other.
      uniqueKeys: false,
      keepSourceTokens: false,
    });
    if (over !== undefined) {
      const at = positionInText(text, over.offset);
      this.#problems.push({
        file,
        ...at,
        path: "",
        message: prescanMessage(over),
        severity: "error",
      });
    }
    for (const error of this.#doc.errors) this.#problems.push(this.#yamlProblem(error, "error"));
    for (const warning of this.#doc.warnings) {
      this.#problems.push(this.#yamlProblem(warning, "warning"));
    }
    const unreadable = over !== undefined || this.#doc.errors.length > 0;
    const value = unreadable ? undefined : this.#toPlain(this.#doc.contents, new Set(), 1);
    this.fatal = unreadable || this.#cut;
    this.value = this.fatal ? undefined : value;
    this.problems = this.#problems;
  }

  /** The 1-based line and column of a character offset in the text. */
  positionAt(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(offset);
    return { line, col };
  }

  /**
   * Where the node at `path` is written. For `target: "key"` the position of
   * the entry's key; for a missing entry, the position of the map that should
   * hold it; for an empty value, the position of its key.
   */
  positionOf(path: readonly PathSegment[], target: PositionTarget = "value"): SourcePosition {
    let node: unknown = this.#doc.contents;
    let fallback = this.#startOf(node) ?? 0;
    for (let index = 0; index < path.length; index++) {
      const segment = path[index] as PathSegment;
      if (isAlias(node)) node = this.#resolve(node);
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = this.#findPair(node, segment);
        if (pair === undefined) return this.positionAt(this.#startOf(node) ?? fallback);
        const keyStart = this.#startOf(pair.key) ?? fallback;
        if (last && target === "key") return this.positionAt(keyStart);
        fallback = keyStart;
        node = pair.value;
        if (this.#isEmpty(node)) return this.positionAt(keyStart);
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        node = node.items[segment];
        if (this.#isEmpty(node)) return this.positionAt(fallback);
      } else {
        return this.positionAt(this.#startOf(node) ?? fallback);
      }
      fallback = this.#startOf(node) ?? fallback;
    }
    return this.positionAt(this.#startOf(node) ?? fallback);
  }

  /** The last entry of `map` whose key is `segment` (the one that counts), by an index built once. */
  #findPair(map: YAMLMap, segment: PathSegment): Pair | undefined {
    let index = this.#pairIndexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        const key = keyText(pair.key);
        if (key !== undefined) index.set(key, pair as Pair);
      }
      this.#pairIndexes.set(map, index);
    }
    return index.get(String(segment));
  }

  /**
   * The node an alias names: the anchor recorded last before it, in document
   * order; undefined when there is none (an anchor that comes later or not at
   * all, or one inside a key that is a list or a mapping, which is refused and
   * never read).
   */
  #resolve(alias: Alias): unknown {
    if (this.#aliasTargets.has(alias)) return this.#aliasTargets.get(alias);
    const target = this.#anchors.get(alias.source);
    this.#aliasTargets.set(alias, target);
    return target;
  }

  #startOf(node: unknown): number | undefined {
    if (node !== null && typeof node === "object" && "range" in node) {
      const range = (node as Node).range;
      if (range) return range[0];
    }
    return undefined;
  }

  #isEmpty(node: unknown): boolean {
    if (node === null || node === undefined) return true;
    if (!isScalar(node) || node.value !== null) return false;
    const range = node.range;
    return range !== undefined && range !== null && range[0] === range[1];
  }

  #yamlProblem(error: YAMLError, severity: "error" | "warning"): GraphProblem {
    const { line, col } = this.positionAt(error.pos[0]);
    // The composer recursed once per nesting level until the stack ran out.
    const message = error.code === "RESOURCE_EXHAUSTION"
      ? NESTING_MESSAGE
      : error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
    return { file: this.file, line, col, path: "", message, severity };
  }

  #toPlain(node: unknown, active: Set<unknown>, level: number): unknown {
    if (this.#cut) return null;
    if (isAlias(node)) return this.#expand(node, active, level);
    const collection = isSeq(node) || isMap(node);
    const over = collection ? this.#budget.collection(level) : this.#budget.scalar();
    if (over !== undefined) return this.#cutAt(node, over);
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    if (anchor !== undefined && this.#expanding === 0) this.#anchors.set(anchor, node);
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return node.value;
    active.add(node);
    try {
      if (isSeq(node)) return this.#seqToPlain(node.items, active, level);
      if (isMap(node)) return this.#mapToPlain(node, active, level);
    } finally {
      active.delete(node);
    }
    this.#problemAt(node, "unsupported YAML node");
    return null;
  }

  #expand(alias: Alias, active: Set<unknown>, level: number): unknown {
    this.#aliasExpansions++;
    if (this.#aliasExpansions > MAX_ALIAS_EXPANSIONS) {
      return this.#cutAt(
        alias,
        `aliases are expanded more than ${
          countText(MAX_ALIAS_EXPANSIONS)
        } times; a graph expands at most ${countText(MAX_ALIAS_EXPANSIONS)}`,
      );
    }
    const target = this.#resolve(alias);
    if (target === undefined) {
      this.#problemAt(
        alias,
        `alias *${alias.source} has no anchor &${alias.source} before it ` +
          "(anchors inside keys that are lists or mappings do not count)",
      );
      return null;
    }
    if (active.has(target)) {
      this.#problemAt(alias, "alias refers to itself");
      return null;
    }
    this.#expanding++;
    try {
      return this.#toPlain(target, active, level);
    } finally {
      this.#expanding--;
    }
  }

  #seqToPlain(items: readonly unknown[], active: Set<unknown>, level: number): unknown[] {
    const list: unknown[] = [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      this.#path.push(index);
      list.push(this.#toPlain(item, active, level + 1));
      this.#path.pop();
      const text = this.#numericSourceOf(item);
      if (text !== undefined) rememberNumericSource(list, { key: index, text });
    }
    return list;
  }

  #mapToPlain(node: YAMLMap, active: Set<unknown>, level: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    // Duplicate keys are reported once per mapping, not again for every alias of it.
    const firstKeys = this.#checkedMaps.has(node) ? undefined : new Map<string, number>();
    this.#checkedMaps.add(node);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair.key);
      if (key === undefined) {
        this.#problemAt(pair.key, "map keys must be plain scalars (names), not lists or maps");
        continue;
      }
      if (firstKeys !== undefined) this.#checkDuplicate(firstKeys, pair.key, key);
      // A key is a value of the document too (so text and data count alike), and may be anchored.
      const over = this.#budget.scalar();
      if (over !== undefined) return this.#cutMap(pair.key, over, map);
      const keyAnchor = (pair.key as { anchor?: string } | null)?.anchor;
      if (keyAnchor !== undefined && this.#expanding === 0) this.#anchors.set(keyAnchor, pair.key);
      const value = pair.value;
      this.#path.push(key);
      // defineProperty, not assignment: a "__proto__" key must stay a plain key.
      Object.defineProperty(map, key, {
        value: this.#toPlain(value, active, level + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.#path.pop();
      const text = this.#numericSourceOf(value);
      if (text !== undefined) rememberNumericSource(map, { key, text });
    }
    return map;
  }

  /** Reports `key` when the mapping already has it (the later entry wins, as in the data). */
  #checkDuplicate(firstKeys: Map<string, number>, keyNode: unknown, key: string): void {
    const start = this.#startOf(keyNode);
    if (start === undefined) return;
    const first = firstKeys.get(key);
    if (first === undefined) {
      firstKeys.set(key, start);
      return;
    }
    const { line, col } = this.positionAt(start);
    this.#problems.push({
      file: this.file,
      line,
      col,
      path: formatPath([...this.#path, key]),
      message: `duplicate key "${key}" (first defined on line ${
        this.positionAt(first).line
      }); each key may appear once`,
      severity: "error",
    });
  }

  /** The source text of a numeric scalar (through an alias), else undefined. */
  #numericSourceOf(node: unknown): string | undefined {
    const scalar = isAlias(node) ? this.#aliasTargets.get(node) : node;
    if (!isScalar(scalar) || typeof scalar.value !== "number") return undefined;
    return scalar.source;
  }

  /** {@link #cutAt} inside a mapping: returns what was read of it. */
  #cutMap(node: unknown, message: string, map: Record<string, unknown>): Record<string, unknown> {
    this.#cutAt(node, message);
    return map;
  }

  /** Reports a limit at `node` and stops the conversion: the document is not validated further. */
  #cutAt(node: unknown, message: string): null {
    this.#problemAt(node, message);
    this.#cut = true;
    return null;
  }

  #problemAt(node: unknown, message: string): void {
    const { line, col } = this.positionAt(this.#startOf(node) ?? 0);
    const path = formatPath(this.#path);
    this.#problems.push({ file: this.file, line, col, path, message, severity: "error" });
  }
}

/**
 * Parses a YAML graph document. Syntax errors and duplicate keys become
 * located problems; the document is never thrown away silently.
 *
 * @example
 * ```ts
 * const source = parseYamlSource("sizing:\n  max_position: 5\n", "graphs/x.yaml");
 * source.positionOf(["sizing", "max_position"]); // { line: 2, col: 17 }
 * ```
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  return new YamlSource(text, file);
}
