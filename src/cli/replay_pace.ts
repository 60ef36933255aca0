/**
 * A replay paced in real time (`--speed 60`: sixty times real time) that
 * would look hung: daily bars at 10x real time come once every 2.4 hours.
 *
 * @module
 */

/** Wall time per bar above which a paced replay gets a warning. */
const SLOW_BAR_MS = 10_000;

function duration(ms: number): string {
  if (ms >= 3_600_000) {
    return `${(ms / 3_600_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} h`;
  }
  if (ms >= 60_000) {
    return `${(ms / 60_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} min`;
  }
  return `${(ms / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} s`;
}

/**
 * The warning for a replay at `speed` times real time over bars of
 * `barSizeMs`, when each bar would take more than 10 s of wall time; undefined
 * for `max` or a pace that keeps up.
 *
 * @example
 * ```ts
 * replayPaceWarning(86_400_000, 10, "1d");
 * // "--speed 10 replays 1d bars at one every 2.4 h of wall time; use --speed max, or a larger multiplier"
 * ```
 */
export function replayPaceWarning(
  barSizeMs: number,
  speed: "max" | number,
  barSize: string,
): string | undefined {
  if (speed === "max") return undefined;
  const perBar = barSizeMs / speed;
  if (perBar <= SLOW_BAR_MS) return undefined;
  return `warning: --speed ${speed} replays ${barSize} bars at one every ${
    duration(perBar)
  } of wall time; use --speed max, or a larger multiplier (e.g. --speed ${
    Math.ceil(barSizeMs / 1000)
  } for one bar a second)`;
}
