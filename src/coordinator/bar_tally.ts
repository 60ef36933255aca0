/**
 * What a run's strategies saw of the market data: per symbol, how many bars
 * they got and the times of the first and the last, and, when the venue's
 * bars were aggregated into the graph's bar size, how many venue bars those
 * were made of.
 *
 * @module
 */
import type { Bar } from "../model/mod.ts";

/** The venue's bars that a symbol's bars were aggregated from. */
export interface SourceBars {
  /** Venue bars received (replayed or live). */
  readonly count: number;
  /** Their length in ms (shorter than the graph's bar size). */
  readonly barSizeMs: number;
}

/** The bars a run's strategies got for one symbol. */
export interface SymbolBars {
  /** Upper-case symbol. */
  readonly symbol: string;
  /** Bars of the graph's bar size handed to the strategies (history for warmup not included). */
  readonly count: number;
  /** Start time of the first of them, epoch ms; absent when there were none. */
  readonly first?: number;
  /** Start time of the last of them, epoch ms; absent when there were none. */
  readonly last?: number;
  /** The venue's bars they were built from, when the venue's bars were shorter. */
  readonly source?: SourceBars;
}

interface Seen {
  count: number;
  first: number;
  last: number;
  sourceCount: number;
}

/** Options of {@link BarTally}. */
export interface BarTallyOptions {
  /** Length of the venue's bars in ms, when they are aggregated into longer bars. */
  readonly sourceBarSizeMs?: number;
}

/**
 * Counts, per symbol, the bars the strategies got (with their first and last
 * time) and, when the venue's bars are aggregated, the venue's bars. Feed it
 * each bar handed to the strategies and each `bar` event of the run's bus.
 *
 * @example
 * ```ts
 * const tally = new BarTally({ sourceBarSizeMs: 60_000 });
 * bus.subscribe("bar", (bar) => tally.recordSource(bar));
 * data.onBar((bar) => tally.record(bar));
 * // ... after a 5m run over 1m bars:
 * tally.symbols(); // [{ symbol: "AAPL", count: 390, first, last, source: { count: 1950, barSizeMs: 60000 } }]
 * ```
 */
export class BarTally {
  #bySymbol = new Map<string, Seen>();
  #sourceBarSizeMs: number | undefined;

  /** A tally of a run whose venue bars are `options.sourceBarSizeMs` long when aggregated. */
  constructor(options: BarTallyOptions = {}) {
    this.#sourceBarSizeMs = options.sourceBarSizeMs;
  }

  /** Counts one bar handed to the strategies. */
  record(bar: Bar): void {
    const seen = this.#seen(bar.symbol);
    seen.count++;
    if (bar.ts < seen.first) seen.first = bar.ts;
    if (bar.ts > seen.last) seen.last = bar.ts;
  }

  /** Counts one bar of the venue (only when the venue's bars are aggregated). */
  recordSource(bar: Bar): void {
    if (this.#sourceBarSizeMs !== undefined) this.#seen(bar.symbol).sourceCount++;
  }

  /** Every symbol that had a bar, in alphabetical order. */
  symbols(): SymbolBars[] {
    const sourceMs = this.#sourceBarSizeMs;
    return [...this.#bySymbol]
      .map(([symbol, seen]): SymbolBars => ({
        symbol,
        count: seen.count,
        ...(seen.count === 0 ? {} : { first: seen.first, last: seen.last }),
        ...(sourceMs === undefined
          ? {}
          : { source: { count: seen.sourceCount, barSizeMs: sourceMs } }),
      }))
      .sort((a, b) => a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  }

  #seen(symbol: string): Seen {
    let seen = this.#bySymbol.get(symbol);
    if (seen === undefined) {
      seen = {
        count: 0,
        first: Number.POSITIVE_INFINITY,
        last: Number.NEGATIVE_INFINITY,
        sourceCount: 0,
      };
      this.#bySymbol.set(symbol, seen);
    }
    return seen;
  }
}
