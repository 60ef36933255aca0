/**
 * The IBKR market data feed: one reqMktData and one 5-second reqRealTimeBars
 * per symbol, published on the bus as `tick` and `bar`.
 *
 * @module
 */
import { type Contract, WhatToShow } from "@stoqey/ib";
import type { Bar } from "../../model/mod.ts";
import type { MarketDataFeed } from "../../venue/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import type { ContractResolver } from "./contract_resolver.ts";
import type { HistoryFetcher } from "./history_fetcher.ts";
import { TwsDisconnectedError } from "./ibkr_errors.ts";
import type { TimerHandle } from "./scheduler.ts";
import { TickAssembler } from "./tick_assembler.ts";
import { TickBarBuilder } from "./tick_bar_builder.ts";

/** Length of IB real-time bars, ms. */
export const REAL_TIME_BAR_MS = 5000;

/**
 * Errors on a market data request that are notices, not a lost
 * subscription: 10167 (delayed data displayed instead), 300 (cancel of an
 * id TWS no longer knows), 2104/2106/2158 (farm status).
 */
const MARKET_DATA_NOTICES: ReadonlySet<number> = new Set([300, 10167, 2104, 2106, 2158]);

/** How often bars built from ticks are checked for a finished period, ms. */
const TICK_BAR_FLUSH_MS = 1000;

interface Subscription {
  readonly symbol: string;
  readonly contract: Contract;
  readonly ticks: TickAssembler;
  readonly tickBars: TickBarBuilder | undefined;
  tickReqId: number;
  barReqId: number;
}

/** Services of an {@link IbkrMarketData}. */
export interface IbkrMarketDataOptions {
  /** Symbol qualification. */
  readonly contracts: ContractResolver;
  /** Historical bars. */
  readonly history: HistoryFetcher;
  /** Whether new subscriptions may be made now. */
  readonly isReady: () => boolean;
  /**
   * Build the 5-second bars from last-trade ticks instead of reqRealTimeBars
   * (delayed market data: IB serves real-time bars only with a live subscription).
   */
  readonly barsFromTicks: boolean;
}

/**
 * A {@link MarketDataFeed} over TWS. `subscribe` qualifies the symbol once
 * (code 200 rejects with `no security definition for SYMBOL (IB error 200)`),
 * then requests streaming quotes and 5-second TRADES bars (all hours); the
 * coordinator aggregates the bars to the graph's bar size
 * (`sourceBarSizeMs` = 5000). With delayed market data the 5-second bars are
 * built from last-trade ticks instead ({@link TickBarBuilder}), since IB
 * serves real-time bars only with a live subscription. After a reconnect or a 1101 the venue calls
 * {@link resubscribeAll}, which requests every symbol again exactly once
 * under new request ids.
 */
export class IbkrMarketData implements MarketDataFeed {
  /** IB real-time bars are 5 seconds long. */
  readonly sourceBarSizeMs: number = REAL_TIME_BAR_MS;
  readonly #ctx: IbkrContext;
  readonly #options: IbkrMarketDataOptions;
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #byReqId = new Map<number, Subscription>();
  #flushTimer: TimerHandle | undefined;

  /** Listens for ticks and real-time bars on the link. */
  constructor(ctx: IbkrContext, options: IbkrMarketDataOptions) {
    this.#ctx = ctx;
    this.#options = options;
    ctx.link.on("tickPrice", (reqId, tickType, price) => {
      this.#byReqId.get(reqId)?.ticks.price(tickType, price);
    });
    ctx.link.on("tickSize", (reqId, tickType, size) => {
      if (tickType !== undefined) this.#byReqId.get(reqId)?.ticks.size(tickType, size);
    });
    ctx.link.on("realtimeBar", (reqId, time, open, high, low, close, volume) => {
      const subscription = this.#byReqId.get(reqId);
      if (subscription === undefined) return;
      ctx.bus()?.publish("bar", {
        symbol: subscription.symbol,
        ts: time * 1000,
        open,
        high,
        low,
        close,
        volume: volume ?? 0,
      });
    });
  }

