/**
 * The coordinator's market data service: subscription ref-counting, the shared
 * latest-price cache, bar aggregation, buffering of bars that arrive before
 * the bar handler is set, and data-stall detection.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { TradingCalendar } from "../calendar/mod.ts";
import type { Bar, PriceCell, Tick } from "../model/mod.ts";
import type { MarketDataFeed } from "../venue/mod.ts";
import { BarAggregator } from "./bar_aggregator.ts";
import { BarBacklog } from "./_bar_backlog.ts";
import type { StallRule } from "./stall_rule.ts";
import { SubscriptionRegistry } from "./subscription_registry.ts";
import { SymbolState } from "./_symbol_state.ts";

/**
 * Most completed bars buffered per symbol while no bar handler is set
 * (see {@link MarketDataService.onBar}); beyond it the oldest is dropped and
 * counted in {@link BarDeliveryStats.droppedOverflow}. 10,000 bars are a week
 * of 1-minute bars, or 14 hours of 5-second bars.
 */
export const DEFAULT_BAR_BUFFER_CAPACITY = 10_000;

/** Options for {@link MarketDataService}. */
export interface MarketDataServiceOptions {
  /** The graph's bar size in ms: strategies receive bars of this length. */
  readonly barSizeMs: number;
  /** Length of the venue's bars in ms (IB real-time bars: 5000); default `barSizeMs`. */
  readonly sourceBarSizeMs?: number;
  /**
   * The venue's market calendar: aggregated bars never span a session's open
   * or close, and a day's bar is one session (see {@link BarAggregator}).
   * Default: continuous time.
   */
  readonly calendar?: TradingCalendar;
  /**
   * Most bars buffered per symbol before the bar handler is set (a positive
   * integer); default {@link DEFAULT_BAR_BUFFER_CAPACITY}.
   */
  readonly barBufferCapacity?: number;
}

/**
 * What became of one symbol's completed bars that did not go straight to the
 * bar handler (see {@link MarketDataService.barDelivery}). Counters only grow.
 */
export interface BarDeliveryStats {
  /** Bars waiting for the bar handler now (none once {@link MarketDataService.onBar} ran). */
  readonly buffered: number;
  /** Buffered bars delivered when the bar handler was set. */
  readonly flushed: number;
  /**
   * Bars dropped because their `ts` was not after the last bar handed out for
   * the symbol (a history bar or an earlier delivered bar): overlap of the
   * live stream with warmup history, a repeated or late venue bar.
   */
  readonly droppedDuplicates: number;
  /** Oldest buffered bars dropped because the buffer was full. */
  readonly droppedOverflow: number;
}

/**
 * Sits between the venue feed and the coordinator. Listens to the bus topics
 * `bar` and `tick`; keeps the latest price per symbol; turns venue bars into
 * bars of the graph's bar size and hands each completed bar to the bar
 * handler synchronously, in the publisher's stack.
 *
 * No bar is lost between the venue subscription and the coordinator's run:
 * completed bars that arrive before {@link MarketDataService.onBar} sets the
 * handler are buffered per symbol (at most {@link DEFAULT_BAR_BUFFER_CAPACITY},
 * oldest dropped first) and delivered by `onBar` itself, in arrival order
 * across symbols, before any later bar. No bar is handed out twice either:
 * per symbol, a bar whose `ts` is not after the last one handed out (by
 * {@link MarketDataService.history} or to the handler) is dropped. Aggregated
 * bars carry their period start as `ts`, so a bar built from 5-second bars of
 * the period of the last history bar is dropped as well. Drops are counted in
 * {@link MarketDataService.barDelivery}.
 *
 * Ticks are not buffered: before {@link MarketDataService.onTick} sets the
 * tick handler they update the price cache and the data time (as bars do)
 * and nothing else.
 *
 * @example
 * ```ts
 * const data = new MarketDataService(venue.marketData, bus, {
 *   barSizeMs: 60_000,
 *   sourceBarSizeMs: 5_000,
 * });
 * await data.acquire("AAPL");                    // live bars from here on are kept
 * const warmup = await data.history("AAPL", 50); // the live stream continues after its last bar
 * data.onBar((bar) => dispatch(bar));            // delivers the kept bars, then streams
 * ```
 */
export class MarketDataService {
  #feed: MarketDataFeed;
  #barSizeMs: number;
  #sourceBarSizeMs: number;
  #calendar: TradingCalendar | undefined;
  #registry: SubscriptionRegistry;
  #symbols = new Map<string, SymbolState>();
  /** Cells of symbols never subscribed (no data reaches them until they are). */
  #unsubscribedCells = new Map<string, SymbolState>();
  #barHandler: ((bar: Bar) => void) | undefined = undefined;
  #tickHandler: (tick: Tick) => void = () => {};
  #stallRecovered: (symbol: string) => void = () => {};
  #offBar: () => void;
  #offTick: () => void;
  #barBufferCapacity: number;
  /** Bars buffered so far, across symbols: the arrival number of the next one. */
  #arrivals = 0;

