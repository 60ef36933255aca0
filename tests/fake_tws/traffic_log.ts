/**
 * Every client request a fake TWS decoded, in arrival order, with
 * event-driven waits on it.
 *
 * @module
 */
import { ConditionWaiters } from "./_condition_waiters.ts";
import type { ClientRequestName, ReceivedNamed, ReceivedRequest } from "./request_types.ts";

/** Options of {@link TrafficLog.waitFor}. */
export interface WaitForOptions {
  /** Resolve with the count-th matching request; default 1. Earlier traffic counts. */
  readonly count?: number;
  /** Only consider requests with `seq >= after` (take `log.size` before acting). */
  readonly after?: number;
  /** Default 5000. */
  readonly timeoutMs?: number;
}

/** A request filter: a message name, or a predicate. */
export type RequestMatcher = ClientRequestName | ((request: ReceivedRequest) => boolean);

function matches(matcher: RequestMatcher, request: ReceivedRequest): boolean {
  return typeof matcher === "string" ? request.name === matcher : matcher(request);
}

/** The recorded traffic. */
export class TrafficLog {
  readonly #entries: ReceivedRequest[] = [];
  readonly #waiters = new ConditionWaiters();

  /** Number of requests recorded; the next request's `seq`. */
  get size(): number {
    return this.#entries.length;
  }

  /** Appends a request and wakes waits. */
  record(request: ReceivedRequest): void {
    this.#entries.push(request);
    this.#waiters.notify();
  }

  /** Every request, in order. */
  all(): readonly ReceivedRequest[] {
    return this.#entries;
  }

  /** Requests of one message name, typed, in order. */
  named<N extends ClientRequestName>(name: N): ReceivedNamed<N>[] {
    return this.#entries.filter((r) => r.name === name) as ReceivedNamed<N>[];
  }

  /** Number of requests matching `matcher`. */
  count(matcher: RequestMatcher): number {
    return this.#entries.filter((r) => matches(matcher, r)).length;
  }

  /**
   * Resolves with the `count`-th request (default the first) that matches,
   * already received or still to come; rejects after `timeoutMs`.
   *
   * @example
   * ```ts
   * const order = await log.waitFor("PLACE_ORDER", { where: (r) => r.contract.symbol === "AAPL" });
   * ```
   */
  waitFor<N extends ClientRequestName>(
    name: N,
    options?: WaitForOptions & { readonly where?: (request: ReceivedNamed<N>) => boolean },
  ): Promise<ReceivedNamed<N>>;
  /** Same, with a predicate over every request. */
  waitFor(
    predicate: (request: ReceivedRequest) => boolean,
    options?: WaitForOptions,
  ): Promise<ReceivedRequest>;
  waitFor(
    matcher: RequestMatcher,
    options: WaitForOptions & { readonly where?: (request: never) => boolean } = {},
  ): Promise<ReceivedRequest> {
    const count = options.count ?? 1;
    const after = options.after ?? 0;
    const where = options.where as ((request: ReceivedRequest) => boolean) | undefined;
    const check = (): ReceivedRequest | undefined => {
      let seen = 0;
      for (let i = after; i < this.#entries.length; i++) {
        const entry = this.#entries[i]!;
        if (matches(matcher, entry) && (!where || where(entry)) && ++seen === count) return entry;
      }
      return undefined;
    };
    const label = typeof matcher === "string" ? matcher : "a matching request";
    return this.#waiters.wait(check, {
      timeoutMs: options.timeoutMs ?? 5000,
      describe: () =>
        `${count} x ${label} (after seq ${after}); received so far: ${
          this.#entries.slice(-12).map((r) => r.name).join(", ") || "nothing"
        }`,
    });
  }

  /** Fails every pending wait (the fake is closing). */
  close(error: Error): void {
    this.#waiters.rejectAll(error);
  }
}
