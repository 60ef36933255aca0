/**
 * Request/response bookkeeping: each request waits for its answer under a
 * key (a request id, or a name for requests TWS answers without one), with a
 * timeout, and fails at once when the connection drops.
 *
 * @module
 */
import type { Scheduler, TimerHandle } from "./scheduler.ts";

interface Entry {
  readonly describe: string;
  readonly timer: TimerHandle;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Open requests by key.
 *
 * @example
 * ```ts
 * const answer = pending.open<number>(reqId, { describe: "contract details of AAPL", timeoutMs: 10_000 });
 * // ... in the contractDetailsEnd listener:
 * pending.resolve(reqId, conId);
 * ```
 */
export class PendingRequests {
  readonly #scheduler: Scheduler;
  readonly #entries = new Map<number | string, Entry>();

  /** Uses `scheduler` for timeouts. */
  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  /**
   * Opens a request; the promise settles with {@link resolve}/{@link reject},
   * or rejects after `timeoutMs`. Opening a key that is open rejects.
   */
  open<T>(key: number | string, options: { describe: string; timeoutMs: number }): Promise<T> {
    if (this.#entries.has(key)) {
      return Promise.reject(new Error(`request ${String(key)} is already open`));
    }
    return new Promise<T>((resolve, reject) => {
      const timer = this.#scheduler.setTimeout(() => {
        this.#entries.delete(key);
        reject(
          new Error(
            `${options.describe}: no answer from TWS within ${options.timeoutMs / 1000} s`,
          ),
        );
      }, options.timeoutMs);
      this.#entries.set(key, {
        describe: options.describe,
        timer,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /** Whether `key` is open. */
  has(key: number | string): boolean {
    return this.#entries.has(key);
  }

  /** Settles `key` with `value`; false when it was not open. */
  resolve(key: number | string, value: unknown): boolean {
    const entry = this.#take(key);
    entry?.resolve(value);
    return entry !== undefined;
  }

  /** Fails `key` with `error`; false when it was not open. */
  reject(key: number | string, error: unknown): boolean {
    const entry = this.#take(key);
    entry?.reject(error);
    return entry !== undefined;
  }

  /** Fails every open request with `error` (connection lost, venue closed). */
  failAll(error: Error): void {
    for (const key of [...this.#entries.keys()]) this.reject(key, error);
  }

  #take(key: number | string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#scheduler.clearTimeout(entry.timer);
    return entry;
  }
}
