/**
 * The venue contract the simulated and IBKR venues implement.
 *
 * @module
 */
export type { AccountSource, Broker, MarketDataFeed, Venue, VenueEndpoint } from "./venue.ts";
