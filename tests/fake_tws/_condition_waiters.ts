/**
 * Event-driven waiting: a pending wait re-checks its condition whenever the
 * owner calls `notify()` (on every state change), and fails after a timeout
 * whose timer is always cleared.
 *
 * @module
 */

interface PendingWait {
  readonly check: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** A set of pending waits on conditions over some owner's state. */
export class ConditionWaiters {
  readonly #pending = new Set<PendingWait>();
  #closedWith: Error | undefined;

  /**
   * Resolves with `check()`'s first non-undefined result: now, or after a
   * later `notify()`. Rejects after `timeoutMs` with `describe()` in the message.
   */
  wait<T>(
    check: () => T | undefined,
    options: { timeoutMs: number; describe: () => string },
  ): Promise<T> {
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const entry: PendingWait = {
        check,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.#pending.delete(entry);
          reject(
            new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.describe()}`),
          );
        }, options.timeoutMs),
      };
      this.#pending.add(entry);
    });
  }

  /** Re-checks every pending wait; call after each state change. */
  notify(): void {
    for (const entry of [...this.#pending]) {
      let value: unknown;
      try {
        value = entry.check();
      } catch (error) {
        this.#settle(entry);
        entry.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (value !== undefined) {
        this.#settle(entry);
        entry.resolve(value);
      }
    }
  }

  /** Fails every pending wait, and every later one, with `error` (used on shutdown). */
  rejectAll(error: Error): void {
    this.#closedWith = error;
    for (const entry of [...this.#pending]) {
      this.#settle(entry);
      entry.reject(error);
    }
  }

  #settle(entry: PendingWait): void {
    clearTimeout(entry.timer);
    this.#pending.delete(entry);
  }
}
