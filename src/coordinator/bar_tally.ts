/**
 * What a run saw of the market data: per symbol, how many bars the venue
 * delivered and the times of the first and the last.
 *
 * @module
 */
import type { Bar } from "../model/mod.ts";

/** The bars a run received for one symbol. */
export interface SymbolBars {
  /** Upper-case symbol. */
  readonly symbol: string;
  /** Bars the venue delivered (replayed or live). */
  readonly count: number;
  /** Start time of the first bar, epoch ms. */
  readonly first: number;
  /** Start time of the last bar, epoch ms. */
  readonly last: number;
}

/**
 * Counts the venue's bars per symbol with their first and last time. Feed it
 * every `bar` event of the run's bus.
 *
 * @example
 * ```ts
 * const tally = new BarTally();
 * bus.subscribe("bar", (bar) => tally.record(bar));
 * // ... after the run:
 * tally.symbols(); // [{ symbol: "AAPL", count: 2000, first: ..., last: ... }]
 * ```
 */
export class BarTally {
  #bySymbol = new Map<string, { count: number; first: number; last: number }>();

  /** Counts one bar. */
  record(bar: Bar): void {
    const seen = this.#bySymbol.get(bar.symbol);
    if (seen === undefined) {
      this.#bySymbol.set(bar.symbol, { count: 1, first: bar.ts, last: bar.ts });
      return;
    }
    seen.count++;
    if (bar.ts < seen.first) seen.first = bar.ts;
    if (bar.ts > seen.last) seen.last = bar.ts;
  }

  /** Every symbol that had a bar, in alphabetical order. */
  symbols(): SymbolBars[] {
    return [...this.#bySymbol]
      .map(([symbol, seen]) => ({ symbol, ...seen }))
      .sort((a, b) => a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  }
}
