/**
 * Reconnect delays: exponential backoff with jitter.
 *
 * @module
 */

/** Backoff settings, ms. */
export interface BackoffOptions {
  /** Delay before the first attempt; default 1000. */
  readonly initialMs: number;
  /** Largest delay; default 30 000. */
  readonly maxMs: number;
  /** Spread of the jitter as a fraction of the delay, 0..1; default 0.2 (±10 %). */
  readonly jitter: number;
}

/** 1 s doubling to 30 s, ±10 % jitter. */
export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({
  initialMs: 1000,
  maxMs: 30_000,
  jitter: 0.2,
});

/**
 * Delay before reconnect attempt `attempt` (1-based):
 * `min(maxMs, initialMs * 2^(attempt-1))`, scaled by a factor drawn from
 * `[1 - jitter/2, 1 + jitter/2)` with `random()` in [0, 1), and capped at
 * `maxMs` again. Jitter keeps many clients from reconnecting in lockstep.
 *
 * @example
 * ```ts
 * reconnectDelay(1, DEFAULT_BACKOFF, () => 0.5); // 1000
 * reconnectDelay(6, DEFAULT_BACKOFF, () => 0.5); // 30000 (32 s capped)
 * ```
 */
export function reconnectDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const factor = 1 - options.jitter / 2 + random() * options.jitter;
  return Math.round(Math.min(options.maxMs, base * factor));
}
