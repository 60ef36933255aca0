/**
 * Conformance scenarios of `Broker.modify` and of price increments. Each
 * runs the same on every venue.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toDecimal } from "../../../src/model/mod.ts";
import { orderRequest, statusRow } from "../../_support/mod.ts";
import { acknowledged, eventCount, openOrderRows, stepUntilFinished } from "./_orders.ts";
import type { ConformanceScenario } from "./_scenario.ts";
import type { VenueSession } from "./venue_driver.ts";

/** The market of most scenarios: AAPL at 100 (one subscription keeps networked sessions short). */
const MARKET = { AAPL: 100 } as const;

/** Modifies order `a-1` to `fields` and waits for the answer (the `nth` amendment answer of a-1). */
async function amend(
  session: VenueSession,
  nth: number,
  fields: { readonly quantity: number | string; readonly limitPrice: number | string },
): Promise<(string | undefined)[]> {
  await session.venue.broker.modify(orderRequest("a-1", fields));
  const answer = await session.events.amendmentAnswer("a-1", nth);
  if (answer.amendment?.outcome === "rejected") assert.ok(answer.reason, "a refusal says why");
  return statusRow(answer);
}

/** The scenarios of modifications and price increments. */
export const MODIFY_SCENARIOS: readonly ConformanceScenario[] = [
  {
    name:
      "modify of a working limit order: quantity up and down accepted with the new total, a total not above the filled part refused while the order works on, a new limit price accepted; later fills stop at the new total",
    options: { prices: MARKET, partialFills: true },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("a-1", { quantity: 10, limitPrice: 100 }));
      await acknowledged(session, "a-1");
      await session.step("AAPL", 100);
      assert.deepEqual(statusRow(await events.nthStatus("a-1", 1)), ["partially_filled", "5", "5"]);

      const up = await amend(session, 1, { quantity: 15, limitPrice: 100 });
      assert.deepEqual(up, ["partially_filled", "5", "10", "accepted", "15", "100"]);
      const down = await amend(session, 2, { quantity: 8, limitPrice: 100 });
      assert.deepEqual(down, ["partially_filled", "5", "3", "accepted", "8", "100"]);
      const notAbove = await amend(session, 3, { quantity: 5, limitPrice: 100 });
      assert.deepEqual(notAbove, ["partially_filled", "5", "3", "rejected", "8", "100"]);
      assert.deepEqual(await openOrderRows(broker), [["a-1", "partially_filled", "8", "5", "100"]]);
      const limit = await amend(session, 4, { quantity: 8, limitPrice: 99 });
      assert.deepEqual(limit, ["partially_filled", "5", "3", "accepted", "8", "99"]);

      await session.step("AAPL", 100); // above the new limit: no fill
      assert.equal(events.filledBy("a-1").toString(), "5");
      const fillsBefore = events.fillsOf("a-1").length;
      await stepUntilFinished(session, "a-1", { symbol: "AAPL", price: () => 99 }, {
        maxSteps: 6,
      });
      const last = events.statusesOf("a-1").at(-1);
      assert.deepEqual(last && statusRow(last), ["filled", "8", "0"]);
      assert.equal(events.filledBy("a-1").toString(), "8");
      assert.ok(events.fillsOf("a-1").slice(fillsBefore).every((f) => f.price.equals(99)));
      assert.ok(
        events.statusesOf("a-1").every((s) => s.status !== "rejected" && s.status !== "cancelled"),
        "a refused modification does not reject the order",
      );
      const positions = await broker.positions();
      assert.deepEqual(
        positions.map((
          p,
        ) => [p.symbol, p.quantity.toString(), p.avgCost.toDecimalPlaces(6).toString()]),
        [["AAPL", "8", "99.625"]], // (5 x 100 + 3 x 99) / 8
      );
    },
  },
  {
    name:
      "modify of a finished order resolves and publishes nothing; an unknown id or a changed side rejects the call and publishes nothing",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("f-1", { quantity: 5 }));
      await acknowledged(session, "f-1");
      await session.step("AAPL", 100);
      assert.equal(events.statusesOf("f-1").at(-1)?.status, "filled");
      let before = eventCount(session);
      await broker.modify(orderRequest("f-1", { quantity: 7 }));
      await session.settle();
      assert.equal(eventCount(session), before);

      await broker.submit(orderRequest("w-1", { quantity: 5, limitPrice: 90 }));
      await acknowledged(session, "w-1");
      before = eventCount(session);
      await assert.rejects(broker.modify(orderRequest("nope-1", { quantity: 5, limitPrice: 90 })));
      await assert.rejects(
        broker.modify(orderRequest("w-1", { side: "SELL", quantity: 5, limitPrice: 90 })),
      );
      await session.settle();
      assert.equal(eventCount(session), before);
      assert.deepEqual(await openOrderRows(broker), [["w-1", "submitted", "5", "0", "90"]]);
    },
  },
  {
    name:
      "priceIncrement is 0.01 at and above 1 USD; submit of a limit off it resolves and the order is rejected with its reason, never works, and its id is taken",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      for (const price of ["1", "100", "2500.5"]) {
        assert.equal(broker.priceIncrement("AAPL", toDecimal(price)).toString(), "0.01", price);
      }
      // Refused as an event (Broker.submit): the call resolves, `rejected` arrives with the reason.
      await broker.submit(orderRequest("t-1", { quantity: 10, limitPrice: "99.995" }));
      const refused = await acknowledged(session, "t-1");
      assert.deepEqual(statusRow(refused), ["rejected", "0", "0"]);
      assert.match(refused.reason ?? "", /99\.995/);
      await assert.rejects(
        broker.submit(orderRequest("t-1", { quantity: 10, limitPrice: "99.99" })),
        "the refused order's id is taken",
      );
      await session.settle();
      assert.deepEqual(events.statusesOf("t-1").map(statusRow), [["rejected", "0", "0"]]);
      await session.step("AAPL", 99);
      assert.deepEqual(events.fills, []);
      assert.deepEqual(await openOrderRows(broker), []);
    },
  },
  {
    name:
      "a modification to a limit off the increment or to a fractional quantity resolves with the amendment rejected and its reason; the order keeps working at its old values",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("a-1", { quantity: 10, limitPrice: 95 }));
      await acknowledged(session, "a-1");
      // Refused as an event (Broker.modify): the call resolves, the answer is an amendment
      // `rejected` with the reason, the order working as before.
      const offTick = await amend(session, 1, { quantity: 10, limitPrice: "95.005" });
      assert.deepEqual(offTick, ["submitted", "0", "10", "rejected", "10", "95"]);
      const fractional = await amend(session, 2, { quantity: "2.5", limitPrice: 95 });
      assert.deepEqual(fractional, ["submitted", "0", "10", "rejected", "10", "95"]);
      await session.settle();
      const answers = events.statusesOf("a-1").slice(1);
      assert.deepEqual(answers.map(statusRow), [
        ["submitted", "0", "10", "rejected", "10", "95"],
        ["submitted", "0", "10", "rejected", "10", "95"],
      ]);
      assert.match(answers[0]?.reason ?? "", /^modification refused: .*95\.005/);
      assert.match(
        answers[1]?.reason ?? "",
        /^modification refused: .*quantity must be a positive whole number of shares, got 2\.5/,
      );
      assert.deepEqual(await openOrderRows(broker), [["a-1", "submitted", "10", "0", "95"]]);
      await session.step("AAPL", 95.01);
      assert.deepEqual(events.fills, []);
      await session.step("AAPL", 95);
      const last = events.statusesOf("a-1").at(-1);
      assert.deepEqual(last && statusRow(last), ["filled", "10", "0"]);
    },
  },
];
