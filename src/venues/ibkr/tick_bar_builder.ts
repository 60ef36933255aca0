/**
 * 5-second bars built from last-trade ticks, for delayed market data: IB
 * serves real-time bars only with a live market data subscription.
 *
 * @module
 */
import { type Bar, barStart } from "../../model/mod.ts";

interface Building {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Buckets one symbol's trades by market time into bars of `barMs` (aligned
 * to epoch multiples, like IB's real-time bars). A bar is emitted when a
 * trade of a later bucket arrives or when {@link flush} is called after its
 * end; periods without trades produce no bar. Volume is the sum of the trade
 * sizes the ticks carried (approximate: IB aggregates stock ticks).
 *
 * @example
 * ```ts
 * const builder = new TickBarBuilder("AAPL", 5000, (bar) => bus.publish("bar", bar));
 * builder.trade(190.1, 100, Date.now());
 * ```
 */
export class TickBarBuilder {
  readonly #symbol: string;
  readonly #barMs: number;
  readonly #emit: (bar: Bar) => void;
  #bar: Building | undefined;
  #lastEmitted = Number.NEGATIVE_INFINITY;

  /** Builds `barMs` bars of `symbol`, handing each completed one to `emit`. */
  constructor(symbol: string, barMs: number, emit: (bar: Bar) => void) {
    this.#symbol = symbol;
    this.#barMs = barMs;
    this.#emit = emit;
  }

  /** Adds a trade at market time `ts`. Trades of an already emitted bucket are ignored. */
  trade(price: number, size: number, ts: number): void {
    const start = barStart(ts, this.#barMs);
    const bar = this.#bar;
    if (start <= this.#lastEmitted || (bar !== undefined && start < bar.ts)) return;
    if (bar !== undefined && start > bar.ts) this.flush(ts);
    const current = this.#bar;
    if (current === undefined) {
      this.#bar = { ts: start, open: price, high: price, low: price, close: price, volume: size };
      return;
    }
    if (price > current.high) current.high = price;
    if (price < current.low) current.low = price;
    current.close = price;
    current.volume += size;
  }

  /** Emits the bar being built if its period ended at or before `now`. */
  flush(now: number): void {
    const bar = this.#bar;
    if (bar === undefined || bar.ts + this.#barMs > now) return;
    this.#bar = undefined;
    this.#lastEmitted = bar.ts;
    this.#emit({ symbol: this.#symbol, ...bar });
  }
}
