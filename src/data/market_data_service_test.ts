import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import { US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import type { Bar } from "../model/mod.ts";
import type { MarketDataFeed } from "../venue/mod.ts";
import { DEFAULT_BAR_BUFFER_CAPACITY, MarketDataService } from "./market_data_service.ts";
import { StallRule } from "./stall_rule.ts";

function feed(calls: string[]): MarketDataFeed {
  return {
    subscribe: (s) => (calls.push(`sub ${s}`), Promise.resolve()),
    unsubscribe: (s) => (calls.push(`unsub ${s}`), Promise.resolve()),
    history: (s, n, size) => (calls.push(`history ${s} ${n} ${size}`), Promise.resolve([])),
  };
}

function bar(symbol: string, ts: number, close: number): Bar {
  return { symbol, ts, open: close, high: close, low: close, close, volume: 1 };
}

Deno.test("MarketDataService passes bars of subscribed symbols straight through and caches their price", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  const seen: Bar[] = [];
  service.onBar((b) => seen.push(b));
  await service.acquire("AAPL");
  bus.publish("bar", bar("AAPL", 0, 101));
  bus.publish("bar", bar("MSFT", 0, 50));
  assertEquals(seen.map((b) => b.symbol), ["AAPL"]);
  assertEquals(service.price("AAPL"), 101);
  assertEquals(service.price("MSFT"), undefined);
});

Deno.test("MarketDataService uses the last trade tick, and the mid-quote before any trade", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  await service.acquire("AAPL");
  bus.publish("tick", { symbol: "AAPL", ts: 1, kind: "bid", price: 99, size: 1 });
  bus.publish("tick", { symbol: "AAPL", ts: 2, kind: "ask", price: 101, size: 1 });
  assertEquals(service.price("AAPL"), 100);
  bus.publish("tick", { symbol: "AAPL", ts: 3, kind: "last", price: 100.5, size: 1 });
  assertEquals(service.price("AAPL"), 100.5);
});

Deno.test("MarketDataService aggregates venue bars into the graph bar size", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, {
    barSizeMs: 10_000,
    sourceBarSizeMs: 5_000,
  });
  const seen: Bar[] = [];
  service.onBar((b) => seen.push(b));
  await service.acquire("AAPL");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("AAPL", 5_000, 2));
  assertEquals(seen.map((b) => [b.ts, b.open, b.close, b.volume]), [[0, 1, 2, 2]]);
});

Deno.test("MarketDataService reports a stall once and the recovery at the symbol's next data, before the bar is handed on", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  const thirtySeconds = new StallRule({ timeoutMs: 30_000, barSizeMs: 1_000 });
  const log: string[] = [];
  service.onStallRecovered((symbol) => log.push(`recovered ${symbol}`));
  service.onBar((b) => log.push(`bar ${b.symbol} ${b.ts}`));
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("MSFT", 0, 1));
  bus.publish("bar", bar("AAPL", 40_000, 1));
  assertEquals(service.checkStalls(40_000, thirtySeconds), ["MSFT"]);
  assertEquals(service.checkStalls(41_000, thirtySeconds), []);
  bus.publish("tick", { symbol: "MSFT", ts: 42_000, kind: "last", price: 2, size: 1 });
  bus.publish("bar", bar("MSFT", 43_000, 1));
  assertEquals(service.checkStalls(43_000, thirtySeconds), []);
  assertEquals(log, [
    "bar AAPL 0",
    "bar MSFT 0",
    "bar AAPL 40000",
    "recovered MSFT",
    "bar MSFT 43000",
  ]);
});

Deno.test("MarketDataService judges a symbol that never had data from the first check on", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  const minute = new StallRule({ timeoutMs: 30_000, barSizeMs: 60_000 });
  await service.acquire("AAPL");
  assertEquals(service.checkStalls(1_000_000, minute), []);
  assertEquals(service.checkStalls(1_060_000, minute), []);
  assertEquals(service.checkStalls(1_060_001, minute), ["AAPL"]);
});

