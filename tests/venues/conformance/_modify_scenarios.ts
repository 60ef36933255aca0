/**
 * Conformance scenarios of `Broker.modify` and of price increments. Each
 * runs the same on every venue.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toDecimal } from "../../../src/model/mod.ts";
import {
  acknowledged,
  eventCount,
  openOrderRows,
  order,
  statusRow,
  stepUntilFinished,
} from "./_orders.ts";
import type { ConformanceScenario } from "./_scenario.ts";
import type { VenueSession } from "./venue_driver.ts";

/** The market of most scenarios: AAPL at 100 (one subscription keeps networked sessions short). */
const MARKET = { AAPL: 100 } as const;

/**
 * How a venue refused something it was asked: by rejecting the call (no
 * event), or by taking it and publishing the refusal.
 */
type Refusal = { readonly by: "call"; readonly message: string } | { readonly by: "event" };

async function refusalOf(call: Promise<void>): Promise<Refusal> {
  try {
    await call;
    return { by: "event" };
  } catch (error) {
    return { by: "call", message: error instanceof Error ? error.message : String(error) };
  }
}

/** Modifies order `a-1` to `fields` and waits for the answer (the `nth` amendment answer of a-1). */
async function amend(
  session: VenueSession,
  nth: number,
  fields: { readonly quantity: number; readonly limitPrice: number | string },
): Promise<(string | undefined)[]> {
  await session.venue.broker.modify(order("a-1", fields));
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
      await broker.submit(order("a-1", { quantity: 10, limitPrice: 100 }));
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
      await broker.submit(order("f-1", { quantity: 5 }));
      await acknowledged(session, "f-1");
      await session.step("AAPL", 100);
      assert.equal(events.statusesOf("f-1").at(-1)?.status, "filled");
      let before = eventCount(session);
      await broker.modify(order("f-1", { quantity: 7 }));
      await session.settle();
      assert.equal(eventCount(session), before);

      await broker.submit(order("w-1", { quantity: 5, limitPrice: 90 }));
      await acknowledged(session, "w-1");
      before = eventCount(session);
      await assert.rejects(broker.modify(order("nope-1", { quantity: 5, limitPrice: 90 })));
      await assert.rejects(
        broker.modify(order("w-1", { side: "SELL", quantity: 5, limitPrice: 90 })),
      );
      await session.settle();
      assert.equal(eventCount(session), before);
      assert.deepEqual(await openOrderRows(broker), [["w-1", "submitted", "5", "0", "90"]]);
    },
  },
  {
    name: "priceIncrement is 0.01 at and above 1 USD; a limit off it is refused and never works",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      for (const price of ["1", "100", "2500.5"]) {
        assert.equal(broker.priceIncrement("AAPL", toDecimal(price)).toString(), "0.01", price);
      }
      // The venues refuse differently: the sim broker takes the order and
      // publishes `rejected`; the IBKR broker rejects submit without sending anything. The
      // contract (Broker.submit: "rejects only when the order could not be handed over at
      // all"; outcomes arrive as events) describes the sim broker's behaviour; both end with
      // the order rejected, which is what the coordinator acts on.
      const refusal = await refusalOf(
        broker.submit(order("t-1", { quantity: 10, limitPrice: "99.995" })),
      );
      await session.settle();
      const statuses = events.statusesOf("t-1");
      if (refusal.by === "call") {
        assert.match(refusal.message, /99\.995/);
        assert.deepEqual(statuses, []);
      } else {
        assert.deepEqual(statuses.map(statusRow), [["rejected", "0", "0"]]);
        assert.match(statuses[0]?.reason ?? "", /99\.995/);
      }
      await session.step("AAPL", 99);
      assert.deepEqual(events.fills, []);
      assert.deepEqual(await openOrderRows(broker), []);
    },
  },
  {
    name:
      "a modification to a limit off the increment is refused and the order keeps working at its old limit",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(order("a-1", { quantity: 10, limitPrice: 95 }));
      await acknowledged(session, "a-1");
      // Refused by the call on IBKR, by an amendment `rejected` on the sim venue: the contract
      // (Broker.modify) names only an unknown id and changed symbol/side/type/tif as call
      // rejections, so it describes the sim venue's answer.
      const refusal = await refusalOf(
        broker.modify(order("a-1", { quantity: 10, limitPrice: "95.005" })),
      );
      await session.settle();
      const answers = events.statusesOf("a-1").slice(1).map(statusRow);
      if (refusal.by === "call") {
        assert.match(refusal.message, /95\.005/);
        assert.deepEqual(answers, []);
      } else {
        assert.deepEqual(answers, [["submitted", "0", "10", "rejected", "10", "95"]]);
      }
      assert.deepEqual(await openOrderRows(broker), [["a-1", "submitted", "10", "0", "95"]]);
      await session.step("AAPL", 95.01);
      assert.deepEqual(events.fills, []);
      await session.step("AAPL", 95);
      const last = events.statusesOf("a-1").at(-1);
      assert.deepEqual(last && statusRow(last), ["filled", "10", "0"]);
    },
  },
];
