/**
 * Bar sizes such as `5s`, `1m`, `1h`, `1d` and their length in milliseconds.
 *
 * @module
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Pattern a bar size must match: a positive integer followed by `s`, `m`, `h` or `d`. */
export const BAR_SIZE_PATTERN: RegExp = /^([1-9][0-9]*)([smhd])$/;

/**
 * Parses a bar size such as `"5s"`, `"1m"`, `"15m"`, `"1h"` or `"1d"` into milliseconds.
 *
 * @throws {RangeError} when the text is not a bar size.
 * @example
 * ```ts
 * barSizeMs("5m"); // 300000
 * ```
 */
export function barSizeMs(size: string): number {
  const match = BAR_SIZE_PATTERN.exec(size);
  if (!match) {
    throw new RangeError(
      `bar size "${size}" is not valid: use a number followed by s, m, h or d (e.g. 5s, 1m, 1d)`,
    );
  }
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Start of the bar of length `sizeMs` that contains `ts` (epoch ms, UTC-aligned). */
export function barStart(ts: number, sizeMs: number): number {
  return ts - (((ts % sizeMs) + sizeMs) % sizeMs);
}