Deno.test("MarketDataService asks the feed for history in the graph bar size", async () => {
  const calls: string[] = [];
  const service = new MarketDataService(feed(calls), createTradingBus(), { barSizeMs: 60_000 });
  await service.history("AAPL", 30);
  await service.history("AAPL", 0);
  assertEquals(calls, ["history AAPL 30 60000"]);
});

Deno.test("MarketDataService price cells always read what price() returns", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  const early = service.priceCell("MSFT"); // handed out before MSFT is subscribed
  await service.acquire("AAPL");
  const aapl = service.priceCell("AAPL");
  assertEquals(service.priceCell("AAPL") === aapl, true); // the same live object
  assertEquals([aapl.price, early.price], [undefined, undefined]);
  bus.publish("tick", { symbol: "AAPL", ts: 1, kind: "bid", price: 99, size: 1 });
  bus.publish("tick", { symbol: "AAPL", ts: 2, kind: "ask", price: 101, size: 1 });
  assertEquals(aapl.price, 100);
  bus.publish("bar", bar("AAPL", 60_000, 102.5));
  bus.publish("bar", bar("MSFT", 60_000, 50)); // not subscribed: ignored, as before
  assertEquals([aapl.price, early.price], [102.5, undefined]);
  assertEquals([service.price("AAPL"), service.price("MSFT")], [102.5, undefined]);
  await service.acquire("MSFT");
  bus.publish("bar", bar("MSFT", 120_000, 51));
  assertEquals([early.price, service.price("MSFT")], [51, 51]);
});

Deno.test("MarketDataService reports stalls in subscription order even for symbols whose cell came first", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  service.priceCell("MSFT");
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  const minute = new StallRule({ timeoutMs: 60_000, barSizeMs: 60_000 });
  service.checkStalls(0, minute);
  assertEquals(service.checkStalls(120_001, minute), ["AAPL", "MSFT"]);
});

function historyFeed(history: Readonly<Record<string, readonly Bar[]>>): MarketDataFeed {
  return {
    subscribe: () => Promise.resolve(),
    unsubscribe: () => Promise.resolve(),
    history: (s, n) => Promise.resolve((history[s] ?? []).slice(-n)),
  };
}

Deno.test("MarketDataService delivers bars that arrived before the bar handler, in arrival order across symbols, inside onBar", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("MSFT", 0, 2));
  bus.publish("bar", bar("AAPL", 60_000, 3));
  assertEquals(service.price("AAPL"), 3); // the price cache follows while buffering
  assertEquals(service.barDelivery("AAPL").buffered, 2);
  const seen: string[] = [];
  const delivered = service.onBar((b) => seen.push(`${b.symbol}@${b.ts}`));
  assertEquals([delivered, seen], [3, ["AAPL@0", "MSFT@0", "AAPL@60000"]]);
  bus.publish("bar", bar("MSFT", 60_000, 4));
  assertEquals(seen.at(-1), "MSFT@60000");
  assertEquals(service.barDelivery("AAPL"), {
    buffered: 0,
    flushed: 2,
    droppedDuplicates: 0,
    droppedOverflow: 0,
  });
});

Deno.test("MarketDataService drops buffered and live bars at or before the last history bar and counts them", async () => {
  const bus = createTradingBus();
  const history = [bar("AAPL", 0, 1), bar("AAPL", 60_000, 2), bar("AAPL", 120_000, 3)];
  const service = new MarketDataService(historyFeed({ AAPL: history }), bus, {
    barSizeMs: 60_000,
  });
  await service.acquire("AAPL");
  bus.publish("bar", bar("AAPL", 60_000, 2)); // the live stream started before history was taken
  bus.publish("bar", bar("AAPL", 120_000, 3));
  assertEquals(await service.history("AAPL", 3), history);
  bus.publish("bar", bar("AAPL", 120_000, 3)); // known to be a duplicate already
  bus.publish("bar", bar("AAPL", 180_000, 4));
  const seen: number[] = [];
  assertEquals(service.onBar((b) => seen.push(b.ts)), 1);
  bus.publish("bar", bar("AAPL", 180_000, 4)); // a repeated live bar
  bus.publish("bar", bar("AAPL", 240_000, 5));
  assertEquals(seen, [180_000, 240_000]);
  assertEquals(service.barDelivery("AAPL"), {
    buffered: 0,
    flushed: 1,
    droppedDuplicates: 4,
    droppedOverflow: 0,
  });
});