  /** Creates the service over `feed`, listening on `bus`. */
  constructor(feed: MarketDataFeed, bus: TradingBus, options: MarketDataServiceOptions) {
    this.#feed = feed;
    this.#barSizeMs = options.barSizeMs;
    this.#sourceBarSizeMs = options.sourceBarSizeMs ?? options.barSizeMs;
    this.#calendar = options.calendar;
    // Validate once up front so a bad combination fails at start, not on the first bar.
    this.#newAggregator();
    this.#barBufferCapacity = options.barBufferCapacity ?? DEFAULT_BAR_BUFFER_CAPACITY;
    new BarBacklog(this.#barBufferCapacity); // validates the capacity up front
    this.#registry = new SubscriptionRegistry(feed);
    this.#offBar = bus.subscribe("bar", (bar) => this.#onVenueBar(bar));
    this.#offTick = bus.subscribe("tick", (tick) => this.#onVenueTick(tick));
  }

  /**
   * Sets the receiver of completed bars (the coordinator's dispatch) and,
   * before returning, synchronously hands it every bar buffered since the
   * symbols were acquired, in arrival order across symbols, dropping (and
   * counting) those whose `ts` is not after the last bar handed out for their
   * symbol, e.g. bars that overlap the warmup history. Bars that arrive while
   * it delivers (published from inside the handler) queue behind the buffered
   * ones. Returns the number of buffered bars delivered.
   *
   * If the handler throws, `onBar` rethrows and leaves no handler set: the
   * bars not delivered yet stay buffered and the next `onBar` delivers them.
   */
  onBar(handler: (bar: Bar) => void): number {
    this.#barHandler = undefined; // buffer arrivals until the backlog is drained
    let delivered = 0;
    for (;;) {
      let next: SymbolState | undefined;
      let first = Number.POSITIVE_INFINITY;
      for (const state of this.#symbols.values()) {
        const arrival = state.backlog?.headArrival ?? Number.POSITIVE_INFINITY;
        if (arrival < first) {
          first = arrival;
          next = state;
        }
      }
      if (next === undefined) break;
      const bar = next.backlog?.shift() as Bar;
      if (!(bar.ts > next.lastHandedTs)) {
        next.droppedDuplicates++;
        continue;
      }
      next.lastHandedTs = bar.ts;
      next.flushed++;
      delivered++;
      handler(bar);
    }
    for (const state of this.#symbols.values()) state.backlog = undefined;
    this.#barHandler = handler;
    return delivered;
  }

  /**
   * Sets the receiver of ticks. Ticks are not buffered: those that arrived
   * before only updated the price cache.
   */
  onTick(handler: (tick: Tick) => void): void {
    this.#tickHandler = handler;
  }

  /** The graph's bar size in ms. */
  get barSizeMs(): number {
    return this.#barSizeMs;
  }

  /**
   * Adds a subscriber to `symbol`: the first one subscribes at the venue.
   * Returns true when this call created the venue subscription. Bars the venue
   * publishes while its subscribe call is still pending are kept already.
   */
  async acquire(symbol: string): Promise<boolean> {
    const first = this.#registry.count(symbol) === 0;
    const state = this.#streamState(symbol);
    try {
      await this.#registry.acquire(symbol);
    } catch (error) {
      if (this.#registry.count(symbol) === 0) this.#discardPartialData(state);
      throw error;
    }
    return first;
  }

  /**
   * Removes a subscriber from `symbol`: the last one unsubscribes at the venue
   * and discards the symbol's partially built bar and any bars still buffered.
   * Returns true when this call ended the venue subscription.
   */
  async release(symbol: string): Promise<boolean> {
    const last = await this.#registry.release(symbol);
    const state = this.#symbols.get(symbol);
    if (last && state !== undefined) this.#discardPartialData(state);
    return last;
  }

  /**
   * What became of the completed bars of `symbol` that did not go straight
   * to the bar handler: buffered, flushed, dropped as duplicates or on
   * overflow (all zero for a symbol never acquired).
   */
  barDelivery(symbol: string): BarDeliveryStats {
    const state = this.#symbols.get(symbol);
    return {
      buffered: state?.backlog?.size ?? 0,
      flushed: state?.flushed ?? 0,
      droppedDuplicates: state?.droppedDuplicates ?? 0,
      droppedOverflow: state?.droppedOverflow ?? 0,
    };
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
    return this.#symbols.get(symbol) ?? this.#unsubscribedCell(symbol);
  }

  /**
   * Completed bars of the graph's bar size preceding the live stream (see
   * MarketDataFeed.history), as the feed returns them. They count as handed
   * out: afterwards, live and buffered bars of `symbol` at or before the
   * latest of them are dropped as duplicates.
   */
  async history(symbol: string, count: number): Promise<Bar[]> {
    if (count <= 0) return [];
    const bars = await this.#feed.history(symbol, count, this.#barSizeMs);
    const state = this.#symbols.get(symbol) ?? this.#unsubscribedCell(symbol);
    for (const bar of bars) if (bar.ts > state.lastHandedTs) state.lastHandedTs = bar.ts;
    return bars;
  }

  /**
   * Edge-triggered stall detection at market time `now`: returns the
   * subscribed symbols that `rule` finds silent for too long since their last
   * data (bar or tick), in trading time (see {@link StallRule}), and that
   * were not stalled already. A stalled symbol recovers with its next data,
   * reported to {@link onStallRecovered} before that data is handed on.
   * Symbols that never received data are judged from the first call on.
   *
   * A replay calls it each time market time moves to a new instant, before
   * that instant's bars arrive, so every symbol is judged on the data it had
   * when time moved, whatever order the bars of one instant come in. Cheap
   * for symbols heard from recently (no calendar look-up, see
   * {@link StallRule.isStalled}).
   */
  checkStalls(now: number, rule: StallRule): string[] {
    const stalled: string[] = [];
    for (const state of this.#symbols.values()) {
      if (state.stalled) continue;
      if (Number.isNaN(state.lastDataTs)) {
        if (this.#registry.count(state.symbol) > 0) state.lastDataTs = now;
        continue;
      }
      if (!rule.isStalled(state.lastDataTs, now)) continue;
      if (this.#registry.count(state.symbol) === 0) continue;
      state.stalled = true;
      stalled.push(state.symbol);
    }
    return stalled;
  }

  /**
   * Sets the receiver of stall recoveries: called with the symbol when data
   * reaches a symbol that {@link checkStalls} reported stalled, before the
   * data's bar or tick is handed on.
   */
  onStallRecovered(handler: (symbol: string) => void): void {
    this.#stallRecovered = handler;
  }

  /**
   * The venue's data has ended: hands out each symbol's bar still being
   * aggregated (its period had not ended), as a completed bar. Nothing when
   * the venue's bars are the graph's size.
   */
  flushBars(): void {
    for (const state of this.#symbols.values()) state.aggregator?.flush(state.accept);
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
    if (state.stalled) this.#recover(state);
    if (state.aggregator === undefined) this.#accept(state, bar);
    else state.aggregator.push(bar, state.accept);
  }

  /** One completed bar of `state`: dropped, buffered or handed to the bar handler. */
  #accept(state: SymbolState, bar: Bar): void {
    if (!(bar.ts > state.lastHandedTs)) {
      state.droppedDuplicates++;
      return;
    }
    const handler = this.#barHandler;
    if (handler === undefined) {
      state.backlog ??= new BarBacklog(this.#barBufferCapacity);
      if (state.backlog.push(bar, this.#arrivals++)) state.droppedOverflow++;
      return;
    }
    state.lastHandedTs = bar.ts;
    handler(bar);
  }

  /** The state of a symbol about to be subscribed (its cell, if one was handed out before). */
  #streamState(symbol: string): SymbolState {
    let state = this.#symbols.get(symbol);
    if (state !== undefined) return state;
    state = this.#unsubscribedCell(symbol);
    this.#unsubscribedCells.delete(symbol);
    state.aggregator = this.#newAggregator();
    const streaming = state;
    state.accept = (bar) => this.#accept(streaming, bar);
    this.#symbols.set(symbol, state);
    return state;
  }

  /** An aggregator of the venue's bars into the graph's, when their sizes differ. */
  #newAggregator(): BarAggregator | undefined {
    if (this.#sourceBarSizeMs === this.#barSizeMs) return undefined;
    return new BarAggregator(this.#sourceBarSizeMs, this.#barSizeMs, { calendar: this.#calendar });
  }

  #unsubscribedCell(symbol: string): SymbolState {
    let cell = this.#unsubscribedCells.get(symbol);
    if (cell === undefined) {
      cell = new SymbolState(symbol);
      this.#unsubscribedCells.set(symbol, cell);
    }
    return cell;
  }

  /** Drops the partially built bar and the buffered bars of a symbol nobody subscribes to. */
  #discardPartialData(state: SymbolState): void {
    state.aggregator?.reset();
    state.backlog = undefined;
  }

  #onVenueTick(tick: Tick): void {
    const state = this.#symbols.get(tick.symbol);
    if (state === undefined) return;
    if (tick.kind === "last") state.last = tick.price;
    else if (tick.kind === "bid") state.bid = tick.price;
    else state.ask = tick.price;
    state.lastDataTs = tick.ts;
    if (state.stalled) this.#recover(state);
    this.#tickHandler(tick);
  }

  /** Data reached a stalled symbol: it recovers. */
  #recover(state: SymbolState): void {
    state.stalled = false;
    this.#stallRecovered(state.symbol);
  }
}
