/**
 * Builds the venue a graph names, after checking the run may reach it.
 *
 * @module
 */
import type { StrategyGraphConfig } from "../config/mod.ts";
import { UserError } from "../errors.ts";
import { barSizeMs } from "../model/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { IbkrVenue } from "../venues/ibkr/mod.ts";
import { SimVenue } from "../venues/sim/mod.ts";

/** The environment variables the run command and its libraries read. */
export const RUN_ENV_VARIABLES: readonly string[] = [
  "LOG_TOKENS",
  "LOG_STREAM",
  "IBKR_MAX_POSITION",
  "IBKR_MAX_NOTIONAL",
  "IBKR_ENABLE_STRATEGY_COORDINATOR",
  "IBKR_LIVE_ACK",
];

/**
 * Creates the venue of `graph`. For IBKR it first checks that network access
 * to exactly the configured `host:port` was granted, so a run without it
 * fails before any connection attempt with the command that would work.
 */
export async function createVenue(graph: StrategyGraphConfig): Promise<Venue> {
  const venue = graph.venue;
  if (venue.type === "sim") {
    return new SimVenue(venue, { barSizeMs: barSizeMs(graph.settings.barSize) });
  }
  const address = `${venue.host}:${venue.port}`;
  const permission = await Deno.permissions.query({ name: "net", host: address });
  if (permission.state !== "granted") {
    throw new UserError(
      `network access to ${address} is not granted. \`deno task run\` may only reach the paper ` +
        `ports on this machine (127.0.0.1:7497 TWS, 127.0.0.1:4002 IB Gateway). For another ` +
        `host or port run:\n  deno run --allow-net=${address} --allow-read=. --allow-write=logs ` +
        `--allow-env=${RUN_ENV_VARIABLES.join(",")} main.ts run ...\n(see docs/paper_trading.md)`,
    );
  }
  return new IbkrVenue(venue);
}