Deno.test("MarketDataService drops an aggregated bar of the last history bar's period, however little of it the live stream saw", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(historyFeed({ AAPL: [bar("AAPL", 60_000, 9)] }), bus, {
    barSizeMs: 60_000,
    sourceBarSizeMs: 5_000,
  });
  await service.acquire("AAPL");
  // Live 5-s bars from 1:40 on: the 1:00 period is built only partly before history arrives.
  for (let ts = 100_000; ts < 120_000; ts += 5_000) bus.publish("bar", bar("AAPL", ts, ts / 1000));
  await service.history("AAPL", 1);
  const seen: Bar[] = [];
  service.onBar((b) => seen.push(b));
  for (let ts = 120_000; ts < 240_000; ts += 5_000) bus.publish("bar", bar("AAPL", ts, ts / 1000));
  assertEquals(seen.map((b) => [b.ts, b.open, b.close, b.volume]), [
    [120_000, 120, 175, 12],
    [180_000, 180, 235, 12],
  ]);
  assertEquals(service.barDelivery("AAPL").droppedDuplicates, 1);
});

Deno.test("MarketDataService drops an aggregated bar completed after the handler when history already covers its period", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(historyFeed({ AAPL: [bar("AAPL", 0, 9)] }), bus, {
    barSizeMs: 60_000,
    sourceBarSizeMs: 5_000,
  });
  await service.acquire("AAPL");
  for (let ts = 30_000; ts < 45_000; ts += 5_000) bus.publish("bar", bar("AAPL", ts, 1));
  await service.history("AAPL", 1);
  const seen: number[] = [];
  assertEquals(service.onBar((b) => seen.push(b.ts)), 0);
  for (let ts = 45_000; ts < 120_000; ts += 5_000) bus.publish("bar", bar("AAPL", ts, 1));
  assertEquals(seen, [60_000]);
  assertEquals(service.barDelivery("AAPL").droppedDuplicates, 1);
});

Deno.test("MarketDataService keeps at most barBufferCapacity bars per symbol before the handler and counts the oldest it drops", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000, barBufferCapacity: 3 });
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  for (let i = 0; i < 5; i++) bus.publish("bar", bar("AAPL", i * 1_000, i));
  bus.publish("bar", bar("MSFT", 0, 1));
  assertEquals(service.barDelivery("AAPL"), {
    buffered: 3,
    flushed: 0,
    droppedDuplicates: 0,
    droppedOverflow: 2,
  });
  const seen: string[] = [];
  service.onBar((b) => seen.push(`${b.symbol}@${b.ts}`));
  assertEquals(seen, ["AAPL@2000", "AAPL@3000", "AAPL@4000", "MSFT@0"]);
  assertEquals(service.barDelivery("MSFT").droppedOverflow, 0);
});

Deno.test("MarketDataService buffers 10,000 bars per symbol by default", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  await service.acquire("AAPL");
  for (let i = 0; i <= DEFAULT_BAR_BUFFER_CAPACITY; i++) bus.publish("bar", bar("AAPL", i, i));
  const seen: number[] = [];
  service.onBar((b) => seen.push(b.ts));
  assertEquals(DEFAULT_BAR_BUFFER_CAPACITY, 10_000);
  assertEquals([seen.length, seen[0], seen.at(-1)], [10_000, 1, 10_000]);
  assertEquals(service.barDelivery("AAPL").droppedOverflow, 1);
});

