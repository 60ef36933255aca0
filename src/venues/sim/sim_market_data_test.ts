import assert from "node:assert/strict";
import type { Bar } from "../../model/mod.ts";
import { ArrayBarSource } from "./array_bar_source.ts";
import { BarMerger } from "./bar_merge.ts";
import { SimMarketData } from "./sim_market_data.ts";
import { SyntheticBarSource } from "./synthetic_bar_source.ts";

const START = Date.UTC(2024, 0, 2, 14, 30);

function bar(symbol: string, ts: number, close: number): Bar {
  return { symbol, ts, open: close, high: close, low: close, close, volume: 1 };
}

function feedOver(source: ArrayBarSource | SyntheticBarSource) {
  const merger = new BarMerger();
  const feed = new SimMarketData(merger);
  feed.attach(source);
  return { merger, feed };
}

Deno.test("SimMarketData subscribe adds the symbol to the replay and unsubscribe removes it", async () => {
  const { merger, feed } = feedOver(new ArrayBarSource({ A: [bar("A", 1, 10), bar("A", 2, 11)] }));
  assert.equal(feed.isStreaming("A"), false);
  await feed.subscribe("A");
  await feed.subscribe("A");
  assert.equal(feed.isStreaming("A"), true);
  assert.equal(merger.next()?.close, 10);
  assert.equal(feed.lastPrice("A"), 10);
  await feed.unsubscribe("A");
  await feed.unsubscribe("A");
  assert.equal(feed.isStreaming("A"), false);
  assert.equal(merger.next(), undefined);
  assert.equal(feed.lastPrice("A"), 10, "the last price survives unsubscribing");
});

Deno.test("SimMarketData rejects a symbol the source has no data for, naming it", async () => {
  const { feed } = feedOver(new ArrayBarSource({ A: [] }, { description: "CSV files" }));
  await assert.rejects(feed.subscribe("ZZZ"), /CSV files have no bars for ZZZ \(symbols: A\)/);
  assert.equal(feed.isStreaming("ZZZ"), false);
  await assert.rejects(feed.history("ZZZ", 5, 60_000), /no bars for ZZZ/);
});

Deno.test("SimMarketData history is synthetic bars ending at the start price, or none for array data", async () => {
  const synthetic = new SyntheticBarSource({
    seed: 3,
    start: START,
    barSizeMs: 60_000,
    bars: 10,
    drift: 0,
    volatility: 0.2,
    startPrice: 50,
  });
  const history = await feedOver(synthetic).feed.history("AAPL", 20, 300_000);
  assert.equal(history.length, 20);
  assert.equal(history[19]?.close, 50);
  assert.equal(history[19]?.ts, START - 300_000);
  const arrays = feedOver(new ArrayBarSource({ A: [bar("A", 1, 10)] }));
  assert.deepEqual(await arrays.feed.history("A", 20, 60_000), []);
});

Deno.test("SimMarketData rejects every call before the venue connects", async () => {
  const feed = new SimMarketData(new BarMerger());
  await assert.rejects(feed.subscribe("A"), /not connected/);
  await assert.rejects(feed.unsubscribe("A"), /not connected/);
  await assert.rejects(feed.history("A", 1, 60_000), /not connected/);
});
