/**
 * The source text of numeric YAML scalars, kept beside the plain value so that
 * money parses into an exact Decimal (`12345678901234567.89` stays exact even
 * though the JS number is `12345678901234568`) and so that messages show a
 * number as it was written (`1e309`, not the `Infinity` the JS number became).
 *
 * The YAML loader records the text per container (map or list) and key; the
 * numeric schema helpers read it back. Containers are held weakly.
 *
 * @module
 */

const SOURCES = new WeakMap<object, Map<string, string>>();

/** A plain decimal literal: optional sign, digits with optional fraction, optional exponent. */
export const DECIMAL_LITERAL: RegExp = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A YAML number that cannot be used as written: not in decimal notation
 * (`0x10`, `0o17`, `.inf`, `.nan`) or not representable as the JS number it
 * became (`1e309` is `Infinity`). Numeric schemas receive it instead of the
 * number, reject it, and name it by its source text.
 */
export class NumberLiteral {
  /** The scalar exactly as written in the YAML source. */
  readonly text: string;

  /** Wraps the source text of a number. */
  constructor(text: string) {
    this.text = text;
  }

  /** The source text. */
  toString(): string {
    return this.text;
  }
}

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

/** The source text of the number `container[key]` as written in YAML (any notation), or undefined. */
export function numericSourceOf(container: object, key: string | number): string | undefined {
  return SOURCES.get(container)?.get(String(key));
}

/**
 * The source text of `container[key]` when it is a plain decimal literal, else
 * undefined (not from YAML, or written as hex, octal, `.inf`, ...).
 */
export function decimalSourceOf(container: object, key: string | number): string | undefined {
  const text = numericSourceOf(container, key);
  return text !== undefined && DECIMAL_LITERAL.test(text) ? text : undefined;
}

/** Whether any numeric source text was recorded for `container`. */
export function hasNumericSources(container: object): boolean {
  return SOURCES.has(container);
}