Deno.test("MarketDataService refuses a bar buffer capacity that is not a positive integer", () => {
  for (const capacity of [0, -1, 1.5]) {
    assertThrows(
      () =>
        new MarketDataService(feed([]), createTradingBus(), {
          barSizeMs: 1_000,
          barBufferCapacity: capacity,
        }),
      /bar buffer capacity must be a positive integer/,
    );
  }
});

Deno.test("MarketDataService keeps bars the venue publishes while its subscribe call is pending", async () => {
  const bus = createTradingBus();
  const eager: MarketDataFeed = {
    subscribe: (s) => (bus.publish("bar", bar(s, 0, 7)), Promise.resolve()),
    unsubscribe: () => Promise.resolve(),
    history: () => Promise.resolve([]),
  };
  const service = new MarketDataService(eager, bus, { barSizeMs: 60_000 });
  await service.acquire("AAPL");
  const seen: number[] = [];
  service.onBar((b) => seen.push(b.close));
  assertEquals([seen, service.price("AAPL")], [[7], 7]);
});

Deno.test("MarketDataService queues bars published by the handler during the flush behind the buffered ones", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  await service.acquire("AAPL");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("AAPL", 1_000, 2));
  const seen: number[] = [];
  service.onBar((b) => {
    seen.push(b.ts);
    if (b.ts === 0) bus.publish("bar", bar("AAPL", 2_000, 3));
  });
  assertEquals(seen, [0, 1_000, 2_000]);
});

Deno.test("MarketDataService keeps the undelivered bars buffered when the handler throws during the flush", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  await service.acquire("AAPL");
  for (let i = 0; i < 3; i++) bus.publish("bar", bar("AAPL", i * 1_000, i));
  assertThrows(() =>
    service.onBar(() => {
      throw new Error("boom");
    }), /boom/);
  bus.publish("bar", bar("AAPL", 3_000, 3)); // no handler: buffered behind the rest
  const seen: number[] = [];
  service.onBar((b) => seen.push(b.ts));
  assertEquals(seen, [1_000, 2_000, 3_000]);
});

Deno.test("MarketDataService discards the buffered bars of a symbol whose last subscriber left", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("MSFT", 0, 1));
  await service.release("AAPL");
  const seen: string[] = [];
  service.onBar((b) => seen.push(b.symbol));
  assertEquals(seen, ["MSFT"]);
});

Deno.test("MarketDataService updates the price cache from ticks before onTick and does not replay them", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 60_000 });
  await service.acquire("AAPL");
  bus.publish("tick", { symbol: "AAPL", ts: 1, kind: "last", price: 101, size: 1 });
  const ticks: number[] = [];
  service.onTick((t) => ticks.push(t.price));
  assertEquals([service.price("AAPL"), ticks], [101, []]);
  bus.publish("tick", { symbol: "AAPL", ts: 2, kind: "last", price: 102, size: 1 });
  assertEquals(ticks, [102]);
});

Deno.test("MarketDataService aggregates on the venue's calendar and hands out the open period when the data ends", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, {
    barSizeMs: 86_400_000,
    sourceBarSizeMs: 3_600_000,
    calendar: US_EQUITIES_CALENDAR,
  });
  const seen: Bar[] = [];
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  // 2024-01-02 trades 14:30-21:00 UTC: its 20:30 bar ends the day; 2024-01-03 ends at 17:30.
  const day = Date.UTC(2024, 0, 2);
  for (const h of [14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5]) {
    bus.publish("bar", bar("AAPL", day + h * 3_600_000, h));
  }
  bus.publish("bar", bar("MSFT", day + 86_400_000 + 17.5 * 3_600_000, 7));
  service.onBar((b) => seen.push(b));
  assertEquals(seen.map((b) => [b.symbol, b.ts, b.close, b.volume]), [["AAPL", day, 20.5, 7]]);
  service.flushBars();
  assertEquals(seen.map((b) => [b.symbol, b.ts]).slice(1), [["MSFT", day + 86_400_000]]);
  service.flushBars();
  assertEquals(seen.length, 2);
});
