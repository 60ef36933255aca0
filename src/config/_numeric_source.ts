/**
 * The source text of numeric YAML scalars, kept beside the plain value so that
 * money parses into an exact Decimal (`12345678901234567.89` stays exact even
 * though the JS number is `12345678901234568`).
 *
 * The YAML loader records the text per container (map or list) and key; the
 * Decimal schema helpers read it back. Containers are held weakly.
 *
 * @module
 */

const SOURCES = new WeakMap<object, Map<string, string>>();

/** A plain decimal literal: optional sign, digits with optional fraction, optional exponent. */
export const DECIMAL_LITERAL: RegExp = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Records that `container[entry.key]` was written as `entry.text` in the source document. */
export function rememberNumericSource(
  container: object,
  entry: { readonly key: string | number; readonly text: string },
): void {
  let sources = SOURCES.get(container);
  if (sources === undefined) {
    sources = new Map();
    SOURCES.set(container, sources);
  }
  sources.set(String(entry.key), entry.text);
}

/**
 * The source text of `container[key]` when it is a plain decimal literal, else
 * undefined (not from YAML, or written as hex, octal, `.inf`, ...).
 */
export function decimalSourceOf(container: object, key: string | number): string | undefined {
  const text = SOURCES.get(container)?.get(String(key));
  return text !== undefined && DECIMAL_LITERAL.test(text) ? text : undefined;
}

/** Whether any numeric source text was recorded for `container`. */
export function hasNumericSources(container: object): boolean {
  return SOURCES.has(container);
}
