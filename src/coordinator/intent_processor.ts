/**
 * The intent queue: strategies' intents are queued during a dispatch and
 * processed right after it, synchronously: target, envelope clip, then the
 * target-position step (new order, keep, amend, or cancel and wait) through
 * the RiskGuard, the LiveTradingGuard and the broker.
 *
 * @module
 */
import type { CapitalAllocationPolicy } from "../allocation/mod.ts";
import type { Decimal, OrderIntent, OrderSide } from "../model/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import { TradingState } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { CoordinatorBrokerProxy, SubmitOutcome } from "./broker_proxy.ts";
import { clipToEnvelope, requestedTarget } from "./intent_math.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";
import { decideOrderAction } from "./target_position.ts";

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
  /** The RiskGuard's trading state (REDUCING cuts flips to flat). */
  readonly tradingState: () => TradingState;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Market time. */
  readonly now: () => number;
  /** How long an intent held during an outage or waiting for its order stays valid, ms. */
  readonly intentExpiryMs: number;
}

/** An intent with the position it asks for, fixed when it was stated. */
interface Goal {
  readonly intent: OrderIntent;
  readonly slot: SymbolSlot;
  /** Requested position before clipping (a delta is turned into a target when stated). */
  readonly requested: number;
}

/**
 * Processes intents in the order strategies stated them. A strategy has at
 * most one working order per symbol: a new target amends that order when it
 * goes the right way, otherwise the order is cancelled and the target waits
 * (`coordinator.intent_deferred`) until the order has ended, then is decided
 * again against the book as it is then (a later intent replaces a waiting
 * one). While paused (venue outage) intents are held, not sent; on resume
 * each held intent younger than the expiry is processed, older ones are
 * dropped as `expired`. While stopping, intents are ignored.
 */
