/**
 * Helpers shared by tests of several folders: event-driven waits, order
 * requests with their compact status views, bars on NYSE trading days,
 * series with gaps for the stall properties, the run command in-process, and
 * temporary folders.
 *
 * @module
 */
export { EventWaits } from "./event_waits.ts";
export { type OrderFields, orderRequest, statusRow } from "./orders.ts";
export { dailyBarsOn, flatBarAt, sessionMinuteBars, tradingDates } from "./session_bars.ts";
export { runCommand, type RunOutcome } from "./run_cli.ts";
export { expectedStallReports, gaps, keptPositions } from "./stall_series.ts";
export { pathExists, withTempDir } from "./temp_files.ts";
