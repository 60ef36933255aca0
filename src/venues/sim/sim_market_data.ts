/**
 * The simulated venue's market data feed: subscriptions select which symbols
 * the replay publishes.
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
import type { MarketDataFeed } from "../../venue/mod.ts";
import type { BarMerger } from "./bar_merge.ts";
import type { BarSource } from "./bar_source.ts";

/**
 * A {@link MarketDataFeed} over a {@link BarSource}. `subscribe` adds the
 * symbol to the replay (its bars are merged in from the current replay time
 * on), `unsubscribe` removes it (its bars stop at once, even mid-replay).
 *
 * `history(symbol, count, barSizeMs)`: the synthetic source returns `count`
 * deterministic bars that end right before the first replay bar (the last one
 * closes at the symbol's start price); CSV and in-memory sources have no
 * earlier data and return `[]`, so warmup then happens on the replayed stream.
 *
 * `sourceBarSizeMs` is the spacing of the replayed bars when it differs from
 * the graph's bar size (CSV minute bars replayed for a 5m graph): the
 * coordinator then aggregates them.
 *
 * Until the venue is connected (and so has a source), every call rejects.
 */
export class SimMarketData implements MarketDataFeed {
  /** Length of the replayed bars in ms, when the coordinator must aggregate them. */
  readonly sourceBarSizeMs?: number;
  readonly #merger: BarMerger;
  #source: BarSource | undefined;

  /** Creates a feed that adds and removes symbols of `merger`, publishing bars of `sourceBarSizeMs`. */
  constructor(merger: BarMerger, options: { readonly sourceBarSizeMs?: number } = {}) {
    this.#merger = merger;
    if (options.sourceBarSizeMs !== undefined) this.sourceBarSizeMs = options.sourceBarSizeMs;
  }

  /** Sets the source the venue connected to. */
  attach(source: BarSource): void {
    this.#source = source;
  }

  /**
   * Adds `symbol` to the replay; subscribing twice is harmless. Rejects with a
   * message naming the symbol when the source has no data for it.
   */
  subscribe(symbol: string): Promise<void> {
    const source = this.#source;
    if (source === undefined) return Promise.reject(notConnected());
    try {
      this.#merger.add(symbol, () => source.open(symbol));
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  /** Removes `symbol` from the replay; unsubscribing an unsubscribed symbol does nothing. */
  unsubscribe(symbol: string): Promise<void> {
    if (this.#source === undefined) return Promise.reject(notConnected());
    this.#merger.remove(symbol);
    return Promise.resolve();
  }

  /** Bars before the replay, oldest first; see the class docs per source. */
  history(symbol: string, count: number, barSizeMs: number): Promise<Bar[]> {
    const source = this.#source;
    if (source === undefined) return Promise.reject(notConnected());
    try {
      return Promise.resolve(source.history(symbol, count, barSizeMs));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Whether `symbol` is subscribed. */
  isStreaming(symbol: string): boolean {
    return this.#merger.isActive(symbol);
  }

  /** Close of the last bar published for `symbol`, if any. */
  lastPrice(symbol: string): number | undefined {
    return this.#merger.lastBar(symbol)?.close;
  }
}

function notConnected(): Error {
  return new Error("sim venue is not connected: call connect(bus) first");
}
