/**
 * Helpers shared by tests of several folders: event-driven waits and order
 * requests with their compact status views.
 *
 * @module
 */
export { EventWaits } from "./event_waits.ts";
export { type OrderFields, orderRequest, statusRow } from "./orders.ts";
