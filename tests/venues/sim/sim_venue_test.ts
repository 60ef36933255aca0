import assert from "node:assert/strict";
import { createTradingBus, type TradingBus } from "../../../src/bus/mod.ts";
import { type Bar, toDecimal } from "../../../src/model/mod.ts";
import type { Venue } from "../../../src/venue/mod.ts";
import {
  ArrayBarSource,
  SimVenue,
  type SimVenueOptions,
  simVenueOptions,
  SyntheticBarSource,
} from "../../../src/venues/sim/mod.ts";

const MINUTE = 60_000;
const START = Date.UTC(2024, 0, 2, 14, 30);

/** A connected venue on a fresh bus, with `log` recording every bar, status and fill. */
async function connected(
  options: Partial<SimVenueOptions> = {},
  runtime: { sleep?: (ms: number) => Promise<void> } = {},
) {
  const venue = new SimVenue(simVenueOptions({ bars: 5, ...options }), {
    barSizeMs: MINUTE,
    ...runtime,
  });
  const bus = createTradingBus();
  const log: string[] = [];
  bus.subscribe(
    "bar",
    (bar) => log.push(`bar ${bar.symbol}@${(bar.ts - START) / MINUTE} o=${bar.open}`),
  );
  bus.subscribe(
    "order_status",
    (s) => log.push(`status ${s.orderId} ${s.status} filled=${s.filled}`),
  );
  bus.subscribe(
    "fill",
    (f) => log.push(`fill ${f.orderId} ${f.side} ${f.quantity}@${f.price} fee=${f.commission}`),
  );
  const snapshot = await venue.connect(bus);
  return { venue, bus, log, snapshot };
}

function run(venue: Venue): Promise<void> {
  return venue.run(new AbortController().signal);
}

/** Buys 10 of the first symbol at its first bar and sells them at its third bar. */
function tradeOnBars(venue: SimVenue, bus: TradingBus, symbol: string): void {
  let seen = 0;
  bus.subscribe("bar", (bar) => {
    if (bar.symbol !== symbol) return;
    seen++;
    if (seen !== 1 && seen !== 3) return;
    void venue.broker.submit({
      id: `${symbol}-${seen}`,
      strategyId: "s",
      symbol,
      side: seen === 1 ? "BUY" : "SELL",
      quantity: toDecimal(10),
      type: "MKT",
      tif: "GTC",
      createdAt: venue.clock.now(),
    });
  });
}

Deno.test("SimVenue connects as the SIM paper account with the clock at the first bar", async () => {
  const venue = new SimVenue(simVenueOptions(), {
    barSizeMs: MINUTE,
    initialCash: toDecimal(50_000),
  });
  const bus = createTradingBus();
  const health: string[] = [];
  bus.subscribe("venue_health", (event) => health.push(`${event.kind}: ${event.message}`));
  const snapshot = await venue.connect(bus);
  assert.deepEqual(venue.endpoint, { kind: "sim" });
  assert.equal(snapshot.accountId, "SIM");
  assert.equal(snapshot.isPaper, true);
  assert.equal(snapshot.netLiquidation?.toString(), "50000");
  assert.equal(venue.clock.now(), START);
  assert.deepEqual(health, ["connected: sim venue connected: synthetic GBM (seed 42)"]);
  await venue.close();
  await venue.close();
});

Deno.test("SimVenue replays subscribed synthetic symbols by time, ties in subscription order", async () => {
  const { venue, bus } = await connected({ bars: 3, seed: 9 });
  const seen: Bar[] = [];
  bus.subscribe("bar", (bar) => seen.push(bar));
  await venue.marketData.subscribe("MSFT");
  await venue.marketData.subscribe("AAPL");
  await run(venue);
  assert.deepEqual(seen.map((bar) => `${bar.symbol}@${(bar.ts - START) / MINUTE}`), [
    "MSFT@0",
    "AAPL@0",
    "MSFT@1",
    "AAPL@1",
    "MSFT@2",
    "AAPL@2",
  ]);
  const reference = new SyntheticBarSource({
    ...simVenueOptions({ bars: 3, seed: 9 }),
    barSizeMs: MINUTE,
  }).open("AAPL");
  assert.deepEqual(seen.filter((bar) => bar.symbol === "AAPL"), [
    reference.next(),
    reference.next(),
    reference.next(),
  ]);
  assert.equal(venue.clock.now(), START + 2 * MINUTE);
  assert.equal(venue.barsPublished, 6);
});

