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
import { intendedShares } from "../orders/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import { TradingState } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { type Goal, TargetGoals } from "./_target_goals.ts";
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

/**
 * Processes intents in the order strategies stated them. A strategy has at
 * most one working order per symbol: a new target amends that order when it
 * goes the right way, otherwise the order is cancelled and the target waits
 * (`coordinator.intent_deferred`) until the order has ended, then is decided
 * again against the book as it is then. A target also waits while the order's
 * cancel or modification is pending; a refused modification falls back to
 * cancelling. Only the newest target of a strategy and symbol ever waits.
 * While paused (venue outage) targets are held, not sent (the newest per
 * symbol); on resume each held target younger than the expiry is processed,
 * older ones are dropped as `expired`. While stopping, intents are ignored.
 */
export class IntentProcessor {
  #options: IntentProcessorOptions;
  #queue: OrderIntent[] = [];
  #goals = new TargetGoals();
  #sequence = 0;
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
    return this.#queue.length > 0 || this.#goals.hasReady;
  }

  /** Number of targets held during an outage. */
  get heldCount(): number {
    return this.#goals.heldCount;
  }

  /** Number of targets waiting for a working order to end or settle. */
  get waitingCount(): number {
    return this.#goals.waitingCount;
  }

  /** The working order of `slot` ended: a target waiting for it is decided again at the next {@link drain}. */
  orderSettled(slot: SymbolSlot): void {
    this.#goals.release(slot);
  }

  /**
   * A modification of `slot`'s order was answered. The target that sent it is
   * done when it was accepted; when it was refused, it is decided again and
   * cancels instead of amending again. A newer waiting target is decided again.
   */
  amendmentAnswered(slot: SymbolSlot, outcome: "accepted" | "rejected"): void {
    const goal = this.#goals.waitingOn(slot);
    if (goal === undefined) return;
    if (goal.awaitsOwnAmendment !== true) this.#goals.release(slot);
    else if (outcome === "accepted") this.#goals.forget(slot);
    else this.#goals.release(slot, { cancelInstead: true });
  }

  /** A cancel of `slot`'s order failed: its waiting target asks again at the next {@link retryFailedCancels}. */
  cancelFailed(slot: SymbolSlot): void {
    this.#goals.retryLater(slot);
  }

  /** Decides again (and so cancels again) the targets whose cancel failed; called on the cadence. */
  retryFailedCancels(): void {
    this.#goals.releaseRetries();
    this.drain();
  }

  /** Processes waiting targets whose order settled, then every queued intent, including new ones. */
  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#goals.hasReady || this.#queue.length > 0) {
        for (const goal of this.#goals.takeReady()) this.#revisit(goal);
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

  /** Stops holding; processes held targets that have not expired. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#goals.releaseHeld();
    this.drain();
  }

  /** Ignores every later intent (the run is stopping); held and waiting ones are dropped. */
  stop(): void {
    this.#stopping = true;
    for (const goal of this.#goals.drop()) this.#ignore(goal.intent, "stopping");
  }

  #process(intent: OrderIntent): void {
    const { telemetry, portfolio } = this.#options;
    const slot = this.#options.host(intent.strategyId)?.slot(intent.symbol);
    if (slot === undefined) return; // contexts only enqueue their own symbols
    const position = portfolio.position(intent.strategyId, intent.symbol);
    const order = slot.orders.working;
    const working = order === undefined ? 0 : order.sign * intendedShares(order);
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
    this.#pursue({ intent, slot, requested, seq: ++this.#sequence });
  }

  /**
   * A held or waiting target, decided again. One held through an outage is
   * dropped once older than the expiry; one that waited for its own order's
   * cancel, modification or executions is decided whatever its age (only a
   * newer intent replaces it).
   */
  #revisit(goal: Goal): void {
    if (this.#stopping) return this.#ignore(goal.intent, "stopping");
    const age = this.#options.now() - goal.intent.ts;
    if (goal.held === true && age > this.#options.intentExpiryMs) {
      return this.#ignore(goal.intent, "expired", { held_for_ms: age });
    }
    this.#pursue({ ...goal, held: false });
  }

  #pursue(goal: Goal): void {
    const { telemetry, portfolio, policy, proxy } = this.#options;
    const { intent, slot } = goal;
    const strategyId = intent.strategyId;
    if (this.#paused) {
      if (!this.#goals.hold(goal)) return this.#ignore(intent, "superseded");
      telemetry.emit("coordinator.intent_held", {
        symbol: intent.symbol,
        expires_at: new Date(intent.ts + this.#options.intentExpiryMs).toISOString(),
      }, strategyId);
      return;
    }
    // A newer target replaces one still waiting for the same order.
    this.#goals.forget(slot);
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
      position !== 0 && Math.sign(target) === -Math.sign(position) &&
      this.#options.tradingState() === TradingState.REDUCING
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
    const action = decideOrderAction({
      target,
      position,
      working,
      limitPrice,
      ...(goal.cancelInstead === true ? { cancelInstead: true } : {}),
    });
    const ts = this.#options.now();
    switch (action.kind) {
      case "none":
        return this.#ignore(intent, action.reason, { target, position });
      case "wait":
      case "cancel_then_wait": {
        const order = working as NonNullable<typeof working>;
        this.#goals.wait(goal);
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
        if (action.kind === "amend") {
          // The target waits for its modification's answer (a venue may answer at once).
          this.#goals.wait({ ...goal, awaitsOwnAmendment: true });
        }
        // The order goes to the venue first: telemetry never delays it.
        const outcome = action.kind === "submit"
          ? proxy.submit(proposal)
          : proxy.amend(working as NonNullable<typeof working>, proposal);
        if (!outcome.sent) {
          if (action.kind === "amend") this.#goals.forget(slot);
          return this.#deny(goal, outcome, delta);
        }
        const order = outcome.order;
        telemetry.emit("coordinator.intent_fulfilled", {
          symbol: intent.symbol,
          action: action.kind === "submit" ? "new_order" : "amend",
          order_id: order.id,
          target,
          delta,
          side: order.side,
          quantity: order.quantity,
          order_type: order.type,
          limit_price: order.limitPrice,
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
