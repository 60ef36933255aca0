/**
 * The trading calendar contract: when an exchange trades, and how much
 * trading time lies between two instants. Stall detection measures a
 * symbol's silence with it, so a weekend, a holiday or a night is not a
 * stall.
 *
 * @module
 */

/** One regular trading session. */
export interface TradingSession {
  /** The trading date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Opening instant, epoch ms. */
  readonly open: number;
  /** Closing instant, epoch ms (after `open`). */
  readonly close: number;
  /** True when the session closes before the regular time (US equities: 13:00 instead of 16:00). */
  readonly earlyClose: boolean;
}

/**
 * When a market trades. Sessions of successive trading dates never overlap.
 * Instants are epoch ms; dates are ISO `YYYY-MM-DD` and name trading dates,
 * not time-zone days. Methods throw a `RangeError` for a malformed date or a
 * non-finite instant.
 *
 * Implementations: {@link US_EQUITIES_CALENDAR} (NYSE hours and holidays)
 * and {@link ALWAYS_OPEN_CALENDAR} (continuous time: synthetic data, tests).
 *
 * @example
 * ```ts
 * US_EQUITIES_CALENDAR.isTradingDay("2024-07-04");      // false: Independence Day
 * US_EQUITIES_CALENDAR.sessionOn("2024-07-03")?.close;  // 13:00 New York, an early close
 * US_EQUITIES_CALENDAR.tradingDaysBetween(
 *   Date.UTC(2024, 6, 3), Date.UTC(2024, 6, 8),          // Wed 00:00 UTC .. Mon 00:00 UTC
 * );                                                     // 2: July 3 and July 5
 * US_EQUITIES_CALENDAR.barsPerYear(86_400_000);         // 252
 * ALWAYS_OPEN_CALENDAR.barsPerYear(3_600_000);          // 8766: 365.25 x 24
 * ```
 */
export interface TradingCalendar {
  /** Short name for messages and telemetry, e.g. `"us_equities"`. */
  readonly name: string;
  /** Whether the market holds a session on `isoDate`. */
  isTradingDay(isoDate: string): boolean;
  /** The session held on `isoDate`, or `undefined` on a day without trading. */
  sessionOn(isoDate: string): TradingSession | undefined;
  /** Whether `ms` lies inside a session (its open included, its close not). */
  isMarketOpen(ms: number): boolean;
  /** The opening instant of the first session that opens after `ms`. */
  nextSessionOpen(ms: number): number;
  /**
   * Time inside sessions between `fromMs` and `toMs`, in ms (0 when `toMs`
   * is not after `fromMs`): what counts toward a data stall of an intraday
   * feed. A weekend, a holiday, a night, the hours after an early close add
   * nothing.
   */
  tradingTimeBetween(fromMs: number, toMs: number): number;
  /**
   * Sessions that close after `fromMs` and at or before `toMs`: what counts
   * toward a data stall of a daily feed, whose bars are one trading day
   * apart whatever time of day they are stamped with.
   */
  tradingDaysBetween(fromMs: number, toMs: number): number;
  /**
   * Sessions in the year that annualised figures refer to: 252 for US
   * equities (the market's convention), 365.25 for always open (a year of
   * continuous time).
   */
  readonly sessionsPerYear: number;
  /**
   * Bars of `barSizeMs` the market produces in a year of
   * {@link sessionsPerYear} sessions: the count that annualises a per-bar
   * variance (annual variance = per-bar variance x bars a year). Bars are
   * cut as `barStart` cuts them, into UTC-aligned periods of `barSizeMs`, and
   * a period is a bar when a session trades in it; intraday bars are counted
   * per full session (an early close does not shorten the conventional
   * year), longer bars per session of any length. US equities: 252 x 390
   * one-minute bars, 252 x 7 hourly bars (09:30-10:00 is one of them),
   * 252 daily bars, about 52.2 weekly bars; always open: the year's length
   * over the bar size.
   *
   * @throws {RangeError} when `barSizeMs` is not a positive finite number.
   */
  barsPerYear(barSizeMs: number): number;
}
