/**
 * What a strategy receives and what it gives back. Venue-free: a strategy
 * sees bars, ticks, its own fills, denials and envelopes, and states intent;
 * it never sees a broker, another strategy or raw account state.
 *
 * @module
 */
import type { Bar, Denial, Fill, PositionEnvelope, Tick } from "../model/mod.ts";

/** Options for an intent. */
export interface IntentOptions {
  /** Limit price; absent means a market order. */
  readonly limitPrice?: number;
  /** Context copied to telemetry (signal values, reasons). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * The services the coordinator gives one strategy instance. Everything is
 * scoped to that strategy: positions are its own book, envelopes its own share.
 */
export interface StrategyContext {
  /** The strategy id from the graph. */
  readonly id: string;
  /** Upper-case symbols this strategy watches, in graph order. */
  readonly symbols: readonly string[];
  /** Current market time, epoch ms. */
  now(): number;
  /** The strategy's position bounds for `symbol`. */
  envelope(symbol: string): PositionEnvelope;
  /** The strategy's filled position in `symbol`, signed shares. */
  position(symbol: string): number;
  /** Latest price of `symbol` from the shared cache, if any has arrived. */
  price(symbol: string): number | undefined;
  /** Whether `symbol` has seen its warmup bars; intents before that are ignored. */
  isWarm(symbol: string): boolean;
  /** States the position the strategy wants to hold in `symbol` (signed shares). */
  setTarget(symbol: string, quantity: number, options?: IntentOptions): void;
  /** Asks to buy (positive) or sell (negative) `delta` more shares of `symbol` now. */
  trade(symbol: string, delta: number, options?: IntentOptions): void;
  /** Writes a `strategy.log` telemetry event. */
  log(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** The callbacks of a running strategy. Only `onBar` is required. */
export interface StrategyInstance {
  /** A completed bar of one of the strategy's symbols. Must be synchronous and O(1)-ish. */
  onBar(bar: Bar): void;
  /** A tick of one of the strategy's symbols (live venues). */
  onTick?(tick: Tick): void;
  /** An execution of one of the strategy's orders, already applied to its book. */
  onFill?(fill: Fill): void;
  /** An intent or order of the strategy was refused (envelope, risk, live guard). */
  onDenied?(denial: Denial): void;
  /** The run is stopping. */
  onStop?(): void;
}
