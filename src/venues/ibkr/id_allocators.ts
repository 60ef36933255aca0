/**
 * Identifiers sent to TWS: order ids (seeded from nextValidId) and request
 * ids (ticker ids of subscriptions and queries), kept in disjoint ranges so
 * an error carrying an id is never ambiguous.
 *
 * @module
 */

/** First request id; order ids stay far below it. */
export const FIRST_REQUEST_ID = 1_000_000_000;

/**
 * IB order ids for one client id. TWS only accepts ids above every id the
 * client used before (error 103 otherwise), and tells the lowest acceptable
 * one in nextValidId on each connection. The allocator never goes back: after
 * a reconnect it continues from the larger of its own next id and the new
 * nextValidId, so an id is never reused, not even for an order that was never
 * transmitted.
 *
 * @example
 * ```ts
 * const ids = new OrderIdAllocator();
 * ids.seed(17);
 * ids.next(); // 17
 * ids.seed(3); // ignored: lower than what is already allocated
 * ids.next(); // 18
 * ```
 */
export class OrderIdAllocator {
  #next: number | undefined;

  /** Applies a nextValidId from TWS. */
  seed(nextValidId: number): void {
    if (!Number.isSafeInteger(nextValidId) || nextValidId < 0) {
      throw new RangeError(`nextValidId must be a non-negative integer, got ${nextValidId}`);
    }
    this.#next = this.#next === undefined ? nextValidId : Math.max(this.#next, nextValidId);
  }

  /** Whether a nextValidId has been applied. */
  get seeded(): boolean {
    return this.#next !== undefined;
  }

  /** The next order id. @throws {Error} before the first {@link seed}. */
  next(): number {
    if (this.#next === undefined) {
      throw new Error("no order id available: TWS has not sent nextValidId yet");
    }
    if (this.#next >= FIRST_REQUEST_ID) {
      throw new RangeError(`order ids reached ${FIRST_REQUEST_ID}, the start of request ids`);
    }
    return this.#next++;
  }
}

/** Request ids (reqMktData, reqHistoricalData, ...): increasing from {@link FIRST_REQUEST_ID}. */
export class RequestIdAllocator {
  #next = FIRST_REQUEST_ID;

  /** The next request id. */
  next(): number {
    return this.#next++;
  }

  /** True when `id` is in the request id range (so not an order id). */
  static isRequestId(id: number): boolean {
    return id >= FIRST_REQUEST_ID;
  }
}
