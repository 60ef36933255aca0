/**
 * StrategyHost: the seed's StrategyWrapper. Runs one strategy instance, gives
 * it its context, counts warmup per symbol, records heartbeats and turns
 * exceptions into a coordinator failure instead of a crash.
 *
 * @module
 */
import type {
  Bar,
  Denial,
  Fill,
  OrderIntent,
  OrderIntentType,
  PositionEnvelope,
  Tick,
} from "../model/mod.ts";
import type { OrderSlot } from "../orders/mod.ts";
import type { IntentOptions, StrategyContext, StrategyInstance } from "../strategy/mod.ts";

/** The coordinator services a host needs; implemented by the coordinator. */
export interface HostServices {
  /** Market time, epoch ms. */
  now(): number;
  /** Latest price of `symbol` from the shared cache. */
  price(symbol: string): number | undefined;
  /** The strategy's filled position. */
  position(strategyId: string, symbol: string): number;
  /** The strategy's current envelope for `symbol`. */
  envelope(strategyId: string, symbol: string): PositionEnvelope;
  /** Queues an intent for processing after the current dispatch. */
  enqueue(intent: OrderIntent): void;
  /** Writes a `strategy.log` event. */
  log(strategyId: string, message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** Reports an exception thrown by the strategy in `callback`. */
  fail(strategyId: string, callback: string, error: unknown): void;
  /** The order store's slot of the strategy in `symbol` (its working order). */
  orderSlot(strategyId: string, symbol: string): OrderSlot;
}

/** The per-(strategy, symbol) state the hot path touches: one object, no map lookups. */
export interface SymbolSlot {
  /** Owning host. */
  readonly host: StrategyHost;
  /** Upper-case symbol. */
  readonly symbol: string;
  /** Bars required before the strategy may trade this symbol. */
  readonly warmupBars: number;
  /** Bars delivered so far (history and live). */
  barsSeen: number;
  /** True once `barsSeen >= warmupBars`. */
  warm: boolean;
  /** Market time of the last bar delivered, NaN before any. */
  lastBarTs: number;
  /** The strategy instance (set by {@link StrategyHost.attach}); the dispatch loop calls it directly. */
  instance: StrategyInstance;
  /** The order store's live record of the strategy's working order in the symbol. */
  readonly orders: OrderSlot;
}

/** Placeholder instance of a slot whose host has no instance attached yet. */
const DETACHED: StrategyInstance = {
  onBar() {
    throw new Error("strategy instance not attached");
  },
};

/** Options for {@link StrategyHost}. */
export interface StrategyHostOptions {
  /** Strategy id from the graph. */
  readonly id: string;
  /** Strategy type (the file name in strategies/). */
  readonly type: string;
  /** Upper-case symbols, graph order. */
  readonly symbols: readonly string[];
  /** Warmup bars per symbol. */
  readonly warmupBars: number;
}

/** Wraps one strategy instance. */
export class StrategyHost {
  /** Strategy id. */
  readonly id: string;
  /** Strategy type. */
  readonly type: string;
  /** Symbols in graph order. */
  readonly symbols: readonly string[];
  /** Per-symbol slots, in `symbols` order. */
  readonly slots: readonly SymbolSlot[];
  /** The strategy's context (what `create` receives). */
  readonly context: StrategyContext;
  #slotBySymbol: Map<string, SymbolSlot>;
  #services: HostServices;
  #instance: StrategyInstance | undefined;

  /** Creates a host; call {@link StrategyHost.attach} with the instance `create` returned. */
  constructor(options: StrategyHostOptions, services: HostServices) {
    this.id = options.id;
    this.type = options.type;
    this.symbols = options.symbols;
    this.#services = services;
    this.slots = options.symbols.map((symbol) => ({
      host: this,
      symbol,
      warmupBars: options.warmupBars,
      barsSeen: 0,
      warm: options.warmupBars === 0,
      lastBarTs: Number.NaN,
      instance: DETACHED,
      orders: services.orderSlot(options.id, symbol),
    }));
    this.#slotBySymbol = new Map(this.slots.map((slot) => [slot.symbol, slot]));
    this.context = this.#createContext();
  }

