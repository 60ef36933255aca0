/**
 * Conformance scenarios of submitting, filling, cancelling and rejecting
 * orders, and of the positions they leave. Each runs the same on every venue.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toDecimal, ZERO } from "../../../src/model/mod.ts";
import { orderRequest, statusRow } from "../../_support/mod.ts";
import {
  acknowledged,
  eventCount,
  openOrderRows,
  positionRows,
  stepUntilFinished,
} from "./_orders.ts";
import type { ConformanceScenario } from "./_scenario.ts";

/** The market of most scenarios: AAPL at 100 (one subscription keeps networked sessions short). */
const MARKET = { AAPL: 100 } as const;

/** The scenarios of the order life cycle. */
export const ORDER_SCENARIOS: readonly ConformanceScenario[] = [
  {
    name: "connects: venue_health connected, no open orders, no positions",
    options: { prices: MARKET },
    async run({ venue, events }) {
      assert.equal(events.health[0]?.kind, "connected");
      assert.deepEqual(await openOrderRows(venue.broker), []);
      assert.deepEqual(await positionRows(venue.broker), []);
    },
  },
  {
    name:
      "fills a market BUY: submitted, fills summing to its quantity, filled; positions() holds it, openOrders() is empty",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("m-1", { quantity: 10 }));
      assert.deepEqual(statusRow(await acknowledged(session, "m-1")), ["submitted", "0", "10"]);
      assert.deepEqual(await openOrderRows(broker), [["m-1", "submitted", "10", "0", undefined]]);
      assert.deepEqual(events.fills, []);

      await session.step("AAPL", 101);
      assert.deepEqual(events.statusesOf("m-1").map(statusRow), [
        ["submitted", "0", "10"],
        ["filled", "10", "0"],
      ]);
      assert.equal(events.statusesOf("m-1")[1]?.avgFillPrice?.toString(), "101");
      const fills = events.fillsOf("m-1");
      assert.equal(events.filledBy("m-1").toString(), "10");
      assert.deepEqual(
        [...new Set(fills.map((f) => `${f.symbol} ${f.side} @ ${f.price}`))],
        ["AAPL BUY @ 101"],
      );
      assert.equal(new Set(fills.map((f) => f.execId)).size, fills.length);
      assert.deepEqual(await positionRows(broker), [["AAPL", "10", "101"]]);
      assert.deepEqual(await openOrderRows(broker), []);
    },
  },
  {
    name:
      "keeps a limit order the market does not reach working; cancel reports cancelled; cancel of the finished order publishes nothing",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("l-1", { quantity: 10, limitPrice: 95 }));
      await acknowledged(session, "l-1");
      await session.step("AAPL", 99);
      await session.step("AAPL", 95.01);
      assert.deepEqual(await openOrderRows(broker), [["l-1", "submitted", "10", "0", "95"]]);
      assert.deepEqual(events.fills, []);

      await broker.cancel("l-1");
      const cancelled = await events.nthStatus("l-1", 1, "the cancellation");
      assert.deepEqual(statusRow(cancelled), ["cancelled", "0", "0"]);
      assert.ok(cancelled.reason, "a cancellation says why");
      assert.deepEqual(await openOrderRows(broker), []);
      await session.step("AAPL", 90);
      assert.deepEqual(events.fills, []);

      const before = eventCount(session);
      await broker.cancel("l-1");
      await session.settle();
      assert.equal(eventCount(session), before);
      assert.deepEqual(events.statusesOf("l-1").map((s) => s.status), ["submitted", "cancelled"]);
    },
  },
  {
    name:
      "a working order the venue cancels (end of day) reports cancelled with its filled part kept, and fills no more",
    options: { prices: MARKET, partialFills: true },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("d-1", { quantity: 10, limitPrice: 100 }));
      await acknowledged(session, "d-1");
      await session.step("AAPL", 100);
      assert.deepEqual(events.statusesOf("d-1").map(statusRow), [
        ["submitted", "0", "10"],
        ["partially_filled", "5", "5"],
      ]);

      await session.endDay();
      const last = events.statusesOf("d-1").at(-1);
      assert.deepEqual(last && statusRow(last), ["cancelled", "5", "0"]);
      assert.ok(last?.reason, "a cancellation says why");
      await session.step("AAPL", 99);
      assert.equal(events.filledBy("d-1").toString(), "5");
      assert.equal(events.statusesOf("d-1").length, 3);
      assert.deepEqual(await openOrderRows(broker), []);
      assert.deepEqual(await positionRows(broker), [["AAPL", "5", "100"]]);
    },
  },
  {
    name:
      "partial fills: cumulative filled never decreases and equals the fills, remaining is quantity minus filled",
    options: { prices: MARKET, partialFills: true },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("p-1", { quantity: 10 }));
      await acknowledged(session, "p-1");
      const steps = await stepUntilFinished(session, "p-1", {
        symbol: "AAPL",
        price: (step) => 100 + step,
      }, {
        maxSteps: 10,
        afterStep: () => {
          // After each step the statuses and the fills tell the same filled quantity.
          const last = events.statusesOf("p-1").at(-1);
          assert.equal(last?.filled.toString(), events.filledBy("p-1").toString());
        },
      });
      const statuses = events.statusesOf("p-1");
      assert.ok(steps > 1, `filled in ${steps} step(s): expected parts`);
      assert.equal(statuses[0]?.status, "submitted");
      assert.equal(statuses.at(-1)?.status, "filled");
      assert.deepEqual(
        [...new Set(statuses.slice(1, -1).map((s) => s.status))],
        ["partially_filled"],
      );
      let previous = ZERO;
      for (const status of statuses) {
        assert.ok(status.filled.greaterThanOrEqualTo(previous), "filled went down");
        previous = status.filled;
        const expected = status.status === "filled" ? ZERO : toDecimal(10).minus(status.filled);
        assert.equal(status.remaining.toString(), expected.toString(), statusRow(status).join());
      }
      const fills = events.fillsOf("p-1");
      assert.equal(fills.length, steps);
      assert.equal(events.filledBy("p-1").toString(), "10");
      assert.ok(fills.every((f) => f.quantity.greaterThan(0)));
      const notional = fills.reduce((sum, f) => sum.plus(f.quantity.times(f.price)), ZERO);
      const average = notional.dividedBy(10).toDecimalPlaces(6).toString();
      assert.equal(statuses.at(-1)?.avgFillPrice?.toDecimalPlaces(6).toString(), average);
      const [position, ...others] = await broker.positions();
      assert.deepEqual(
        [position?.symbol, position?.quantity.toString(), others.length],
        ["AAPL", "10", 0],
      );
      assert.equal(position?.avgCost.toDecimalPlaces(6).toString(), average);
    },
  },
  {
    name:
      "an order the venue rejects, and one for zero shares, report rejected with a reason and never fill",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      const symbol = await session.rejectedSymbol();
      // Both calls resolve: a rejection is an event, whether the venue refuses the order's
      // values itself (zero shares) or takes it and rejects it later.
      await broker.submit(orderRequest("r-1", { symbol, quantity: 5 }));
      await broker.submit(orderRequest("r-2", { quantity: 0 }));
      for (const id of ["r-1", "r-2"]) {
        const rejected = await acknowledged(session, id);
        assert.deepEqual(statusRow(rejected), ["rejected", "0", "0"]);
        assert.ok(rejected.reason, `${id}: a rejection says why`);
      }
      assert.match(
        events.statusesOf("r-2")[0]?.reason ?? "",
        /quantity must be a positive whole number of shares, got 0/,
      );
      await session.step("AAPL", 100);
      await session.settle();
      // Per order: the two rejections may arrive in either order (a venue that refuses
      // values before sending publishes r-2's at once, r-1's comes back from the market).
      for (const id of ["r-1", "r-2"]) {
        assert.deepEqual(events.statusesOf(id).map((s) => s.status), ["rejected"], id);
      }
      assert.equal(events.statuses.length, 2);
      assert.deepEqual(events.fills, []);
      assert.deepEqual(await openOrderRows(broker), []);
      assert.deepEqual(await positionRows(broker), []);
    },
  },
  {
    name: "a duplicate order id is refused by submit and leaves the original order as it was",
    options: { prices: MARKET },
    async run(session) {
      const { venue: { broker }, events } = session;
      await broker.submit(orderRequest("u-1", { quantity: 10, limitPrice: 95 }));
      await acknowledged(session, "u-1");
      const before = eventCount(session);
      await assert.rejects(broker.submit(orderRequest("u-1", { quantity: 20, limitPrice: 96 })));
      await assert.rejects(broker.submit(orderRequest("u-1", { quantity: 3 })));
      await session.settle();
      assert.equal(eventCount(session), before);
      assert.deepEqual(await openOrderRows(broker), [["u-1", "submitted", "10", "0", "95"]]);

      await session.step("AAPL", 95);
      assert.deepEqual(events.statusesOf("u-1").map(statusRow), [
        ["submitted", "0", "10"],
        ["filled", "10", "0"],
      ]);
      const after = eventCount(session);
      await assert.rejects(broker.submit(orderRequest("u-1", { quantity: 10 })));
      await session.settle();
      assert.equal(eventCount(session), after);
      assert.deepEqual(await positionRows(broker), [["AAPL", "10", "95"]]);
    },
  },
  {
    name:
      "nets positions per symbol over two symbols; a SELL through zero leaves a short position, a flat symbol is left out",
    options: { prices: { AAPL: 100, MSFT: 50 } },
    async run(session) {
      const { venue: { broker }, events } = session;
      const filled = (id: string) =>
        events.waitFor(
          () => events.statusesOf(id).find((s) => s.status === "filled"),
          `${id} filled`,
        );
      await broker.submit(orderRequest("n-1", { quantity: 10 }));
      await broker.submit(orderRequest("n-2", { symbol: "MSFT", side: "SELL", quantity: 4 }));
      await acknowledged(session, "n-1");
      await acknowledged(session, "n-2");
      await session.step("AAPL", 101); // MSFT trades at its last price, 50
      await Promise.all([filled("n-1"), filled("n-2")]);
      assert.deepEqual(await positionRows(broker), [["AAPL", "10", "101"], ["MSFT", "-4", "50"]]);

      await broker.submit(orderRequest("n-3", { side: "SELL", quantity: 15 }));
      await acknowledged(session, "n-3");
      await session.step("AAPL", 102);
      await filled("n-3");
      assert.deepEqual(await positionRows(broker), [["AAPL", "-5", "102"], ["MSFT", "-4", "50"]]);

      await broker.submit(orderRequest("n-4", { symbol: "MSFT", quantity: 4 }));
      await acknowledged(session, "n-4");
      await session.step("MSFT", 49);
      await filled("n-4");
      assert.deepEqual(await positionRows(broker), [["AAPL", "-5", "102"]]);
      assert.deepEqual(await openOrderRows(broker), []);
      assert.deepEqual(
        ["n-1", "n-2", "n-3", "n-4"].map((id) => events.filledBy(id).toString()),
        ["10", "4", "15", "4"],
      );
    },
  },
];
