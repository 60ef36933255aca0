/**
 * The intent queue: strategies' intents are queued during a dispatch and
 * processed right after it, synchronously (delta, envelope clip, RiskGuard,
 * LiveTradingGuard, broker).
 *
 * @module
 */
import type { CapitalAllocationPolicy } from "../allocation/mod.ts";
import type { OrderIntent } from "../model/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { resolveIntent } from "./intent_math.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** Services of an {@link IntentProcessor}. */
export interface IntentProcessorOptions {
  /** The host of a strategy id. */
  readonly host: (strategyId: string) => StrategyHost | undefined;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** Envelopes. */
  readonly policy: CapitalAllocationPolicy;
  /** Latest prices. */
  readonly price: (symbol: string) => number | undefined;
  /** The only path to the broker. */
  readonly proxy: CoordinatorBrokerProxy;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Market time. */
  readonly now: () => number;
  /** How long an intent held during an outage stays valid, ms. */
  readonly intentExpiryMs: number;
}

/**
 * Processes intents in the order strategies stated them.
 *
 * While paused (venue outage) intents are held, not sent; on resume each held
 * intent younger than the expiry is processed against the book as it is then,
 * older ones are dropped as `expired`. While stopping, intents are ignored.
 */
export class IntentProcessor {
  #options: IntentProcessorOptions;
  #queue: OrderIntent[] = [];
  #held: OrderIntent[] = [];
  #draining = false;
  #paused = false;
  #stopping = false;

  /** Creates the processor. */
  constructor(options: IntentProcessorOptions) {
    this.#options = options;
  }

  /** Queues an intent (called by strategy contexts during a dispatch). */
  enqueue(intent: OrderIntent): void {
    this.#queue.push(intent);
  }

  /** True when intents are waiting in the queue. */
  get pending(): boolean {
    return this.#queue.length > 0;
  }

  /** Number of intents held during an outage. */
  get heldCount(): number {
    return this.#held.length;
  }

  /** Processes every queued intent, including ones queued while processing. */
  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let i = 0; i < this.#queue.length; i++) {
        this.#process(this.#queue[i] as OrderIntent);
      }
    } finally {
      this.#queue.length = 0;
      this.#draining = false;
    }
  }

  /** Drops every queued intent as ignored with `reason` (e.g. intents stated on history bars). */
  discardQueued(reason: string): void {
    const queued = this.#queue;
    this.#queue = [];
    for (const intent of queued) this.#ignore(intent, reason);
  }

  /** Holds new intents instead of sending them. */
  pause(): void {
    this.#paused = true;
  }

  /** Stops holding; processes held intents that have not expired. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    const held = this.#held;
    this.#held = [];
    const now = this.#options.now();
    for (const intent of held) {
      if (now - intent.ts > this.#options.intentExpiryMs) {
        this.#ignore(intent, "expired", { held_for_ms: now - intent.ts });
      } else {
        this.#queue.push(intent);
      }
    }
    this.drain();
  }

  /** Ignores every later intent (the run is stopping); held intents are dropped. */
  stop(): void {
    this.#stopping = true;
    for (const intent of this.#held) this.#ignore(intent, "stopping");
    this.#held = [];
  }

  #process(intent: OrderIntent): void {
    const { telemetry, portfolio, policy } = this.#options;
    const host = this.#options.host(intent.strategyId);
    const slot = host?.slot(intent.symbol);
    if (slot === undefined) return; // contexts only enqueue their own symbols
    const position = portfolio.position(intent.strategyId, intent.symbol);
    const price = this.#options.price(intent.symbol);
    const envelope = policy.envelopeFor(intent.strategyId, intent.symbol);
    const resolved = resolveIntent(intent, { position, working: slot.working, envelope, price });
    telemetry.emit("coordinator.intent_received", {
      symbol: intent.symbol,
      intent_type: intent.type,
      requested: intent.quantity,
      limit_price: intent.limitPrice,
      position,
      working: slot.working,
      requested_target: resolved.requestedTarget,
      resolved_target: resolved.target,
      resolved_delta: resolved.delta,
      metadata: intent.metadata,
    }, intent.strategyId);
    if (this.#stopping) return this.#ignore(intent, "stopping");
    if (this.#paused) {
      this.#held.push(intent);
      telemetry.emit("coordinator.intent_held", {
        symbol: intent.symbol,
        expires_at: new Date(intent.ts + this.#options.intentExpiryMs).toISOString(),
      }, intent.strategyId);
      return;
    }
    if (!slot.warm) {
      return this.#ignore(intent, "warmup", {
        bars_seen: slot.barsSeen,
        warmup_bars: slot.warmupBars,
      });
    }
    if (resolved.clippedBy !== undefined) {
      telemetry.emit("order_clipped", {
        symbol: intent.symbol,
        requested_target: resolved.requestedTarget,
        clipped_target: resolved.target,
        limit: resolved.clippedBy,
        max_size: envelope.maxSize,
        max_notional: envelope.maxNotional,
        price,
      }, intent.strategyId);
    }
    if (resolved.delta === 0) {
      return this.#ignore(intent, slot.working !== 0 ? "covered_by_working_orders" : "zero_delta");
    }
    if (price === undefined) return this.#ignore(intent, "no_price");
    const outcome = this.#options.proxy.submit({
      strategyId: intent.strategyId,
      symbol: intent.symbol,
      delta: resolved.delta,
      ...(intent.limitPrice === undefined ? {} : { limitPrice: intent.limitPrice }),
      referencePrice: price,
      strategyPosition: position,
      ts: this.#options.now(),
    }, slot);
    if (!outcome.sent) {
      telemetry.emit("risk.denied", {
        symbol: intent.symbol,
        rule: outcome.rule,
        reason: outcome.reason,
        delta: resolved.delta,
      }, intent.strategyId);
      host?.deliverDenial({
        strategyId: intent.strategyId,
        symbol: intent.symbol,
        rule: outcome.rule,
        reason: outcome.reason,
        quantity: resolved.delta,
        ts: this.#options.now(),
      });
      return;
    }
    telemetry.emit("coordinator.intent_fulfilled", {
      symbol: intent.symbol,
      order_id: outcome.order.id,
      delta: resolved.delta,
      side: outcome.order.side,
      quantity: outcome.order.quantity,
      order_type: outcome.order.type,
      limit_price: outcome.order.limitPrice,
      reference_price: price,
    }, intent.strategyId);
  }

  #ignore(intent: OrderIntent, reason: string, fields?: Readonly<Record<string, unknown>>): void {
    this.#options.telemetry.emit("coordinator.intent_ignored", {
      symbol: intent.symbol,
      intent_type: intent.type,
      requested: intent.quantity,
      reason,
      ...fields,
    }, intent.strategyId);
  }
}
