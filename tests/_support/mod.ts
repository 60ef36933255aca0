/**
 * Helpers shared by tests of several folders: event-driven waits, order
 * requests with their compact status views, and bars on NYSE trading days.
 *
 * @module
 */
export { EventWaits } from "./event_waits.ts";
export { type OrderFields, orderRequest, statusRow } from "./orders.ts";
export { dailyBarsOn, flatBarAt, sessionMinuteBars, tradingDates } from "./session_bars.ts";
