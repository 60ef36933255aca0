/**
 * Builds the venue a graph names, after checking the run may reach it.
 *
 * @module
 */
import type { StrategyGraphConfig } from "../config/mod.ts";
import { UserError } from "../errors.ts";
import { netAddress } from "../model/net_address.ts";
import type { Venue } from "../venue/mod.ts";
import { IbkrVenue } from "../venues/ibkr/mod.ts";
import { createSimVenue } from "./_sim_venue.ts";

/**
 * Creates the venue of `graph`. The sim venue reads a CSV replay's files now
 * (see createSimVenue), before the run opens its log. For IBKR it first checks that network access
 * to exactly the configured `host:port` was granted (the launcher grants it),
 * so a job started without it fails before any connection attempt.
 */
export async function createVenue(graph: StrategyGraphConfig): Promise<Venue> {
  const venue = graph.venue;
  if (venue.type === "sim") return await createSimVenue(graph, venue);
  const address = netAddress(venue.host, venue.port);
  const permission = await Deno.permissions.query({ name: "net", host: address });
  if (permission.state !== "granted") {
    throw new UserError(
      `network access to ${address} is not granted to this run; start it with ` +
        `\`deno task run\`, which grants exactly the venue's host:port ` +
        `(check with --print-permissions)`,
    );
  }
  return new IbkrVenue(venue);
}
