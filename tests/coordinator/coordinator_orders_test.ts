/**
 * Target-position order management on the simulated venue: one working order
 * per strategy and symbol, amended or cancelled (then decided again), never an
 * opposite order beside it; limit prices on the tick.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { EventBus, type TradingBus, type TradingTopics } from "../../src/bus/mod.ts";
import type { Bar, Fill, TelemetryEvent } from "../../src/model/mod.ts";
import { eventsNamed, flatBars, minuteBars, runScenario, T0 } from "./_harness.ts";

const DAY = 86_400_000;

function bar(symbol: string, ts: number, open: number, close: number): Bar {
  return {
    symbol,
    ts,
    open,
    high: Math.max(open, close),
    low: Math.min(open, close),
    close,
    volume: 1_000,
  };
}

function scripted(id: string, script: Record<string, unknown>[]) {
  return { id, type: "scripted", symbols: ["AAPL"], params: { script } };
}

/** The event names of the order path, in order, for one strategy. */
function orderTimeline(events: readonly TelemetryEvent[], strategyId: string): string[] {
  const names = new Set([
    "coordinator.intent_fulfilled",
    "coordinator.intent_deferred",
    "order.status",
    "order.amended",
    "order.fill",
  ]);
  return events.filter((e) => e.strategy_id === strategyId && names.has(e.event)).map((e) => {
    if (e.event === "coordinator.intent_fulfilled") return `${e.action} ${e.side} ${e.quantity}`;
    if (e.event === "coordinator.intent_deferred") return `deferred ${e.reason}`;
    if (e.event === "order.amended") return `amended ${e.quantity}`;
    if (e.event === "order.fill") return `fill ${e.side} ${e.quantity}`;
    return `${e.order_id} ${e.status}`;
  });
}

Deno.test("a long-only target lowered by the envelope while its buy limit works amends the buy, never sells (regression)", async () => {
  // Reproduction: BUY 10 LMT 90 works at 100; the price jumps to 250 and the strategy restates
  // 10, which the 1000 USD envelope clips to 4. The old rule ordered 4 - (0 + 10): a SELL 6
  // beside the BUY; the BUY expired at the day's end, the SELL filled: the book was -6.
  const bars = [
    bar("AAPL", T0, 100, 100),
    bar("AAPL", T0 + 60_000, 100, 250),
    bar("AAPL", T0 + 120_000, 250, 250),
    bar("AAPL", T0 + DAY, 250, 250),
    bar("AAPL", T0 + DAY + 60_000, 250, 250),
  ];
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: { max_position: 10, max_notional: 1000 },
      strategies: [scripted("s", [
        { bar: 1, symbol: "AAPL", target: 10, limit: 90 },
        { bar: 2, symbol: "AAPL", target: 10, limit: 90 },
      ])],
    },
    bars: { AAPL: bars },
  });
  assertEquals(orderTimeline(events, "s"), [
    "s-1 submitted",
    "new_order BUY 10",
    "amended 4",
    "amend BUY 4",
    "s-1 cancelled",
  ]);
  assertEquals(coordinator.orders.all().map((o) => [o.side, o.quantity, o.status]), [
    ["BUY", 4, "cancelled"],
  ]);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 0);
  const clipped = eventsNamed(events, "order_clipped", "s");
  assertEquals(clipped.map((e) => [e.requested_target, e.clipped_target]), [[10, 4]]);
});

Deno.test("an opposite target cancels the working order and orders only after the cancel is confirmed", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted("s", [
        { bar: 1, symbol: "AAPL", target: 10, limit: 90 },
        { bar: 2, symbol: "AAPL", target: -5 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 4, 100) },
  });
  assertEquals(orderTimeline(events, "s"), [
    "s-1 submitted",
    "new_order BUY 10",
    "deferred awaiting_cancel",
    "s-1 cancelled",
    "s-2 submitted",
    "new_order SELL 5",
    "fill SELL 5",
    "s-2 filled",
  ]);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), -5);
});

