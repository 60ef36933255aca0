/**
 * The Venue conformance suite: one list of behaviours of the core's Venue
 * contract (src/venue/venue.ts), run against every venue through a
 * {@link VenueDriver}, as hono runs one router suite over every router.
 * Scenarios assert only what the contract promises; a driver supplies the
 * inputs (how the market moves, how a rejection is provoked).
 *
 * Refusals follow the contract's two channels, and the suite requires the
 * right one on every venue:
 *
 * - Bad order values are events. `Broker.submit` of an order whose quantity
 *   is not a positive whole number or whose limit is off the price increment
 *   resolves and publishes `order_status` `rejected` with the reason (its id
 *   is then taken); `Broker.modify` to such values resolves and publishes an
 *   `order_status` whose `amendment` is `rejected`, the reason starting
 *   `modification refused: `, the order working as before.
 * - A call the venue cannot take at all rejects its promise and publishes
 *   nothing: a duplicate order id, a modification of an unknown id or one
 *   that changes symbol, side, type or time in force.
 *
 * @example
 * ```ts
 * for (const test of venueConformanceTests(simVenueDriver)) Deno.test(test.name, test.fn);
 * ```
 *
 * @module
 */
import assert from "node:assert/strict";
import { MODIFY_SCENARIOS } from "./_modify_scenarios.ts";
import { ORDER_SCENARIOS } from "./_order_scenarios.ts";
import type { ConformanceScenario } from "./_scenario.ts";
import type { VenueDriver } from "./venue_driver.ts";

export type { ConformanceScenario } from "./_scenario.ts";

/** Every scenario of the suite, in run order. */
export const VENUE_CONFORMANCE_SCENARIOS: readonly ConformanceScenario[] = [
  ...ORDER_SCENARIOS,
  ...MODIFY_SCENARIOS,
];

/** A test to register: `name` starts with the venue's name. */
export interface ConformanceTest {
  /** `"<venue> <behaviour>"`. */
  readonly name: string;
  /** Starts a session, runs the scenario, checks the session ended healthy, closes it. */
  readonly fn: () => Promise<void>;
}

/**
 * The suite's tests for `driver`. Each runs its scenario on a fresh session
 * and then checks that the venue published no `venue_health` `error`.
 */
export function venueConformanceTests(driver: VenueDriver): ConformanceTest[] {
  return VENUE_CONFORMANCE_SCENARIOS.map((scenario) => ({
    name: `${driver.name} ${scenario.name}`,
    fn: async () => {
      await using session = await driver.start(scenario.options);
      await scenario.run(session);
      const errors = session.events.health.filter((event) => event.kind === "error");
      assert.deepEqual(errors.map((event) => event.message), []);
    },
  }));
}
