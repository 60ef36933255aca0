import { venueConformanceTests } from "./venue_conformance.ts";
import { simVenueDriver } from "./sim_venue_driver.ts";

for (const test of venueConformanceTests(simVenueDriver)) Deno.test(test.name, test.fn);
