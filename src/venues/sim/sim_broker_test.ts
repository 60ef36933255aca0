import assert from "node:assert/strict";
import { createTradingBus } from "../../bus/mod.ts";
import {
  type Bar,
  type Decimal,
  type Fill,
  ManualClock,
  type OrderRequest,
  type OrderStatusEvent,
  toDecimal,
} from "../../model/mod.ts";
import { IB_FIXED_COMMISSION } from "./commission_model.ts";
import { SimBroker, type SimBrokerOptions } from "./sim_broker.ts";

const T0 = Date.UTC(2024, 0, 2, 14, 30);
const MINUTE = 60_000;

/** A broker on a fresh bus with AAPL and MSFT streaming; `events` records what it publishes. */
function setup(options: Partial<SimBrokerOptions> = {}) {
  const bus = createTradingBus();
  const clock = new ManualClock(T0);
  const streaming = new Set(["AAPL", "MSFT"]);
  const broker = new SimBroker({
    clock,
    slippageBps: toDecimal(0),
    commission: IB_FIXED_COMMISSION,
    partialFillRatio: toDecimal(1),
    isStreaming: (symbol) => streaming.has(symbol),
    ...options,
  });
  broker.attach(bus);
  const events: string[] = [];
  const statuses: OrderStatusEvent[] = [];
  const fills: Fill[] = [];
  bus.subscribe("order_status", (event) => {
    statuses.push(event);
    events.push(`${event.orderId}:${event.status}${event.reason ? `(${event.reason})` : ""}`);
  });
  bus.subscribe("fill", (fill) => {
    fills.push(fill);
    events.push(`${fill.orderId}:fill ${fill.quantity}@${fill.price}`);
  });
  /** Replays one bar the way the loop does: clock first, then the broker. */
  const replay = (bar: Bar) => {
    clock.set(bar.ts);
    broker.onBar(bar);
  };
  return { bus, clock, broker, events, statuses, fills, replay, streaming };
}

function bar(
  minute: number,
  prices: { open: number; high?: number; low?: number; close?: number },
  symbol = "AAPL",
): Bar {
  const { open } = prices;
  return {
    symbol,
    ts: T0 + minute * MINUTE,
    open,
    high: prices.high ?? open + 1,
    low: prices.low ?? open - 1,
    close: prices.close ?? open,
    volume: 1000,
  };
}

let sequence = 0;
function order(
  fields: Omit<Partial<OrderRequest>, "quantity"> & { quantity?: number | Decimal } = {},
): OrderRequest {
  const { quantity, ...rest } = fields;
  return {
    id: `o${++sequence}`,
    strategyId: "s1",
    symbol: "AAPL",
    side: "BUY",
    type: "MKT",
    tif: "GTC",
    createdAt: T0,
    ...rest,
    quantity: toDecimal(quantity ?? 100),
  };
}

Deno.test("SimBroker fills a market order at the next bar's open plus slippage, rounded up to the cent", async () => {
  const { broker, events, fills, statuses, replay } = setup({ slippageBps: toDecimal(5) });
  replay(bar(0, { open: 100 }));
  const buy = order({ quantity: 100 });
  await broker.submit(buy);
  replay(bar(1, { open: 102 }));
  assert.deepEqual(events, [
    `${buy.id}:submitted`,
    `${buy.id}:fill 100@102.06`,
    `${buy.id}:filled`,
  ]);
  const fill = fills[0] as Fill;
  assert.equal(fill.ts, T0 + MINUTE);
  assert.equal(fill.commission.toString(), "1");
  assert.equal(fill.side, "BUY");
  const done = statuses[1] as OrderStatusEvent;
  assert.deepEqual([
    done.filled.toString(),
    done.remaining.toString(),
    done.avgFillPrice?.toString(),
  ], ["100", "0", "102.06"]);
});

Deno.test("SimBroker sells at the next open minus slippage", async () => {
  const { broker, fills, replay } = setup({ slippageBps: toDecimal(10) });
  replay(bar(0, { open: 100 }));
  await broker.submit(order({ side: "SELL", quantity: 10 }));
  replay(bar(1, { open: 50 }));
  assert.equal(fills[0]?.price.toString(), "49.95");
});

