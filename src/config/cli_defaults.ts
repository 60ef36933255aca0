/**
 * The single-strategy graph of the legacy CLI path: `--symbol AAPL --fast 10
 * --slow 30 --size 100` becomes a graph with one `sma` node, validated by
 * {@link graphFromObject} like any other graph.
 *
 * @module
 */

/** Flags of the single-SMA CLI path. */
export interface SmaCliOptions {
  /** Symbol to trade. */
  readonly symbol: string;
  /** Fast SMA period. */
  readonly fast: number;
  /** Slow SMA period. */
  readonly slow: number;
  /** Position size in shares; absent means the envelope's max size. */
  readonly size?: number;
  /** `long_only` (default) or `long_short`. */
  readonly mode?: string;
}

/**
 * The plain (snake_case) graph for the single-SMA CLI path. Pass it to
 * `graphFromObject`, which validates it with the same rules as a YAML file.
 *
 * @example
 * ```ts
 * const { config } = await graphFromObject(singleSmaGraph({ symbol: "AAPL", fast: 10, slow: 30, size: 100 }));
 * config.strategies[0]?.id; // "sma_aapl"
 * ```
 */
export function singleSmaGraph(options: SmaCliOptions): Record<string, unknown> {
  const slug = options.symbol.toLowerCase().replace(/[^a-z0-9_-]+/g, "_");
  return {
    name: "default_graph",
    strategies: [{
      id: `sma_${slug}`.slice(0, 64),
      type: "sma",
      symbols: [options.symbol],
      params: {
        fast: options.fast,
        slow: options.slow,
        ...(options.size === undefined ? {} : { size: options.size }),
        ...(options.mode === undefined ? {} : { mode: options.mode }),
      },
    }],
  };
}
