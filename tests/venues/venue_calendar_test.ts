/**
 * Which trading calendar each venue names: US equities for real US stock
 * data (CSV replay) and for IBKR, which trades US stocks through SMART;
 * always open for the synthetic feed, whose bars run in continuous time.
 */
import { strictEqual as assertSame } from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR, US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import { defaultVenueConfig } from "../../src/config/mod.ts";
import { IbkrVenue } from "../../src/venues/ibkr/mod.ts";
import { SimVenue, simVenueOptions } from "../../src/venues/sim/mod.ts";

const MINUTE = { barSizeMs: 60_000 };

Deno.test("a sim venue replaying CSV files trades on the US equities calendar", () => {
  const venue = new SimVenue(simVenueOptions({ feed: "csv", csv: { AAPL: "aapl.csv" } }), MINUTE);
  assertSame(venue.calendar, US_EQUITIES_CALENDAR);
});

Deno.test("a sim venue on the synthetic feed is always open, unless given a calendar", () => {
  assertSame(new SimVenue(simVenueOptions(), MINUTE).calendar, ALWAYS_OPEN_CALENDAR);
  const given = new SimVenue(simVenueOptions(), { ...MINUTE, calendar: US_EQUITIES_CALENDAR });
  assertSame(given.calendar, US_EQUITIES_CALENDAR);
});

Deno.test("the IBKR venue trades on the US equities calendar", () => {
  const venue = new IbkrVenue(defaultVenueConfig("ibkr"));
  assertSame(venue.calendar, US_EQUITIES_CALENDAR);
});