Deno.test("SimBroker never fills at a bar with the submission's timestamp, only at a later one", async () => {
  const { broker, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  await broker.submit(order({ symbol: "MSFT" }));
  replay(bar(0, { open: 200 }, "MSFT"));
  assert.equal(fills.length, 0);
  replay(bar(1, { open: 201 }, "AAPL"));
  assert.equal(fills.length, 0, "bars of other symbols do not fill it");
  replay(bar(1, { open: 202 }, "MSFT"));
  assert.equal(fills[0]?.price.toString(), "202");
});

Deno.test("SimBroker fills an order submitted before the replay at the first bar", async () => {
  const { broker, fills, replay } = setup();
  await broker.submit(order());
  replay(bar(0, { open: 99 }));
  assert.equal(fills[0]?.price.toString(), "99");
});

Deno.test("SimBroker keeps a GTC buy limit working until a bar trades at or below it", async () => {
  const { broker, events, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  const buy = order({ type: "LMT", limitPrice: toDecimal(95), quantity: 10 });
  await broker.submit(buy);
  replay(bar(1, { open: 100, low: 96 }));
  replay(bar(2, { open: 97, low: 95.5 }));
  assert.equal(fills.length, 0);
  assert.equal((await broker.openOrders()).length, 1);
  replay(bar(3, { open: 96, low: 94 }));
  assert.equal(fills[0]?.price.toString(), "95");
  replay(bar(4, { open: 93, low: 92 }));
  assert.equal(fills.length, 1);
  assert.deepEqual(events.slice(-1), [`${buy.id}:filled`]);
  assert.deepEqual(await broker.openOrders(), []);
});

Deno.test("SimBroker fills a limit at a better open without slippage", async () => {
  const { broker, fills, replay } = setup({ slippageBps: toDecimal(100) });
  replay(bar(0, { open: 100 }));
  await broker.submit(order({ type: "LMT", limitPrice: toDecimal(95), quantity: 10 }));
  await broker.submit(
    order({ type: "LMT", side: "SELL", limitPrice: toDecimal(85), quantity: 10 }),
  );
  replay(bar(1, { open: 90, high: 91, low: 89 }));
  assert.deepEqual(fills.map((f) => `${f.side} ${f.price}`), ["BUY 90", "SELL 90"]);
});

Deno.test("SimBroker fills a sell limit only when the bar trades at or above it", async () => {
  const { broker, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  await broker.submit(
    order({ type: "LMT", side: "SELL", limitPrice: toDecimal(105), quantity: 10 }),
  );
  replay(bar(1, { open: 100, high: 104.99 }));
  assert.equal(fills.length, 0);
  replay(bar(2, { open: 104, high: 106 }));
  assert.equal(fills[0]?.price.toString(), "105");
});

Deno.test("SimBroker expires an unfilled DAY order at its first bar of a later UTC day", async () => {
  const { broker, events, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  const buy = order({ type: "LMT", limitPrice: toDecimal(90), tif: "DAY", quantity: 10 });
  await broker.submit(buy);
  replay(bar(1, { open: 100 }));
  replay(bar(60 * 9, { open: 100 }));
  assert.equal((await broker.openOrders()).length, 1, "still working later the same UTC day");
  replay(bar(60 * 24, { open: 89, low: 80 }));
  assert.equal(fills.length, 0);
  assert.deepEqual(events, [`${buy.id}:submitted`, `${buy.id}:cancelled(DAY order expired)`]);
  assert.deepEqual(await broker.openOrders(), []);
});

Deno.test("SimBroker lets a DAY order on daily bars work for the next day's bar", async () => {
  const { broker, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  await broker.submit(order({ tif: "DAY", quantity: 10 }));
  replay(bar(60 * 24, { open: 101 }));
  assert.equal(fills[0]?.price.toString(), "101");
});

Deno.test("SimBroker fills in parts across bars with the order's commission split over the parts", async () => {
  const { broker, events, fills, statuses, replay } = setup({ partialFillRatio: toDecimal("0.4") });
  replay(bar(0, { open: 100 }));
  const buy = order({ quantity: 10 });
  await broker.submit(buy);
  for (let minute = 1; minute <= 7; minute++) replay(bar(minute, { open: 100 + minute }));
  assert.deepEqual(fills.map((f) => f.quantity.toNumber()), [4, 2, 1, 1, 1, 1]);
  assert.deepEqual(fills.map((f) => f.price.toNumber()), [101, 102, 103, 104, 105, 106]);
  assert.deepEqual(statuses.map((s) => s.status), [
    "submitted",
    "partially_filled",
    "partially_filled",
    "partially_filled",
    "partially_filled",
    "partially_filled",
    "filled",
  ]);
  assert.equal(statuses[2]?.filled.toString(), "6");
  assert.equal(statuses[2]?.remaining.toString(), "4");
  assert.equal(statuses[2]?.avgFillPrice?.toString(), "101.3333333333333333333333333333333");
  const total = fills.reduce((sum, f) => sum.plus(f.commission), toDecimal(0));
  assert.equal(total.toString(), "1");
  assert.equal(new Set(fills.map((f) => f.execId)).size, fills.length, "execIds are unique");
  assert.equal(events.at(-1), `${buy.id}:filled`);
});

Deno.test("SimBroker rejects invalid orders with a reason and keeps no working order", async () => {
  const { broker, statuses } = setup();
  const cases: [OrderRequest, RegExp][] = [
    [order({ quantity: 0 }), /quantity must be a positive whole number of shares, got 0/],
    [order({ quantity: -5 }), /got -5/],
    [order({ quantity: toDecimal("1.5") }), /got 1.5/],
    [order({ type: "LMT" }), /LMT order needs a limitPrice/],
    [order({ type: "LMT", limitPrice: toDecimal(0) }), /limitPrice must be > 0/],
    [order({ limitPrice: toDecimal(10) }), /MKT order must not have a limitPrice/],
    [order({ symbol: "TSLA" }), /symbol TSLA is not subscribed on the sim venue/],
  ];
  for (const [request, reason] of cases) {
    await broker.submit(request);
    const status = statuses.at(-1) as OrderStatusEvent;
    assert.equal(status.orderId, request.id);
    assert.equal(status.status, "rejected");
    assert.match(status.reason ?? "", reason);
  }
  assert.equal(statuses.length, cases.length);
  assert.deepEqual(await broker.openOrders(), []);
});

Deno.test("SimBroker refuses a duplicate order id without touching the original order", async () => {
  const { broker, statuses } = setup();
  const first = order();
  await broker.submit(first);
  await assert.rejects(
    broker.submit({ ...first, quantity: toDecimal(5) }),
    /duplicate order id "o\d+"/,
  );
  assert.equal(statuses.length, 1);
  const open = await broker.openOrders();
  assert.equal(open[0]?.request.quantity.toString(), "100");
});

Deno.test("SimBroker cancels a working order, ignores a finished one and refuses an unknown id", async () => {
  const { broker, events, fills, replay } = setup();
  replay(bar(0, { open: 100 }));
  const resting = order({ type: "LMT", limitPrice: toDecimal(50) });
  const market = order();
  await broker.submit(resting);
  await broker.submit(market);
  await broker.cancel(resting.id);
  replay(bar(1, { open: 40, low: 30 }));
  assert.deepEqual(fills.map((f) => f.orderId), [market.id]);
  const before = events.length;
  await broker.cancel(market.id);
  await broker.cancel(resting.id);
  assert.equal(events.length, before, "cancelling finished orders publishes nothing");
  await assert.rejects(broker.cancel("nope"), /cannot cancel unknown order id "nope"/);
  assert.ok(events.includes(`${resting.id}:cancelled(cancelled by request)`));
});

Deno.test("SimBroker reports a cancelled partial fill with its filled quantity, even from a fill handler", async () => {
  const { bus, broker, statuses, replay } = setup({ partialFillRatio: toDecimal("0.5") });
  replay(bar(0, { open: 100 }));
  const buy = order({ quantity: 10 });
  await broker.submit(buy);
  bus.subscribe("fill", (fill) => void broker.cancel(fill.orderId));
  replay(bar(1, { open: 100 }));
  assert.deepEqual(statuses.map((s) => s.status), ["submitted", "cancelled"]);
  assert.deepEqual([statuses[1]?.filled.toString(), statuses[1]?.remaining.toString()], ["5", "0"]);
  replay(bar(2, { open: 100 }));
  assert.equal(statuses.length, 2);
});

Deno.test("SimBroker matches each working order once per bar while handlers cancel and submit", async () => {
  const { bus, broker, fills, events, replay } = setup({ partialFillRatio: toDecimal("0.5") });
  replay(bar(0, { open: 100 }));
  const [a, b, c] = [order({ quantity: 1 }), order({ quantity: 4 }), order({ quantity: 4 })];
  for (const o of [a, b, c]) await broker.submit(o);
  const late = order({ quantity: 1 });
  bus.subscribe("fill", (fill) => {
    if (fill.orderId === a.id) void broker.cancel(b.id);
    if (fill.orderId === c.id && fill.quantity.toNumber() === 2) void broker.submit(late);
  });
  replay(bar(1, { open: 100 }));
  assert.deepEqual(fills.map((f) => `${f.orderId}:${f.quantity}`), [`${a.id}:1`, `${c.id}:2`]);
  assert.ok(events.includes(`${b.id}:cancelled(cancelled by request)`));
  replay(bar(2, { open: 100 }));
  assert.deepEqual(fills.map((f) => `${f.orderId}:${f.quantity}`).slice(2), [
    `${c.id}:1`,
    `${late.id}:1`,
  ]);
});

Deno.test("SimBroker tracks net positions with average cost across fills", async () => {
  const { broker, replay } = setup();
  replay(bar(0, { open: 100 }));
  await broker.submit(order({ quantity: 100 }));
  replay(bar(1, { open: 100 }));
  await broker.submit(order({ quantity: 300 }));
  await broker.submit(order({ symbol: "MSFT", side: "SELL", quantity: 50 }));
  replay(bar(2, { open: 104 }));
  replay(bar(2, { open: 300 }, "MSFT"));
  await broker.submit(order({ side: "SELL", quantity: 100 }));
  replay(bar(3, { open: 110 }));
  const positions = await broker.positions();
  assert.deepEqual(positions.map((p) => [p.symbol, p.quantity.toString(), p.avgCost.toString()]), [
    ["AAPL", "300", "103"],
    ["MSFT", "-50", "300"],
  ]);
  assert.equal(broker.ledger.realizedPnl().toString(), "700");
});

Deno.test("SimBroker lists open orders with their state and filled quantity", async () => {
  const { broker, replay } = setup({ partialFillRatio: toDecimal("0.5") });
  replay(bar(0, { open: 100 }));
  const buy = order({ quantity: 10 });
  const limit = order({ type: "LMT", limitPrice: toDecimal(1) });
  await broker.submit(buy);
  await broker.submit(limit);
  replay(bar(1, { open: 100 }));
  const open = await broker.openOrders();
  assert.deepEqual(open.map((o) => [o.request.id, o.status, o.filled.toString()]), [
    [buy.id, "partially_filled", "5"],
    [limit.id, "submitted", "0"],
  ]);
});

Deno.test("SimBroker refuses calls before it is connected to a bus", async () => {
  const broker = new SimBroker({
    clock: new ManualClock(),
    slippageBps: toDecimal(0),
    commission: IB_FIXED_COMMISSION,
    partialFillRatio: toDecimal(1),
    isStreaming: () => true,
  });
  await assert.rejects(broker.submit(order()), /not connected/);
  await assert.rejects(broker.cancel("x"), /not connected/);
});

Deno.test("SimBroker refuses out-of-range settings", () => {
  const base = {
    clock: new ManualClock(),
    slippageBps: toDecimal(0),
    commission: IB_FIXED_COMMISSION,
    partialFillRatio: toDecimal(1),
    isStreaming: () => true,
  };
  assert.throws(
    () => new SimBroker({ ...base, partialFillRatio: toDecimal(0) }),
    /partial_fill_ratio must be in \(0, 1\]/,
  );
  assert.throws(
    () => new SimBroker({ ...base, partialFillRatio: toDecimal("1.5") }),
    /partial_fill_ratio/,
  );
  assert.throws(
    () => new SimBroker({ ...base, slippageBps: toDecimal(-1) }),
    /slippage_bps must be >= 0/,
  );
});

Deno.test("SimBroker reports the average fill price of one fill as value over quantity", async () => {
  const { broker, statuses, replay } = setup({ slippageBps: toDecimal(3) });
  replay(bar(0, { open: 100 }));
  // 12345678901234567890 shares x 100.04: the product needs more than 34 digits
  const orders = [order({ quantity: 7 }), order({ quantity: toDecimal("12345678901234567890") })];
  for (const request of orders) await broker.submit(request);
  replay(bar(1, { open: 100.0123 }));
  const filled = statuses.filter((s) => s.status === "filled");
  assert.deepEqual(filled.map((s) => s.avgFillPrice?.toString()), [
    "100.05",
    toDecimal("12345678901234567890").times("100.05").div("12345678901234567890").toString(),
  ]);
});
