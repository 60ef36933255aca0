/**
 * Generated graph YAML of a chosen size, for the tests of the graph size
 * limits: a number of sma strategies over a pool of distinct symbols,
 * optionally padded with comment lines to a byte size.
 *
 * @module
 */

/** What to generate. */
export interface LargeGraphOptions {
  /** Number of strategies. */
  readonly strategies: number;
  /** Distinct symbols, dealt round-robin over the strategies. */
  readonly symbols: number;
  /** Pad with comment lines to exactly this many bytes (ASCII); absent: no padding. */
  readonly bytes?: number;
}

/** Symbol `i` of the generated pool: `S0`, `S1`, ... in base 36. */
export function poolSymbol(i: number): string {
  return `S${i.toString(36).toUpperCase()}`;
}

/**
 * YAML of a graph with `strategies` sma strategies that together trade
 * `symbols` distinct symbols (each strategy at least one); line 5 is
 * `strategies:` and strategy `i` starts on line `6 + 2 * i`.
 */
export function largeGraphYaml(options: LargeGraphOptions): string {
  const lists: string[][] = Array.from({ length: options.strategies }, () => []);
  const count = Math.max(options.symbols, options.strategies);
  for (let i = 0; i < count; i++) {
    lists[i % options.strategies]!.push(poolSymbol(i % options.symbols));
  }
  const lines = ["name: large", "venue:", "  type: sim", "  feed: synthetic", "strategies:"];
  lists.forEach((symbols, i) => {
    lines.push(`  - { id: s${i}, type: sma, params: { fast: 5, slow: 20 },`);
    lines.push(`      symbols: [${symbols.join(", ")}] }`);
  });
  const text = lines.join("\n") + "\n";
  if (options.bytes === undefined) return text;
  const missing = options.bytes - text.length;
  if (missing < 2) throw new Error(`the graph is already ${text.length} bytes`);
  const comment = "#".repeat(79) + "\n";
  const padding = comment.repeat(Math.floor(missing / comment.length));
  const rest = missing - padding.length;
  return text + padding + (rest === 0 ? "" : "#".repeat(rest - 1) + "\n");
}