Deno.test("SimVenue fills a market order at the next bar's open before strategies see that bar", async () => {
  const { venue, bus, log } = await connected({ slippageBps: toDecimal(10) });
  await venue.marketData.subscribe("AAPL");
  tradeOnBars(venue, bus, "AAPL");
  await run(venue);
  const second = log.indexOf(log.filter((line) => line.startsWith("bar "))[1] as string);
  const open = Number(/o=(\S+)/.exec(log[second] as string)?.[1]);
  assert.deepEqual(log.slice(second - 3, second + 1), [
    "status AAPL-1 submitted filled=0",
    `fill AAPL-1 BUY 10@${toDecimal(open).times("1.001").toNearest("0.01", 0)} fee=1`,
    "status AAPL-1 filled filled=10",
    log[second],
  ]);
  assert.deepEqual(await venue.broker.positions(), []);
  assert.equal(log.filter((line) => line.startsWith("fill")).length, 2);
});

Deno.test("SimVenue stops a symbol's bars when it is unsubscribed during the run", async () => {
  const { venue, bus } = await connected({ bars: 10 });
  await venue.marketData.subscribe("AAPL");
  await venue.marketData.subscribe("MSFT");
  const counts: Record<string, number> = { AAPL: 0, MSFT: 0 };
  bus.subscribe("bar", (bar) => {
    counts[bar.symbol] = (counts[bar.symbol] ?? 0) + 1;
    if (bar.symbol === "MSFT" && counts.MSFT === 3) void venue.marketData.unsubscribe("MSFT");
  });
  await run(venue);
  assert.deepEqual(counts, { AAPL: 10, MSFT: 3 });
});

Deno.test("SimVenue replays the same seed to the identical event sequence, another seed differently", async () => {
  async function events(seed: number): Promise<string[]> {
    const { venue, bus, log } = await connected({
      seed,
      bars: 50,
      partialFillRatio: toDecimal("0.5"),
    });
    await venue.marketData.subscribe("AAPL");
    await venue.marketData.subscribe("SPY");
    tradeOnBars(venue, bus, "SPY");
    await run(venue);
    const account = await venue.account.snapshot();
    return [...log, `netliq ${account.netLiquidation}`];
  }
  const first = await events(7);
  assert.deepEqual(await events(7), first);
  assert.notDeepEqual(await events(8), first);
  assert.ok(first.some((line) => line.includes("partially_filled")));
});

Deno.test("SimVenue paces a numeric speed through the injected sleep", async () => {
  const waits: number[] = [];
  const { venue } = await connected({ speed: 60, bars: 4 }, {
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  await venue.marketData.subscribe("AAPL");
  await venue.marketData.subscribe("MSFT");
  await run(venue);
  assert.deepEqual(waits, [1000, 1000, 1000]);
});

Deno.test("SimVenue close() ends a running replay and refuses to reconnect", async () => {
  const { venue, bus } = await connected({ bars: 100 });
  await venue.marketData.subscribe("AAPL");
  let seen = 0;
  bus.subscribe("bar", () => {
    if (++seen === 5) void venue.close();
  });
  await run(venue);
  assert.equal(seen, 5);
  await assert.rejects(venue.connect(bus), /closed/);
});

Deno.test("SimVenue values open positions at the last replayed close", async () => {
  const bars: Bar[] = [100, 110, 120].map((price, i) => ({
    symbol: "AAPL",
    ts: START + i * MINUTE,
    open: price,
    high: price,
    low: price,
    close: price + 5,
    volume: 100,
  }));
  const venue = new SimVenue(simVenueOptions(), {
    barSizeMs: MINUTE,
    source: new ArrayBarSource({ AAPL: bars }),
  });
  const bus = createTradingBus();
  await venue.connect(bus);
  await venue.marketData.subscribe("AAPL");
  assert.deepEqual(await venue.marketData.history("AAPL", 10, MINUTE), []);
  await venue.broker.submit({
    id: "b1",
    strategyId: "s",
    symbol: "AAPL",
    side: "BUY",
    quantity: toDecimal(100),
    type: "MKT",
    tif: "GTC",
    createdAt: START,
  });
  await run(venue);
  // bought 100 at the first open (100), last close 125, commission 1
  assert.equal((await venue.account.snapshot()).netLiquidation?.toString(), "1002499");
  const [position] = await venue.broker.positions();
  assert.deepEqual([position?.quantity.toString(), position?.avgCost.toString()], ["100", "100"]);
});

Deno.test("SimVenue refuses to run before connecting and to connect to a second bus", async () => {
  const venue = new SimVenue(simVenueOptions(), { barSizeMs: MINUTE });
  await assert.rejects(run(venue), /not connected/);
  await venue.connect(createTradingBus());
  await assert.rejects(venue.connect(createTradingBus()), /another bus/);
});

Deno.test("SimVenue refuses invalid settings when constructed", () => {
  assert.throws(
    () => new SimVenue(simVenueOptions(), { barSizeMs: 0 }),
    /bar size must be a positive integer/,
  );
  assert.throws(
    () => new SimVenue(simVenueOptions({ speed: -2 }), { barSizeMs: MINUTE }),
    /speed must be/,
  );
  assert.throws(
    () => new SimVenue(simVenueOptions({ partialFillRatio: toDecimal(2) }), { barSizeMs: MINUTE }),
    /partial_fill_ratio/,
  );
});
