/**
 * Trading calendars: when a market trades, for stall detection, the
 * cadence of live runs and the year vol_target annualises over.
 *
 * @module
 */
export type { TradingCalendar, TradingSession } from "./trading_calendar.ts";
export { US_EQUITIES_CALENDAR } from "./us_equities_calendar.ts";
export { ALWAYS_OPEN_CALENDAR } from "./always_open_calendar.ts";
