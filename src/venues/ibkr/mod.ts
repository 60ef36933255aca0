/**
 * The Interactive Brokers venue: TWS / IB Gateway over @stoqey/ib, behind the
 * core's `Venue` contract, plus the historical-data client used by the
 * `history` command.
 *
 * @module
 */
export { chooseAccount, isPaperAccount, PAPER_ACCOUNT_PREFIX } from "./account_selection.ts";
export { type BackoffOptions, DEFAULT_BACKOFF, reconnectDelay } from "./backoff.ts";
export { type ConnectionState } from "./connection_supervisor.ts";
export { TwsDisconnectedError, TwsRequestError } from "./ibkr_errors.ts";
export { IbkrVenue } from "./ibkr_venue.ts";
export { type HistoryClientOptions, IbkrHistoryClient } from "./history_client.ts";
export type { HistoricalQuery, HistoricalRow } from "./history_fetcher.ts";
export type { IbkrVenueOptions } from "./ibkr_venue_options.ts";
export {
  findIbBarSize,
  IB_BAR_SIZES,
  type IbBarSize,
  normalizeIbDuration,
} from "./history_plan.ts";
export { IB_MAX_MESSAGES_PER_SECOND } from "./outbound_pacer.ts";
export { type Scheduler, SYSTEM_SCHEDULER } from "./scheduler.ts";
