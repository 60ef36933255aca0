/**
 * Event-driven waits for tests: a check is run at once and again after every
 * event its owner reports with {@link EventWaits.notify}, until it returns a
 * defined value, throws, or times out. No polling, no sleeps.
 *
 * @module
 */

/** How long {@link EventWaits.waitFor} waits unless told, wall ms. */
const DEFAULT_WAIT_MS = 5000;

/**
 * Pending checks, re-run on every notified event.
 *
 * @example
 * ```ts
 * const waits = new EventWaits();
 * const fills: Fill[] = [];
 * bus.subscribe("fill", (fill) => (fills.push(fill), waits.notify()));
 * const first = await waits.waitFor(() => fills[0], "the first fill");
 * ```
 */
export class EventWaits {
  readonly #checks = new Set<() => void>();

  /**
   * Re-runs every pending check in a microtask: after the publisher's stack
   * and every synchronous subscriber of the event (a venue may publish several
   * events in one go, and a test's own subscriber records before it is read).
   */
  notify(): void {
    queueMicrotask(() => {
      for (const check of [...this.#checks]) check();
    });
  }

  /**
   * Resolves with `check()`'s first defined result, checked now and after
   * every {@link notify}; rejects with what `check` throws, or after
   * `timeoutMs` (default 5000) with an error naming `description`.
   */
  waitFor<T>(
    check: () => T | undefined,
    description: string,
    timeoutMs: number = DEFAULT_WAIT_MS,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#checks.delete(run);
      };
      this.#checks.add(run);
      run();
    });
  }
}