Deno.test("a target restated on the same terms keeps the working order; a new limit amends it", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [scripted("s", [
        { bar: 1, symbol: "AAPL", target: 10, limit: 90 },
        { bar: 2, symbol: "AAPL", target: 10, limit: 90 },
        { bar: 3, symbol: "AAPL", target: 10, limit: 99.5 },
      ])],
    },
    bars: { AAPL: flatBars("AAPL", 4, 100) },
  });
  const ignored = eventsNamed(events, "coordinator.intent_ignored", "s").map((e) => e.reason);
  assertEquals(ignored, ["covered_by_working_order"]);
  const amended = eventsNamed(events, "order.amended", "s");
  assertEquals(amended.map((e) => [String(e.quantity), String(e.limit_price)]), [["10", "99.5"]]);
  assertEquals(coordinator.orders.get("s-1")?.request.limitPrice?.toString(), "99.5");
  assertEquals(coordinator.orders.size, 1);
});

Deno.test("limit prices are rounded onto the tick, never more aggressively: buys down, sells up", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [
        scripted("b", [{ bar: 1, symbol: "AAPL", target: 5, limit: 248.40584815979003 }]),
        scripted("s", [{ bar: 1, symbol: "AAPL", target: -5, limit: 248.40584815979003 }]),
        scripted("t", [{ bar: 1, symbol: "AAPL", target: 5, limit: 0.00001 }]),
      ],
    },
    bars: { AAPL: flatBars("AAPL", 3, 248) },
  });
  assertEquals(coordinator.orders.get("b-1")?.request.limitPrice?.toString(), "248.4");
  assertEquals(coordinator.orders.get("s-2")?.request.limitPrice?.toString(), "248.41");
  const fulfilled = eventsNamed(events, "coordinator.intent_fulfilled", "b")[0];
  assertEquals(fulfilled?.requested_limit_price, 248.40584815979003);
  const denied = eventsNamed(events, "risk.denied", "t");
  assertEquals(denied.map((e) => e.rule), ["limit_price"]);
  assert(String(denied[0]?.reason).includes("rounds below one tick"));
  // The sim venue, like TWS, would have rejected an off-tick price: none was rejected.
  assertEquals(eventsNamed(events, "order.status").filter((e) => e.status === "rejected"), []);
});

Deno.test("in REDUCING a flip is cut to flat: the reducing part is sent instead of a denial", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 1000000 },
      risk: { daily_loss_limit: 500 },
      strategies: [scripted("s", [
        { bar: 1, symbol: "AAPL", target: 100 },
        { bar: 4, symbol: "AAPL", target: -100 },
      ])],
    },
    bars: { AAPL: minuteBars("AAPL", [100, 100, 90, 90, 90, 90]) },
  });
  assertEquals(coordinator.riskGuard.state, "REDUCING");
  assertEquals(coordinator.orders.all().map((o) => [o.side, o.quantity]), [
    ["BUY", 100],
    ["SELL", 100],
  ]);
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 0);
  const cut = eventsNamed(events, "order_clipped", "s").filter((e) => e.limit === "reducing");
  assertEquals(cut.map((e) => [e.requested_target, e.clipped_target]), [[-100, 0]]);
  assertEquals(eventsNamed(events, "risk.denied", "s"), []);
});

Deno.test("the stop reports confirmed cancels and reconciles the books with the sim broker", async () => {
  const { events } = await runScenario({
    graph: {
      strategies: [
        scripted("a", [{ bar: 1, symbol: "AAPL", target: 7 }]),
        scripted("b", [{ bar: 2, symbol: "AAPL", target: 3, limit: 50 }]),
      ],
    },
    bars: { AAPL: flatBars("AAPL", 4, 100) },
  });
  const stopped = eventsNamed(events, "coordinator.lifecycle").at(-1);
  assertEquals(
    [stopped?.cancelled_orders, stopped?.finished_while_stopping, stopped?.orders_left_working],
    [["b-2"], [], []],
  );
  const reconciliation = eventsNamed(events, "coordinator.reconciliation");
  assertEquals(reconciliation.map((e) => [e.phase, e.reconciled]), [["stop", true]]);
  assertEquals(
    JSON.stringify(reconciliation[0]?.broker_positions),
    JSON.stringify([{ symbol: "AAPL", quantity: "7" }]),
  );
});

