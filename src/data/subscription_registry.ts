/**
 * Reference counting of market data subscriptions: one venue subscription per
 * symbol however many strategies watch it.
 *
 * @module
 */

/** What the registry calls when a symbol gains its first or loses its last subscriber. */
export interface SubscriptionTarget {
  /** Starts the venue subscription of `symbol`. */
  subscribe(symbol: string): Promise<void>;
  /** Ends the venue subscription of `symbol`. */
  unsubscribe(symbol: string): Promise<void>;
}

/**
 * Keeps symbol -> subscriber count. Only the first `acquire` of a symbol calls
 * `subscribe`; concurrent acquires of a symbol whose subscription is still in
 * flight share it (and its failure). Only the `release` that drops the count to
 * zero calls `unsubscribe`. A failed subscribe leaves the count untouched.
 */
export class SubscriptionRegistry {
  #target: SubscriptionTarget;
  #counts = new Map<string, number>();
  #pending = new Map<string, Promise<void>>();

  /** Creates a registry forwarding first/last transitions to `target`. */
  constructor(target: SubscriptionTarget) {
    this.#target = target;
  }

  /** Adds one subscriber to `symbol`; resolves once the venue subscription is live. */
  async acquire(symbol: string): Promise<void> {
    const count = this.#counts.get(symbol) ?? 0;
    if (count > 0) {
      this.#counts.set(symbol, count + 1);
      return;
    }
    let pending = this.#pending.get(symbol);
    if (pending === undefined) {
      pending = this.#target.subscribe(symbol).finally(() => this.#pending.delete(symbol));
      this.#pending.set(symbol, pending);
    }
    await pending;
    this.#counts.set(symbol, (this.#counts.get(symbol) ?? 0) + 1);
  }

  /**
   * Removes one subscriber from `symbol`; the last one out ends the venue
   * subscription. Returns true when this call unsubscribed. Releasing a symbol
   * without subscribers does nothing.
   */
  async release(symbol: string): Promise<boolean> {
    const count = this.#counts.get(symbol) ?? 0;
    if (count === 0) return false;
    if (count > 1) {
      this.#counts.set(symbol, count - 1);
      return false;
    }
    this.#counts.delete(symbol);
    await this.#target.unsubscribe(symbol);
    return true;
  }

  /** Current number of subscribers of `symbol`. */
  count(symbol: string): number {
    return this.#counts.get(symbol) ?? 0;
  }

  /** Symbols with at least one subscriber, in first-subscription order. */
  symbols(): string[] {
    return [...this.#counts.keys()];
  }
}