  /** Attaches the instance the strategy's `create` returned. */
  attach(instance: StrategyInstance): void {
    this.#instance = instance;
    for (const slot of this.slots) slot.instance = instance;
  }

  /** The slot of `symbol`, if the strategy watches it. */
  slot(symbol: string): SymbolSlot | undefined {
    return this.#slotBySymbol.get(symbol);
  }

  /**
   * Delivers a bar to the strategy and counts it toward warmup. Returns true
   * when this bar completed the warmup of its symbol.
   */
  deliverBar(slot: SymbolSlot, bar: Bar): boolean {
    slot.lastBarTs = bar.ts;
    try {
      (this.#instance as StrategyInstance).onBar(bar);
    } catch (error) {
      this.#services.fail(this.id, "onBar", error);
    }
    if (slot.warm) return false;
    slot.barsSeen++;
    if (slot.barsSeen < slot.warmupBars) return false;
    slot.warm = true;
    return true;
  }

  /** Delivers a tick, if the strategy handles ticks. */
  deliverTick(tick: Tick): void {
    const instance = this.#instance;
    if (instance?.onTick === undefined) return;
    try {
      instance.onTick(tick);
    } catch (error) {
      this.#services.fail(this.id, "onTick", error);
    }
  }

  /** Delivers one of the strategy's fills (already applied to its book). */
  deliverFill(fill: Fill): void {
    const instance = this.#instance;
    if (instance?.onFill === undefined) return;
    try {
      instance.onFill(fill);
    } catch (error) {
      this.#services.fail(this.id, "onFill", error);
    }
  }

  /** Tells the strategy one of its intents or orders was refused. */
  deliverDenial(denial: Denial): void {
    const instance = this.#instance;
    if (instance?.onDenied === undefined) return;
    try {
      instance.onDenied(denial);
    } catch (error) {
      this.#services.fail(this.id, "onDenied", error);
    }
  }

  /** Tells the strategy the run is stopping; returns the error it threw, if any. */
  stop(): unknown {
    const instance = this.#instance;
    if (instance?.onStop === undefined) return undefined;
    try {
      instance.onStop();
      return undefined;
    } catch (error) {
      return error;
    }
  }

  #createContext(): StrategyContext {
    const services = this.#services;
    const id = this.id;
    const slotOf = (symbol: string, method: string): SymbolSlot => {
      const slot = this.#slotBySymbol.get(symbol);
      if (slot === undefined) {
        throw new RangeError(
          `strategy "${id}" called ${method}("${symbol}") but only watches ${
            this.symbols.join(", ")
          }`,
        );
      }
      return slot;
    };
    const enqueue = (
      type: OrderIntentType,
      symbol: string,
      quantity: number,
      options: IntentOptions | undefined,
    ) => {
      slotOf(symbol, type === "target_position" ? "setTarget" : "trade");
      if (!Number.isFinite(quantity)) {
        throw new RangeError(
          `strategy "${id}" stated a non-finite quantity ${quantity} for ${symbol}`,
        );
      }
      const limitPrice = options?.limitPrice;
      if (limitPrice !== undefined && !(Number.isFinite(limitPrice) && limitPrice > 0)) {
        throw new RangeError(
          `strategy "${id}" stated an invalid limit price ${limitPrice} for ${symbol}`,
        );
      }
      services.enqueue({
        strategyId: id,
        symbol,
        type,
        quantity,
        ts: services.now(),
        ...(limitPrice === undefined ? {} : { limitPrice }),
        ...(options?.metadata === undefined ? {} : { metadata: options.metadata }),
      });
    };
    return {
      id,
      symbols: this.symbols,
      now: () => services.now(),
      envelope: (symbol) => services.envelope(id, slotOf(symbol, "envelope").symbol),
      position: (symbol) => services.position(id, symbol),
      price: (symbol) => services.price(symbol),
      isWarm: (symbol) => slotOf(symbol, "isWarm").warm,
      setTarget: (symbol, quantity, options) =>
        enqueue("target_position", symbol, quantity, options),
      trade: (symbol, delta, options) => enqueue("market_delta", symbol, delta, options),
      log: (message, fields) => services.log(id, message, fields),
    };
  }
}
