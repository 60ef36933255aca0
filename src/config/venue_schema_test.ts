import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { defaultVenueConfig } from "./venue_schema.ts";

Deno.test("defaultVenueConfig fills every default of a venue type", () => {
  const sim = defaultVenueConfig("sim");
  assertEquals([sim.feed, sim.bars, sim.seed, sim.speed], ["synthetic", 500, 42, "max"]);
  assertEquals(sim.commission.perShare.toString(), "0.005");
  const ibkr = defaultVenueConfig("ibkr");
  assertEquals([ibkr.host, ibkr.port, ibkr.clientId, ibkr.maxRequestsPerSecond], [
    "127.0.0.1",
    7497,
    1,
    45,
  ]);
});
