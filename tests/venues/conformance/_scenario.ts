/**
 * The shape of one conformance scenario.
 *
 * @module
 */
import type { SessionOptions, VenueSession } from "./venue_driver.ts";

/** One behaviour of the Venue contract, checked on a fresh session of each venue. */
export interface ConformanceScenario {
  /** The behaviour, as the test name states it (the runner prefixes the venue's name). */
  readonly name: string;
  /** The session the scenario needs. */
  readonly options: SessionOptions;
  /** Acts through the venue and the session's market, asserting what the contract promises. */
  run(session: VenueSession): Promise<void>;
}
