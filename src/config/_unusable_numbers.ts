/**
 * Numbers anywhere in free-form data (a strategy node's `params`) that no
 * schema may receive: not finite (`1e309` became `Infinity`, `.nan`, `.inf`)
 * or not written in decimal notation (`0x10`, `0o17`). A strategy's own zod
 * schema never sees them: they are reported by path and removed first.
 *
 * @module
 */
import { DECIMAL_LITERAL, NumberLiteral, numericSourceOf } from "./_numeric_source.ts";
import type { PathSegment } from "./problems.ts";

/** What is allowed for a number in free-form data, for messages. */
export const USABLE_NUMBER_TEXT = "a finite number in decimal notation";

/** A number that may not be used, by path, with the input to show (its source text when known). */
export interface UnusableNumber {
  /** Path from the scanned value. */
  readonly path: PathSegment[];
  /** A {@link NumberLiteral} with the YAML source text, or the JS number. */
  readonly input: NumberLiteral | number;
}

/** Deepest nesting scanned; deeper data is left to the schema. */
const MAX_DEPTH = 64;

function unusableEntry(container: object, key: PathSegment, value: number) {
  const text = numericSourceOf(container, key);
  if (Number.isFinite(value) && (text === undefined || DECIMAL_LITERAL.test(text))) {
    return undefined;
  }
  return text === undefined ? value : new NumberLiteral(text);
}

function scan(value: unknown, path: PathSegment[], found: UnusableNumber[]): void {
  if (typeof value !== "object" || value === null || path.length > MAX_DEPTH) return;
  const entries: [PathSegment, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item === "number") {
      const input = unusableEntry(value, key, item);
      if (input !== undefined) found.push({ path: [...path, key], input });
    } else {
      scan(item, [...path, key], found);
    }
  }
}

/**
 * Every unusable number inside `value` (maps and lists, recursively), in
 * document order.
 *
 * @example
 * ```ts
 * const { value } = parseYamlSource("fast: 10\nslow: 1e309\n", "g.yaml");
 * findUnusableNumbers(value); // [{ path: ["slow"], input: NumberLiteral("1e309") }]
 * ```
 */
export function findUnusableNumbers(value: unknown): UnusableNumber[] {
  const found: UnusableNumber[] = [];
  scan(value, [], found);
  return found;
}

/** One key per path; segments keep their type (`0` and `"0"` differ). */
function pathKey(path: readonly PathSegment[], length: number): string {
  return JSON.stringify(path.slice(0, length));
}

/** The removed paths of each list given to {@link isUnderAny}, keyed once per list. */
const REMOVED_KEYS = new WeakMap<readonly UnusableNumber[], Set<string>>();

function removedKeys(removed: readonly UnusableNumber[]): Set<string> {
  let keys = REMOVED_KEYS.get(removed);
  if (keys === undefined) {
    keys = new Set(removed.map((entry) => pathKey(entry.path, entry.path.length)));
    REMOVED_KEYS.set(removed, keys);
  }
  return keys;
}

/**
 * Whether `path` is one of `removed` or lies inside one. Looks up each prefix
 * of `path` in a set built once per `removed` list, so checking every value of
 * a document costs its size times its depth, not its size times `removed`.
 */
export function isUnderAny(
  path: readonly PathSegment[],
  removed: readonly UnusableNumber[],
): boolean {
  if (removed.length === 0) return false;
  const keys = removedKeys(removed);
  for (let length = 0; length <= path.length; length++) {
    if (keys.has(pathKey(path, length))) return true;
  }
  return false;
}

function copyWithout(value: unknown, path: PathSegment[], removed: readonly UnusableNumber[]) {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((item, index): unknown => {
      const at = [...path, index];
      return isUnderAny(at, removed) ? undefined : copyWithout(item, at, removed);
    });
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (isUnderAny(at, removed)) continue;
    Object.defineProperty(copy, key, {
      value: copyWithout(item, at, removed),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * A deep copy of `value` without the `removed` numbers (map entries dropped,
 * list items left empty), for validating the rest.
 */
export function withoutNumbers(value: unknown, removed: readonly UnusableNumber[]): unknown {
  return removed.length === 0 ? value : copyWithout(value, [], removed);
}