export class IntentProcessor {
  #options: IntentProcessorOptions;
  #queue: OrderIntent[] = [];
  #ready: Goal[] = [];
  #held: Goal[] = [];
  #waiting = new Map<SymbolSlot, Goal>();
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
    return this.#queue.length > 0 || this.#ready.length > 0;
  }

  /** Number of intents held during an outage. */
  get heldCount(): number {
    return this.#held.length;
  }

  /** Number of targets waiting for a working order to end or settle. */
  get waitingCount(): number {
    return this.#waiting.size;
  }

  /**
   * The working order of `slot` ended, or its modification was answered: a
   * target waiting for it is decided again at the next {@link drain}.
   */
  orderSettled(slot: SymbolSlot): void {
    const goal = this.#waiting.get(slot);
    if (goal === undefined) return;
    this.#waiting.delete(slot);
    this.#ready.push(goal);
  }

  /** Processes waiting targets whose order settled, then every queued intent, including new ones. */
  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#ready.length > 0 || this.#queue.length > 0) {
        const ready = this.#ready;
        this.#ready = [];
        for (const goal of ready) this.#revisit(goal);
        const queue = this.#queue;
        this.#queue = [];
        for (const intent of queue) this.#process(intent);
      }
    } finally {
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
    this.#ready.push(...held);
    this.drain();
  }

  /** Ignores every later intent (the run is stopping); held and waiting ones are dropped. */
  stop(): void {
    this.#stopping = true;
    for (const goal of [...this.#held, ...this.#ready, ...this.#waiting.values()]) {
      this.#ignore(goal.intent, "stopping");
    }
    this.#held = [];
    this.#ready = [];
    this.#waiting.clear();
  }

  #process(intent: OrderIntent): void {
    const { telemetry, portfolio } = this.#options;
    const slot = this.#options.host(intent.strategyId)?.slot(intent.symbol);
    if (slot === undefined) return; // contexts only enqueue their own symbols
    const position = portfolio.position(intent.strategyId, intent.symbol);
    const working = slot.orders.outstanding;
    const requested = requestedTarget(intent, position, working);
    telemetry.emit("coordinator.intent_received", {
      symbol: intent.symbol,
      intent_type: intent.type,
      requested: intent.quantity,
      limit_price: intent.limitPrice,
      position,
      working,
      requested_target: requested,
      metadata: intent.metadata,
    }, intent.strategyId);
    if (this.#stopping) return this.#ignore(intent, "stopping");
    if (!slot.warm) {
      return this.#ignore(intent, "warmup", {
        bars_seen: slot.barsSeen,
        warmup_bars: slot.warmupBars,
      });
    }
    this.#pursue({ intent, slot, requested });
  }

  /** A held or waiting target, decided again: dropped once older than the expiry. */
  #revisit(goal: Goal): void {
    if (this.#stopping) return this.#ignore(goal.intent, "stopping");
    const age = this.#options.now() - goal.intent.ts;
    if (age > this.#options.intentExpiryMs) {
      return this.#ignore(goal.intent, "expired", { held_for_ms: age });
    }
    this.#pursue(goal);
  }

  #pursue(goal: Goal): void {
    const { telemetry, portfolio, policy, proxy } = this.#options;
    const { intent, slot } = goal;
    const strategyId = intent.strategyId;
    if (this.#paused) {
      this.#held.push(goal);
      telemetry.emit("coordinator.intent_held", {
        symbol: intent.symbol,
        expires_at: new Date(intent.ts + this.#options.intentExpiryMs).toISOString(),
      }, strategyId);
      return;
    }
    // A newer target replaces one still waiting for the same order.
    this.#waiting.delete(slot);
    const position = portfolio.position(strategyId, intent.symbol);
    const price = this.#options.price(intent.symbol);
    const envelope = policy.envelopeFor(strategyId, intent.symbol);
    const clipped = clipToEnvelope(goal.requested, envelope, price);
    let target = clipped.target;
    if (clipped.clippedBy !== undefined) {
      telemetry.emit("order_clipped", {
        symbol: intent.symbol,
        requested_target: goal.requested,
        clipped_target: target,
        limit: clipped.clippedBy,
        max_size: envelope.maxSize,
        max_notional: envelope.maxNotional,
        price,
      }, strategyId);
    }
    if (
      this.#options.tradingState() === TradingState.REDUCING && position !== 0 &&
      Math.sign(target) === -Math.sign(position)
    ) {
      telemetry.emit("order_clipped", {
        symbol: intent.symbol,
        requested_target: target,
        clipped_target: 0,
        limit: "reducing",
        reason: "trading is REDUCING: a flip is cut to flat",
      }, strategyId);
      target = 0;
    }
    const working = slot.orders.working;
    const delta = target - position;
    const side: OrderSide = delta > 0 ? "BUY" : delta < 0 ? "SELL" : working?.side ?? "BUY";
    let limitPrice: Decimal | undefined;
    if (intent.limitPrice !== undefined) {
      limitPrice = proxy.limitPrice(intent.symbol, side, intent.limitPrice);
      if (limitPrice === undefined) {
        return this.#deny(goal, {
          rule: "limit_price",
          reason:
            `limit price ${intent.limitPrice} for a ${side} rounds below one tick of ${intent.symbol}`,
        }, delta);
      }
    }
    const action = decideOrderAction({ target, position, working, limitPrice });
    const ts = this.#options.now();
    switch (action.kind) {
      case "none":
        return this.#ignore(intent, action.reason, { target, position });
      case "wait":
      case "cancel_then_wait": {
        const order = working as NonNullable<typeof working>;
        this.#waiting.set(slot, goal);
        const reason = action.kind === "wait" ? action.reason : "awaiting_cancel";
        telemetry.emit("coordinator.intent_deferred", {
          symbol: intent.symbol,
          target,
          position,
          order_id: order.id,
          reason,
        }, strategyId);
        if (action.kind === "cancel_then_wait") void proxy.cancel(order.id, ts);
        return;
      }
      case "submit":
      case "amend": {
        if (price === undefined) return this.#ignore(intent, "no_price");
        const proposal = {
          strategyId,
          symbol: intent.symbol,
          side,
          quantity: action.quantity,
          ...(limitPrice === undefined ? {} : { limitPrice }),
          referencePrice: price,
          strategyPosition: position,
          ts,
        };
        const outcome: SubmitOutcome = action.kind === "submit"
          ? proxy.submit(proposal)
          : proxy.amend(working as NonNullable<typeof working>, proposal);
        if (!outcome.sent) return this.#deny(goal, outcome, delta);
        telemetry.emit("coordinator.intent_fulfilled", {
          symbol: intent.symbol,
          action: action.kind === "submit" ? "new_order" : "amend",
          order_id: outcome.order.id,
          target,
          delta,
          side: outcome.order.side,
          quantity: outcome.order.quantity,
          order_type: outcome.order.type,
          limit_price: outcome.order.limitPrice,
          requested_limit_price: intent.limitPrice,
          reference_price: price,
        }, strategyId);
      }
    }
  }

  #deny(goal: Goal, denial: { rule: string; reason: string }, delta: number): void {
    const { intent } = goal;
    this.#options.telemetry.emit("risk.denied", {
      symbol: intent.symbol,
      rule: denial.rule,
      reason: denial.reason,
      delta,
    }, intent.strategyId);
    goal.slot.host.deliverDenial({
      strategyId: intent.strategyId,
      symbol: intent.symbol,
      rule: denial.rule,
      reason: denial.reason,
      quantity: delta,
      ts: this.#options.now(),
    });
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
