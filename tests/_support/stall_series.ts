/**
 * Series with gaps for the stall properties: random runs of missing bars,
 * the positions a series keeps, and the stall reports the threshold implies,
 * worked out from positions alone (not from the calendar).
 *
 * @module
 */
import fc from "fast-check";

/** Runs of missing bars, `[start, length]` (start taken modulo the series length), at most 8. */
export function gaps(longest: number): fc.Arbitrary<[number, number][]> {
  return fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: longest })), { maxLength: 8 });
}

/** Positions of the bars a series of `length` keeps: all but the runs of `missing` (never 0). */
export function keptPositions(length: number, missing: readonly [number, number][]): Set<number> {
  const kept = new Set(Array.from({ length }, (_, i) => i));
  for (const [start, run] of missing) {
    for (let i = start % length; i < Math.min(length, (start % length) + run); i++) {
      if (i > 0) kept.delete(i);
    }
  }
  return kept;
}

/**
 * The reports (`"<position> stalled"`, `"<position> recovered"`) of a
 * symbol with bars at `kept` when `limit` positions of silence are allowed:
 * when market time moves to position `i`, before its bars, a symbol last
 * heard at `last` is stalled if `i - last > limit`; its next bar recovers
 * it. Market time visits only the `visited` positions, in order (those at
 * which some symbol has a bar), so a gap every symbol shares is one jump.
 */
export function expectedStallReports(
  visited: Iterable<number>,
  kept: ReadonlySet<number>,
  limit: number,
): string[] {
  const expected: string[] = [];
  let last = 0;
  let stalled = false;
  for (const i of visited) {
    if (!stalled && i - last > limit) {
      expected.push(`${i} stalled`);
      stalled = true;
    }
    if (!kept.has(i)) continue;
    if (stalled) expected.push(`${i} recovered`);
    stalled = false;
    last = i;
  }
  return expected;
}
