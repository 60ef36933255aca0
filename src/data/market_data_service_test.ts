import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import type { Bar } from "../model/mod.ts";
import type { MarketDataFeed } from "../venue/mod.ts";
import { MarketDataService } from "./market_data_service.ts";

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

Deno.test("MarketDataService reports a stall once and the recovery once", async () => {
  const bus = createTradingBus();
  const service = new MarketDataService(feed([]), bus, { barSizeMs: 1_000 });
  await service.acquire("AAPL");
  await service.acquire("MSFT");
  bus.publish("bar", bar("AAPL", 0, 1));
  bus.publish("bar", bar("MSFT", 0, 1));
  bus.publish("bar", bar("AAPL", 40_000, 1));
  assertEquals(service.checkStalls(40_000, 30_000), { stalled: ["MSFT"], recovered: [] });
  assertEquals(service.checkStalls(41_000, 30_000), { stalled: [], recovered: [] });
  bus.publish("bar", bar("MSFT", 42_000, 1));
  assertEquals(service.checkStalls(42_000, 30_000), { stalled: [], recovered: ["MSFT"] });
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
  service.checkStalls(0, 60_000);
  assertEquals(service.checkStalls(120_001, 60_000).stalled, ["AAPL", "MSFT"]);
});
