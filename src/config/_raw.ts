/**
 * Defensive readers for raw (not yet validated) graph data, and the finding
 * type of the cross-field rules. Rules run on raw data so that every problem of
 * a file is reported at once, even when other fields are invalid; a value of
 * the wrong type is skipped here because the schema already reports it.
 *
 * @module
 */
import type { PathSegment, ProblemSeverity } from "./problems.ts";
import type { PositionTarget } from "./yaml_source.ts";

/** A problem found by a cross-field rule, located by its path in the YAML. */
export interface RuleFinding {
  /** Path in YAML terms. */
  readonly path: PathSegment[];
  /** Point at the entry's key or its value. */
  readonly target: PositionTarget;
  /** Readable message. */
  readonly message: string;
  /** Error or warning. */
  readonly severity: ProblemSeverity;
}

/** `value` as a plain mapping, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** `value` as a list, or an empty list. */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The raw strategy nodes with their index, skipping entries that are not mappings. */
export function rawStrategyNodes(
  graph: Record<string, unknown>,
): { readonly index: number; readonly node: Record<string, unknown> }[] {
  const nodes: { index: number; node: Record<string, unknown> }[] = [];
  asList(graph.strategies).forEach((value, index) => {
    const node = asRecord(value);
    if (node !== undefined) nodes.push({ index, node });
  });
  return nodes;
}

/** Upper-case symbols of a raw node (strings only), in order, duplicates kept. */
export function rawSymbolsOf(node: Record<string, unknown>): string[] {
  return asList(node.symbols)
    .filter((symbol): symbol is string => typeof symbol === "string")
    .map((symbol) => symbol.toUpperCase());
}
