/**
 * YAML loading that keeps source positions: the plain data for validation,
 * YAML syntax and duplicate-key problems with line:col, and a lookup from a
 * path in the data back to where it is written.
 *
 * @module
 */
import {
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
} from "yaml";
import { rememberNumericSource } from "./_numeric_source.ts";
import { formatPath, type GraphProblem, type PathSegment } from "./problems.ts";

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

/** A parsed YAML graph document. Build one with {@link parseYamlSource}. */
export class YamlSource {
  /** The file label used in problems. */
  readonly file: string;
  /** The document as plain data (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown;
  /** YAML-level problems: syntax errors, duplicate keys, unsupported keys. */
  readonly problems: readonly GraphProblem[];
  /** True when the YAML could not be parsed reliably; `value` must not be validated further. */
  readonly fatal: boolean;
  #doc: Document.Parsed;
  #lines: LineCounter;
  #aliasExpansions = 0;
  #problems: GraphProblem[] = [];

  /** Parses `text`; problems are reported under the label `file`. */
  constructor(text: string, file: string) {
    this.file = file;
    this.#lines = new LineCounter();
    this.#doc = parseDocument(text, {
      lineCounter: this.#lines,
      prettyErrors: false,
      uniqueKeys: true,
      keepSourceTokens: false,
    });
    const errors = this.#doc.errors;
    this.fatal = errors.some((error) => error.code !== "DUPLICATE_KEY");
    for (const error of errors) this.#problems.push(this.#yamlProblem(error, "error"));
    for (const warning of this.#doc.warnings) {
      this.#problems.push(this.#yamlProblem(warning, "warning"));
    }
    this.value = this.fatal ? undefined : this.#toPlain(this.#doc.contents, new Set());
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
      if (isAlias(node)) node = node.resolve(this.#doc);
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = this.#findPair(node.items, segment);
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

  #findPair(items: readonly Pair<unknown, unknown>[], segment: PathSegment): Pair | undefined {
    const wanted = String(segment);
    for (let i = items.length - 1; i >= 0; i--) {
      const pair = items[i];
      if (pair !== undefined && keyText(pair.key) === wanted) return pair as Pair;
    }
    return undefined;
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
    const offset = error.pos[0];
    const { line, col } = this.positionAt(offset);
    const duplicate = error.code === "DUPLICATE_KEY" ? this.#duplicateKeyAt(offset) : undefined;
    if (duplicate !== undefined) {
      return { file: this.file, line, col, severity, ...duplicate };
    }
    const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
    return { file: this.file, line, col, path: "", message, severity };
  }

  /** Finds the repeated key starting at `offset`: its path and where it first appeared. */
  #duplicateKeyAt(offset: number): { path: string; message: string } | undefined {
    const search = (
      node: unknown,
      path: PathSegment[],
    ): { path: string; message: string } | undefined => {
      if (isMap(node)) {
        const seen = new Map<string, number>();
        for (const pair of node.items) {
          const key = keyText(pair.key);
          const start = this.#startOf(pair.key);
          if (key !== undefined && start !== undefined) {
            const first = seen.get(key);
            if (start === offset && first !== undefined) {
              const line = this.positionAt(first).line;
              return {
                path: formatPath([...path, key]),
                message:
                  `duplicate key "${key}" (first defined on line ${line}); each key may appear once`,
              };
            }
            if (first === undefined) seen.set(key, start);
          }
          const found = search(pair.value, key === undefined ? path : [...path, key]);
          if (found !== undefined) return found;
        }
      } else if (isSeq(node)) {
        for (let i = 0; i < node.items.length; i++) {
          const found = search(node.items[i], [...path, i]);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    return search(this.#doc.contents, []);
  }

  #toPlain(node: unknown, active: Set<unknown>): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      this.#aliasExpansions++;
      const target = node.resolve(this.#doc);
      if (this.#aliasExpansions > MAX_ALIAS_EXPANSIONS || active.has(target)) {
        this.#problemAt(node, "alias expands too often or refers to itself");
        return null;
      }
      return this.#toPlain(target, active);
    }
    if (isScalar(node)) return node.value;
    active.add(node);
    try {
      if (isSeq(node)) return this.#seqToPlain(node.items, active);
      if (isMap(node)) return this.#mapToPlain(node.items, active);
    } finally {
      active.delete(node);
    }
    this.#problemAt(node, "unsupported YAML node");
    return null;
  }

  #seqToPlain(items: readonly unknown[], active: Set<unknown>): unknown[] {
    const list: unknown[] = [];
    items.forEach((item, index) => {
      list.push(this.#toPlain(item, active));
      const text = this.#numericSourceOf(item);
      if (text !== undefined) rememberNumericSource(list, { key: index, text });
    });
    return list;
  }

  #mapToPlain(items: readonly unknown[], active: Set<unknown>): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair.key);
      if (key === undefined) {
        this.#problemAt(pair.key, "map keys must be plain scalars (names), not lists or maps");
        continue;
      }
      const value = pair.value;
      // defineProperty, not assignment: a "__proto__" key must stay a plain key.
      Object.defineProperty(map, key, {
        value: this.#toPlain(value, active),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const text = this.#numericSourceOf(value);
      if (text !== undefined) rememberNumericSource(map, { key, text });
    }
    return map;
  }

  /** The source text of a numeric scalar (through an alias), else undefined. */
  #numericSourceOf(node: unknown): string | undefined {
    const scalar = isAlias(node) ? node.resolve(this.#doc) : node;
    if (!isScalar(scalar) || typeof scalar.value !== "number") return undefined;
    return scalar.source;
  }

  #problemAt(node: unknown, message: string): void {
    const { line, col } = this.positionAt(this.#startOf(node) ?? 0);
    this.#problems.push({ file: this.file, line, col, path: "", message, severity: "error" });
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
