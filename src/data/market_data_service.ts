/**
 * The coordinator's market data service: subscription ref-counting, the shared
 * latest-price cache, bar aggregation and data-stall detection.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { Bar, PriceCell, Tick } from "../model/mod.ts";
import type { MarketDataFeed } from "../venue/mod.ts";
import { BarAggregator } from "./bar_aggregator.ts";
import { SubscriptionRegistry } from "./subscription_registry.ts";

/** Options for {@link MarketDataService}. */
export interface MarketDataServiceOptions {
  /** The graph's bar size in ms: strategies receive bars of this length. */
  readonly barSizeMs: number;
  /** Length of the venue's bars in ms (IB real-time bars: 5000); default `barSizeMs`. */
  readonly sourceBarSizeMs?: number;
}

/**
 * Per-symbol state, one object so the hot path does one map lookup per bar;
 * it is also the symbol's {@link PriceCell}.
 */
class SymbolState implements PriceCell {
  last = Number.NaN;
  bid = Number.NaN;
  ask = Number.NaN;
  lastDataTs = Number.NaN;
  stalled = false;
  aggregator: BarAggregator | undefined = undefined;

  /** Latest trade price (last bar close or last trade tick; mid-quote before any trade). */
  get price(): number | undefined {
    if (!Number.isNaN(this.last)) return this.last;
    if (!Number.isNaN(this.bid) && !Number.isNaN(this.ask)) return (this.bid + this.ask) / 2;
    return undefined;
  }
}

/** Result of {@link MarketDataService.checkStalls}: symbols whose stall state changed. */
export interface StallChanges {
  /** Symbols that just went quiet. */
  readonly stalled: string[];
  /** Symbols whose data resumed after a stall. */
  readonly recovered: string[];
}

/**
 * Sits between the venue feed and the coordinator. Listens to the bus topics
 * `bar` and `tick`; keeps the latest price per symbol; turns venue bars into
 * bars of the graph's bar size and hands each completed bar to the bar
 * handler synchronously, in the publisher's stack.
 */
export class MarketDataService {
  #feed: MarketDataFeed;
  #barSizeMs: number;
  #sourceBarSizeMs: number;
  #registry: SubscriptionRegistry;
  #symbols = new Map<string, SymbolState>();
  /** Cells of symbols never subscribed (no data reaches them until they are). */
  #unsubscribedCells = new Map<string, SymbolState>();
  #barHandler: (bar: Bar) => void = () => {};
  #tickHandler: (tick: Tick) => void = () => {};
  #offBar: () => void;
  #offTick: () => void;
  #emitBar: (bar: Bar) => void;

