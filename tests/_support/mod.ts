/**
 * Helpers shared by tests of several folders: event-driven waits, order
 * requests with their compact status views, bars on NYSE trading days, and
 * temporary folders.
 *
 * @module
 */
export { EventWaits } from "./event_waits.ts";
export { type OrderFields, orderRequest, statusRow } from "./orders.ts";
export { dailyBarsOn, flatBarAt, sessionMinuteBars, tradingDates } from "./session_bars.ts";
export { pathExists, withTempDir } from "./temp_files.ts";
