/**
 * When a symbol's silence is a data stall: silence measured in the market's
 * trading time, so a weekend, a holiday, a night or the hours after an early
 * close never count.
 *
 * @module
 */
import { ALWAYS_OPEN_CALENDAR, type TradingCalendar } from "../calendar/mod.ts";

const DAY_MS = 86_400_000;

/** Options of a {@link StallRule}. */
export interface StallRuleOptions {
  /** The graph's `heartbeat_timeout_seconds`, in ms. */
  readonly timeoutMs: number;
  /**
   * Length of the bars the feed publishes, ms (IB real-time bars: 5000). A
   * feed is never stalled before one bar length; bars of a day or longer are
   * a daily feed, whose silence is counted in trading days.
   */
  readonly barSizeMs: number;
  /** The market's calendar; default {@link ALWAYS_OPEN_CALENDAR} (every instant counts). */
  readonly calendar?: TradingCalendar;
}

/**
 * The stall rule: a symbol is stalled when its silence exceeds
 * {@link StallRule.afterMs}, the larger of the heartbeat timeout and the bar
 * length. Silence is trading time: for an intraday feed, the time inside the
 * calendar's sessions since the symbol's last data
 * ({@link TradingCalendar.tradingTimeBetween}); for a daily feed, one day per
 * session that closed since then ({@link TradingCalendar.tradingDaysBetween}),
 * so daily bars one trading day apart are never stalled and a symbol that
 * misses a whole session of bars is: judged when market time reaches the
 * next trading day's bars (two sessions closed since its last bar), before
 * they are dispatched.
 *
 * @example
 * ```ts
 * const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: 60_000, calendar: US_EQUITIES_CALENDAR });
 * // Last bar Friday 15:59 EST, checked Monday 09:31 EST: two minutes of trading time.
 * rule.isStalled(Date.UTC(2024, 0, 5, 20, 59), Date.UTC(2024, 0, 8, 14, 31)); // true (> 60 s)
 * rule.isStalled(Date.UTC(2024, 0, 5, 20, 59), Date.UTC(2024, 0, 8, 14, 30)); // false
 * ```
 */
export class StallRule {
  /** Silence, in trading time, beyond which a symbol is stalled. */
  readonly afterMs: number;
  /** The calendar whose trading time counts. */
  readonly calendar: TradingCalendar;
  /** True for a daily (or longer) feed: silence counts whole trading days. */
  readonly daily: boolean;

  /** The rule for a feed of `barSizeMs` bars with heartbeat timeout `timeoutMs`. */
  constructor(options: StallRuleOptions) {
    this.afterMs = Math.max(options.timeoutMs, options.barSizeMs);
    this.calendar = options.calendar ?? ALWAYS_OPEN_CALENDAR;
    this.daily = options.barSizeMs >= DAY_MS;
  }

  /** Trading time from `fromMs` to `toMs` that counts as silence, in ms. */
  silenceMs(fromMs: number, toMs: number): number {
    return this.daily
      ? this.calendar.tradingDaysBetween(fromMs, toMs) * DAY_MS
      : this.calendar.tradingTimeBetween(fromMs, toMs);
  }

  /**
   * Whether a symbol whose last data was at `lastDataMs` is stalled at
   * `nowMs`. An intraday feed's silence is at most the elapsed time
   * (sessions never overlap), so a symbol heard from within `afterMs` is
   * answered without asking the calendar: the check of every symbol at
   * every new instant of a replay stays cheap.
   */
  isStalled(lastDataMs: number, nowMs: number): boolean {
    if (!this.daily && nowMs - lastDataMs <= this.afterMs) return false;
    return this.silenceMs(lastDataMs, nowMs) > this.afterMs;
  }
}