  /** Creates the service over `feed`, listening on `bus`. */
  constructor(feed: MarketDataFeed, bus: TradingBus, options: MarketDataServiceOptions) {
    this.#feed = feed;
    this.#barSizeMs = options.barSizeMs;
    this.#sourceBarSizeMs = options.sourceBarSizeMs ?? options.barSizeMs;
    if (this.#sourceBarSizeMs !== this.#barSizeMs) {
      // Validate once up front so a bad combination fails at start, not on the first bar.
      new BarAggregator(this.#sourceBarSizeMs, this.#barSizeMs);
    }
    this.#registry = new SubscriptionRegistry(feed);
    this.#emitBar = (bar) => this.#barHandler(bar);
    this.#offBar = bus.subscribe("bar", (bar) => this.#onVenueBar(bar));
    this.#offTick = bus.subscribe("tick", (tick) => this.#onVenueTick(tick));
  }

  /** Sets the receiver of completed bars (the coordinator's dispatch). */
  onBar(handler: (bar: Bar) => void): void {
    this.#barHandler = handler;
  }

  /** Sets the receiver of ticks. */
  onTick(handler: (tick: Tick) => void): void {
    this.#tickHandler = handler;
  }

  /** The graph's bar size in ms. */
  get barSizeMs(): number {
    return this.#barSizeMs;
  }

  /**
   * Adds a subscriber to `symbol`: the first one subscribes at the venue.
   * Returns true when this call created the venue subscription.
   */
  async acquire(symbol: string): Promise<boolean> {
    const first = this.#registry.count(symbol) === 0;
    await this.#registry.acquire(symbol);
    if (!this.#symbols.has(symbol)) {
      // A cell handed out before the first subscription becomes the symbol's state.
      const state = this.#unsubscribedCells.get(symbol) ?? new SymbolState();
      this.#unsubscribedCells.delete(symbol);
      if (this.#sourceBarSizeMs !== this.#barSizeMs) {
        state.aggregator = new BarAggregator(this.#sourceBarSizeMs, this.#barSizeMs);
      }
      this.#symbols.set(symbol, state);
    }
    return first;
  }

  /**
   * Removes a subscriber from `symbol`: the last one unsubscribes at the venue.
   * Returns true when this call ended the venue subscription.
   */
  async release(symbol: string): Promise<boolean> {
    const last = await this.#registry.release(symbol);
    if (last) this.#symbols.get(symbol)?.aggregator?.reset();
    return last;
  }

  /** Number of subscribers of `symbol`. */
  subscriberCount(symbol: string): number {
    return this.#registry.count(symbol);
  }

  /** Symbols with at least one subscriber. */
  subscribedSymbols(): string[] {
    return this.#registry.symbols();
  }

  /** Latest trade price of `symbol` (last bar close or last trade tick; mid-quote before any trade). */
  price(symbol: string): number | undefined {
    return this.#symbols.get(symbol)?.price;
  }

  /**
   * The live {@link PriceCell} of `symbol`: its `price` always equals
   * {@link price}`(symbol)`, for any symbol, subscribed or not.
   */
  priceCell(symbol: string): PriceCell {
    const state = this.#symbols.get(symbol);
    if (state !== undefined) return state;
    let cell = this.#unsubscribedCells.get(symbol);
    if (cell === undefined) {
      cell = new SymbolState();
      this.#unsubscribedCells.set(symbol, cell);
    }
    return cell;
  }

  /** Completed bars of the graph's bar size preceding the live stream (see MarketDataFeed.history). */
  history(symbol: string, count: number): Promise<Bar[]> {
    return count > 0 ? this.#feed.history(symbol, count, this.#barSizeMs) : Promise.resolve([]);
  }

  /**
   * Edge-triggered stall detection: a subscribed symbol stalls when no data
   * arrived for more than `thresholdMs` of market time before `now`, and
   * recovers with its next data. Symbols that never received data are judged
   * from the first call on.
   */
  checkStalls(now: number, thresholdMs: number): StallChanges {
    const stalled: string[] = [];
    const recovered: string[] = [];
    for (const [symbol, state] of this.#symbols) {
      if (this.#registry.count(symbol) === 0) continue;
      if (Number.isNaN(state.lastDataTs)) state.lastDataTs = now;
      const quiet = now - state.lastDataTs > thresholdMs;
      if (quiet && !state.stalled) stalled.push(symbol);
      if (!quiet && state.stalled) recovered.push(symbol);
      state.stalled = quiet;
    }
    return { stalled, recovered };
  }

  /** Stops listening to the bus. Subscriptions are released by their owners. */
  detach(): void {
    this.#offBar();
    this.#offTick();
  }

  #onVenueBar(bar: Bar): void {
    const state = this.#symbols.get(bar.symbol);
    if (state === undefined) return;
    state.last = bar.close;
    state.lastDataTs = bar.ts;
    if (state.aggregator === undefined) this.#barHandler(bar);
    else state.aggregator.push(bar, this.#emitBar);
  }

  #onVenueTick(tick: Tick): void {
    const state = this.#symbols.get(tick.symbol);
    if (state === undefined) return;
    if (tick.kind === "last") state.last = tick.price;
    else if (tick.kind === "bid") state.bid = tick.price;
    else state.ask = tick.price;
    state.lastDataTs = tick.ts;
    this.#tickHandler(tick);
  }
}
