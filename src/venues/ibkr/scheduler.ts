/**
 * Injected timing for the IBKR venue: a monotonic clock and timers for
 * pacing, backoff, commission waits and request timeouts. Tests pass a
 * manual one; production uses the system's.
 *
 * @module
 */

/** Opaque handle of a scheduled callback (a number or a Node-style Timeout). */
export type TimerHandle = unknown;

/** A monotonic clock plus one-shot timers. */
export interface Scheduler {
  /** Monotonic time in ms (not market time). */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a callback scheduled with {@link Scheduler.setTimeout}; unknown handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** `performance.now()` and the global timers. */
export const SYSTEM_SCHEDULER: Scheduler = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Resolves after `ms` on `scheduler`, or at once when `signal` aborts (the
 * timer is then cleared, so nothing leaks).
 *
 * @example
 * ```ts
 * await sleepOn(SYSTEM_SCHEDULER, 1000, controller.signal);
 * ```
 */
export function sleepOn(scheduler: Scheduler, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      scheduler.clearTimeout(handle);
      resolve();
    };
    const handle = scheduler.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
