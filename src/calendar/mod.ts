/**
 * Trading calendars: when a market trades, for stall detection and the
 * cadence of live runs.
 *
 * @module
 */
export type { TradingCalendar, TradingSession } from "./trading_calendar.ts";
export { US_EQUITIES_CALENDAR } from "./us_equities_calendar.ts";
export { ALWAYS_OPEN_CALENDAR } from "./always_open_calendar.ts";
