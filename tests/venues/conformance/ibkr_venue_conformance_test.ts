import assert from "node:assert/strict";
import { toDecimal } from "../../../src/model/mod.ts";
import { sanitizedTest } from "../../fake_tws/mod.ts";
import { orderRequest, statusRow } from "../../_support/mod.ts";
import { acknowledged } from "./_orders.ts";
import { ibkrVenueDriver, startIbkrSession } from "./ibkr_venue_driver.ts";
import { venueConformanceTests } from "./venue_conformance.ts";

for (const test of venueConformanceTests(ibkrVenueDriver)) sanitizedTest(test.name, test.fn);

sanitizedTest(
  "IbkrVenue priceIncrement is the contract's minTick (0.05) once subscribed; a limit off it is rejected with its reason and never reaches TWS, one on it works and fills",
  async () => {
    await using session = await startIbkrSession({
      prices: { XYZ: 10 },
      contracts: { AAPL: { conId: 265598 }, XYZ: { conId: 4242, minTick: "0.05" } },
    });
    const { venue: { broker }, events, tws } = session;
    for (const price of ["10", "0.5", "250"]) {
      assert.equal(broker.priceIncrement("XYZ", toDecimal(price)).toString(), "0.05", price);
    }
    await broker.submit(orderRequest("z-1", { symbol: "XYZ", quantity: 5, limitPrice: "10.03" }));
    const refused = events.statusesOf("z-1");
    assert.deepEqual(refused.map(statusRow), [["rejected", "0", "0"]]);
    assert.match(
      refused[0]?.reason ?? "",
      /10\.03 is not a multiple of XYZ's price increment 0\.05/,
    );
    await session.settle();
    assert.equal(tws.count("PLACE_ORDER"), 0);
    assert.deepEqual(events.statusesOf("z-1").map(statusRow), [["rejected", "0", "0"]]);

    await broker.submit(orderRequest("z-2", { symbol: "XYZ", quantity: 5, limitPrice: "10.05" }));
    await acknowledged(session, "z-2");
    await session.step("XYZ", 10.05);
    assert.deepEqual(events.statusesOf("z-2").map(statusRow), [
      ["submitted", "0", "5"],
      ["filled", "5", "0"],
    ]);
    assert.deepEqual(tws.requests("PLACE_ORDER").map((r) => r.lmtPrice?.toString()), ["10.05"]);
  },
);
