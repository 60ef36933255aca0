/**
 * Session days in market time, for the daily-loss window.
 *
 * They are not the trading calendar's sessions (src/calendar), on purpose:
 * for US equities a 05:00 UTC rollover groups the same trading date
 * (extended hours included), a session day starts only at the first
 * market-time event after the previous one ended (so weekends and holidays
 * start none), and daily bars stamped 00:00 UTC are one session day each.
 * A market whose trading day crosses 05:00 UTC would need its calendar's
 * trading date here.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/**
 * Default rollover: 05:00 UTC. A session day then runs from 05:00 UTC to
 * 05:00 UTC the next day, which keeps US equity trading, pre-market (04:00 ET)
 * and after-hours (20:00 ET) inside one session day in both EST and EDT.
 */
export const DEFAULT_SESSION_ROLLOVER_MS = 5 * 3_600_000;

/**
 * Start (epoch ms) of the session day after the one containing `ts`, where
 * session days begin `rolloverMs` after UTC midnight.
 *
 * @example
 * ```ts
 * nextSessionStart(Date.UTC(2024, 0, 2, 15), DEFAULT_SESSION_ROLLOVER_MS);
 * // Date.UTC(2024, 0, 3, 5)
 * ```
 */
export function nextSessionStart(
  ts: number,
  rolloverMs: number = DEFAULT_SESSION_ROLLOVER_MS,
): number {
  const day = Math.floor((ts - rolloverMs) / DAY_MS);
  return (day + 1) * DAY_MS + rolloverMs;
}