  /** Symbols subscribed, in subscription order. */
  subscribedSymbols(): string[] {
    return [...this.#subscriptions.keys()];
  }

  /** Starts streaming `symbol`; subscribing twice is harmless. */
  async subscribe(symbol: string): Promise<void> {
    if (this.#subscriptions.has(symbol)) return;
    if (!this.#options.isReady()) {
      throw new TwsDisconnectedError(`cannot subscribe ${symbol}: not connected to TWS`);
    }
    const contract = await this.#options.contracts.resolve(symbol);
    if (this.#subscriptions.has(symbol)) return;
    const ctx = this.#ctx;
    const publishBar = (bar: Bar) => ctx.bus()?.publish("bar", bar);
    const tickBars = this.#options.barsFromTicks
      ? new TickBarBuilder(symbol, REAL_TIME_BAR_MS, publishBar)
      : undefined;
    const subscription: Subscription = {
      symbol,
      contract,
      tickReqId: 0,
      barReqId: 0,
      tickBars,
      ticks: new TickAssembler((kind, price, size) => {
        const ts = ctx.clock.now();
        ctx.bus()?.publish("tick", { symbol, ts, kind, price, size });
        if (kind === "last") tickBars?.trade(price, size, ts);
      }),
    };
    this.#subscriptions.set(symbol, subscription);
    if (tickBars !== undefined) this.#armFlush();
    try {
      await this.#request(subscription);
    } catch (error) {
      this.#forget(subscription);
      throw error;
    }
  }

  /** Stops streaming `symbol` (cancels both requests when connected). */
  async unsubscribe(symbol: string): Promise<void> {
    const subscription = this.#subscriptions.get(symbol);
    if (subscription === undefined) return;
    this.#forget(subscription);
    if (!this.#ctx.link.connected) return;
    const { tickReqId, barReqId, tickBars } = subscription;
    await Promise.all([
      this.#ctx.link.send((ib) => ib.cancelMktData(tickReqId)),
      tickBars === undefined
        ? this.#ctx.link.send((ib) => ib.cancelRealTimeBars(barReqId))
        : Promise.resolve(),
    ]);
  }

  /** Completed bars before now, oldest first (see HistoryFetcher.bars). */
  async history(symbol: string, count: number, barSizeMs: number): Promise<Bar[]> {
    if (count <= 0) return [];
    const contract = await this.#options.contracts.resolve(symbol);
    return await this.#options.history.bars(contract, count, barSizeMs);
  }

  /**
   * Requests every subscribed symbol again, once each, under new request ids;
   * with `cancelFirst` (same connection, 1101) the old requests are cancelled
   * first. Returns the symbols resubscribed.
   */
  async resubscribeAll(options: { cancelFirst: boolean }): Promise<string[]> {
    const done: string[] = [];
    for (const subscription of [...this.#subscriptions.values()]) {
      this.#byReqId.delete(subscription.tickReqId);
      this.#byReqId.delete(subscription.barReqId);
      if (options.cancelFirst) {
        const { tickReqId, barReqId } = subscription;
        await this.#ctx.link.send((ib) => ib.cancelMktData(tickReqId));
        if (subscription.tickBars === undefined) {
          await this.#ctx.link.send((ib) => ib.cancelRealTimeBars(barReqId));
        }
      }
      await this.#request(subscription);
      done.push(subscription.symbol);
    }
    return done;
  }

  /** Handles an error on a market data request; false when `reqId` is not one. */
  handleError(reqId: number, code: number, message: string): boolean {
    const subscription = this.#byReqId.get(reqId);
    if (subscription === undefined) return false;
    if (!MARKET_DATA_NOTICES.has(code)) {
      this.#ctx.health("subscription_dropped", `${subscription.symbol}: ${message}`, {
        code,
        symbol: subscription.symbol,
      });
    }
    return true;
  }

  async #request(subscription: Subscription): Promise<void> {
    const ctx = this.#ctx;
    const tickReqId = ctx.requestIds.next();
    const barReqId = ctx.requestIds.next();
    subscription.tickReqId = tickReqId;
    subscription.barReqId = barReqId;
    this.#byReqId.set(tickReqId, subscription);
    this.#byReqId.set(barReqId, subscription);
    const contract = subscription.contract;
    await ctx.link.send((ib) => ib.reqMktData(tickReqId, contract, "", false, false));
    if (subscription.tickBars !== undefined) return;
    await ctx.link.send((ib) =>
      ib.reqRealTimeBars(barReqId, contract, REAL_TIME_BAR_MS / 1000, WhatToShow.TRADES, false)
    );
  }

  /** Stops the flush timer of tick-built bars. */
  close(): void {
    if (this.#flushTimer !== undefined) this.#ctx.scheduler.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }

  #armFlush(): void {
    if (this.#flushTimer !== undefined) return;
    this.#flushTimer = this.#ctx.scheduler.setTimeout(() => {
      this.#flushTimer = undefined;
      const now = this.#ctx.clock.now();
      let building = false;
      for (const subscription of this.#subscriptions.values()) {
        if (subscription.tickBars === undefined) continue;
        subscription.tickBars.flush(now);
        building = true;
      }
      if (building) this.#armFlush();
    }, TICK_BAR_FLUSH_MS);
  }

  #forget(subscription: Subscription): void {
    this.#subscriptions.delete(subscription.symbol);
    this.#byReqId.delete(subscription.tickReqId);
    this.#byReqId.delete(subscription.barReqId);
  }
}
