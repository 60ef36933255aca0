/**
 * "Did you mean ...?" suggestions for misspelt keys and names.
 *
 * @module
 */

/**
 * Edit distance between two strings: insertions, deletions, substitutions and
 * transpositions of adjacent characters each cost 1 (optimal string alignment).
 *
 * @example
 * ```ts
 * editDistance("max_postion", "max_position"); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * The candidate closest to `word`, when it is close enough to be a plausible
 * typo: at most a third of the longer name's length in edits (at least 1, at
 * most 3), compared case-insensitively. Ties go to the candidate listed first.
 *
 * @example
 * ```ts
 * suggestClosest("max_postion", ["max_position", "max_notional"]); // "max_position"
 * suggestClosest("banana", ["max_position"]); // undefined
 * ```
 */
export function suggestClosest(
  word: string,
  candidates: Iterable<string>,
): string | undefined {
  const needle = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    const longer = Math.max(needle.length, candidate.length);
    const budget = Math.min(3, Math.max(1, Math.floor(longer / 3)));
    if (distance <= budget && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A message fragment for an unknown name: `did you mean "x"?` when a candidate
 * is close, otherwise the list of what is allowed.
 *
 * @example
 * ```ts
 * didYouMean("max_postion", ["max_position", "max_notional"]);
 * // 'did you mean "max_position"?'
 * ```
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = suggestClosest(word, candidates);
  if (suggestion !== undefined) return `did you mean "${suggestion}"?`;
  if (candidates.length === 0) return "nothing is allowed here";
  return `allowed: ${candidates.join(", ")}`;
}