Deno.test("the timeline of docs/order_management.md: amend on a clip, partial fill, cancel then sell the remainder", async () => {
  const bars = [
    bar("AAPL", T0, 100, 100),
    bar("AAPL", T0 + 60_000, 100, 250),
    bar("AAPL", T0 + 120_000, 98, 98),
    bar("AAPL", T0 + 180_000, 99, 99),
    bar("AAPL", T0 + 240_000, 97, 97),
    bar("AAPL", T0 + 300_000, 96, 96),
  ];
  const { events, coordinator } = await runScenario({
    graph: {
      venue: { type: "sim", partial_fill_ratio: "0.75" },
      sizing: { max_position: 10, max_notional: 1000 },
      strategies: [scripted("s", [
        { bar: 1, symbol: "AAPL", target: 10, limit: 98.5 },
        { bar: 2, symbol: "AAPL", target: 10, limit: 98.5 },
        { bar: 4, symbol: "AAPL", target: 0 },
        { bar: 5, symbol: "AAPL", target: 0 },
      ])],
    },
    bars: { AAPL: bars },
  });
  assertEquals(orderTimeline(events, "s"), [
    "s-1 submitted",
    "new_order BUY 10",
    "amended 4",
    "amend BUY 4",
    "fill BUY 3",
    "s-1 partially_filled",
    "deferred awaiting_cancel",
    "s-1 cancelled",
    "s-2 submitted",
    "new_order SELL 3",
    "fill SELL 2",
    "s-2 partially_filled",
    "fill SELL 1",
    "s-2 filled",
  ]);
  const fills = eventsNamed(events, "order.fill", "s").map((e) => String(e.price));
  assertEquals(fills, ["98", "97", "96"]);
  assertEquals(
    eventsNamed(events, "coordinator.intent_ignored", "s").map((e) => e.reason),
    ["covered_by_working_order"],
  );
  assertEquals(coordinator.portfolio.position("s", "AAPL"), 0);
});

/** A venue bus that publishes executions one bar late, as TWS may after its "filled" status. */
class OneBarLateFills extends EventBus<TradingTopics> {
  readonly #target: TradingBus;
  #held: Fill[] = [];
  #due: Fill[] = [];

  constructor(target: TradingBus) {
    super();
    this.#target = target;
  }

  override publish<K extends keyof TradingTopics>(topic: K, event: TradingTopics[K]): void {
    if (topic === "fill") {
      this.#held.push(event as Fill);
      return;
    }
    if (topic === "bar") {
      for (const fill of this.#due) this.#target.publish("fill", fill);
      this.#due = this.#held;
      this.#held = [];
    }
    this.#target.publish(topic, event);
  }
}

Deno.test("exposure caps count an order that is filled at the venue but whose execution has not arrived (regression)", async () => {
  // Reproduction: between a `filled` status and its execution the old ledger showed 0 working and
  // 0 filled, so a second strategy's order passed max_symbol_exposure against an empty symbol.
  const { events, coordinator } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 1000000 },
      risk: { max_symbol_exposure: 15_000 },
      strategies: [
        scripted("a", [{ bar: 1, symbol: "AAPL", target: 100 }]),
        scripted("b", [{ bar: 2, symbol: "AAPL", target: 100 }]),
      ],
    },
    bars: { AAPL: flatBars("AAPL", 4, 100) },
    wrapVenue: (venue) => ({
      endpoint: venue.endpoint,
      clock: venue.clock,
      marketData: venue.marketData,
      broker: venue.broker,
      account: venue.account,
      connect: (bus) => venue.connect(new OneBarLateFills(bus)),
      run: (signal) => venue.run(signal),
      close: () => venue.close(),
    }),
  });
  const a1 = eventsNamed(events, "order.status", "a").map((e) => e.status);
  assertEquals(a1, ["submitted", "filled"]);
  assertEquals(eventsNamed(events, "risk.denied", "b").map((e) => e.rule), [
    "max_symbol_exposure",
  ]);
  assertEquals(coordinator.portfolio.position("a", "AAPL"), 100);
  assertEquals(coordinator.orders.all().map((o) => o.strategyId), ["a"]);
});
