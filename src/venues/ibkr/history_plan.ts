/**
 * IB historical bar sizes and durations, and how the venue turns "`count`
 * bars of `barSizeMs`" into requests TWS accepts.
 *
 * @module
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One bar size TWS accepts, with the longest duration one request may cover for it. */
export interface IbBarSize {
  /** `barSizeSetting` text, e.g. `"5 mins"`. */
  readonly setting: string;
  /** Our short name, e.g. `"5m"`. */
  readonly short: string;
  /** Bar length in ms. */
  readonly ms: number;
  /**
   * Longest `durationStr` for this size in IB's table of valid duration and
   * bar size combinations; the venue pages backwards in steps of it.
   */
  readonly pageDuration: string;
  /** True when intraday alignment matches UTC-aligned aggregation (the venue may use it). */
  readonly venue: boolean;
}

/** Every bar size TWS accepts (except `1 month`), shortest first. */
export const IB_BAR_SIZES: readonly IbBarSize[] = [
  { setting: "1 secs", short: "1s", ms: SECOND, pageDuration: "1800 S", venue: true },
  { setting: "5 secs", short: "5s", ms: 5 * SECOND, pageDuration: "3600 S", venue: true },
  { setting: "10 secs", short: "10s", ms: 10 * SECOND, pageDuration: "14400 S", venue: true },
  { setting: "15 secs", short: "15s", ms: 15 * SECOND, pageDuration: "14400 S", venue: true },
  { setting: "30 secs", short: "30s", ms: 30 * SECOND, pageDuration: "28800 S", venue: true },
  { setting: "1 min", short: "1m", ms: MINUTE, pageDuration: "1 D", venue: true },
  { setting: "2 mins", short: "2m", ms: 2 * MINUTE, pageDuration: "2 D", venue: true },
  { setting: "3 mins", short: "3m", ms: 3 * MINUTE, pageDuration: "1 W", venue: true },
  { setting: "5 mins", short: "5m", ms: 5 * MINUTE, pageDuration: "1 W", venue: true },
  { setting: "10 mins", short: "10m", ms: 10 * MINUTE, pageDuration: "1 W", venue: true },
  { setting: "15 mins", short: "15m", ms: 15 * MINUTE, pageDuration: "1 W", venue: true },
  { setting: "20 mins", short: "20m", ms: 20 * MINUTE, pageDuration: "1 W", venue: true },
  { setting: "30 mins", short: "30m", ms: 30 * MINUTE, pageDuration: "1 M", venue: true },
  { setting: "1 hour", short: "1h", ms: HOUR, pageDuration: "1 M", venue: true },
  // IB aligns multi-hour and weekly bars to sessions / Mondays, not to UTC as
  // the live aggregation does, so the venue builds those from 1 hour / 1 day.
  { setting: "2 hours", short: "2h", ms: 2 * HOUR, pageDuration: "1 M", venue: false },
  { setting: "3 hours", short: "3h", ms: 3 * HOUR, pageDuration: "1 M", venue: false },
  { setting: "4 hours", short: "4h", ms: 4 * HOUR, pageDuration: "1 M", venue: false },
  { setting: "8 hours", short: "8h", ms: 8 * HOUR, pageDuration: "1 M", venue: false },
  { setting: "1 day", short: "1d", ms: DAY, pageDuration: "1 Y", venue: true },
  { setting: "1 week", short: "1w", ms: 7 * DAY, pageDuration: "1 Y", venue: false },
];

/** The IB bar size named `name`: our short form (`1d`) or IB's text (`1 day`); undefined if none. */
export function findIbBarSize(name: string): IbBarSize | undefined {
  const text = name.trim().replace(/\s+/g, " ");
  return IB_BAR_SIZES.find((size) => size.short === text || size.setting === text);
}

const DURATION_PATTERN = /^([1-9][0-9]*)\s*([SDWMY])$/;
const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  S: SECOND,
  D: DAY,
  W: 7 * DAY,
  M: 30 * DAY,
  Y: 365 * DAY,
};

/**
 * Normalises an IB duration (`2Y`, `2 Y`, `30 D`, `3600 S`; `M` is months)
 * to TWS's `"<n> <unit>"` form, or returns `undefined` when it is not one.
 * Seconds are limited to 86400 as TWS requires.
 *
 * @example
 * ```ts
 * normalizeIbDuration("2Y"); // "2 Y"
 * ```
 */
export function normalizeIbDuration(text: string): string | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const amount = Number(match[1]);
  if (match[2] === "S" && amount > 86_400) return undefined;
  return `${amount} ${match[2]}`;
}

/** Length of a normalised duration in ms (months 30 days, years 365). */
export function ibDurationMs(duration: string): number {
  const [amount, unit] = duration.split(" ");
  return Number(amount) * (DURATION_UNIT_MS[unit ?? ""] ?? Number.NaN);
}

/** How the venue fetches `count` bars of one size. */
export interface HistoryPlan {
  /** The IB bar size requested. */
  readonly source: IbBarSize;
  /** Source bars per requested bar (1 when the size is an IB size). */
  readonly factor: number;
  /** Source bars to collect: enough for `count` complete aggregated bars. */
  readonly sourceCount: number;
}

/**
 * Plans a history fetch: the largest venue-usable IB bar size that divides
 * `barSizeMs` (so `45s` is fetched as `15 secs` bars and aggregated 3 to 1),
 * and how many of them to collect.
 *
 * @throws {RangeError} when `barSizeMs` is not a whole number of seconds.
 */
export function planHistory(count: number, barSizeMs: number): HistoryPlan {
  const usable = IB_BAR_SIZES.filter((size) => size.venue && barSizeMs % size.ms === 0);
  const source = usable[usable.length - 1];
  if (source === undefined) {
    throw new RangeError(
      `bar size ${barSizeMs} ms cannot be built from IB historical bars: use whole seconds`,
    );
  }
  const factor = barSizeMs / source.ms;
  return { source, factor, sourceCount: count * factor + (factor > 1 ? factor : 0) };
}
