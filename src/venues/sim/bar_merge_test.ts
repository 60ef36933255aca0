import assert from "node:assert/strict";
import type { Bar } from "../../model/mod.ts";
import { ArrayBarSource } from "./array_bar_source.ts";
import { BarMerger } from "./bar_merge.ts";
import { SeededRandom } from "./prng.ts";

function bar(symbol: string, ts: number): Bar {
  return { symbol, ts, open: 1, high: 1, low: 1, close: ts, volume: 1 };
}

function bars(symbol: string, ...times: number[]): Bar[] {
  return times.map((ts) => bar(symbol, ts));
}

function drain(merger: BarMerger): string[] {
  const out: string[] = [];
  for (let next = merger.next(); next !== undefined; next = merger.next()) {
    out.push(`${next.symbol}@${next.ts}`);
  }
  return out;
}

function mergerOf(source: ArrayBarSource, symbols: string[]): BarMerger {
  const merger = new BarMerger();
  for (const symbol of symbols) merger.add(symbol, () => source.open(symbol));
  return merger;
}

Deno.test("BarMerger emits bars by time, equal times in subscription order", () => {
  const source = new ArrayBarSource({
    A: bars("A", 1, 2, 4),
    B: bars("B", 1, 3, 4),
    C: bars("C", 0, 4),
  });
  assert.deepEqual(drain(mergerOf(source, ["B", "A", "C"])), [
    "C@0",
    "B@1",
    "A@1",
    "A@2",
    "B@3",
    "B@4",
    "A@4",
    "C@4",
  ]);
});

Deno.test("BarMerger matches a full sort of irregular streams", () => {
  const random = new SeededRandom(5);
  const data: Record<string, Bar[]> = {};
  const symbols = Array.from({ length: 37 }, (_, i) => `S${i}`);
  for (const symbol of symbols) {
    let ts = random.nextUint32() % 50;
    data[symbol] = Array.from(
      { length: 60 },
      () => bar(symbol, ts += 1 + (random.nextUint32() % 9)),
    );
  }
  const expected = symbols
    .flatMap((symbol, order) => (data[symbol] as Bar[]).map((b) => ({ b, order })))
    .sort((x, y) => x.b.ts - y.b.ts || x.order - y.order)
    .map(({ b }) => `${b.symbol}@${b.ts}`);
  assert.deepEqual(drain(mergerOf(new ArrayBarSource(data), symbols)), expected);
});

Deno.test("BarMerger stops a removed symbol's bars at once", () => {
  const merger = mergerOf(new ArrayBarSource({ A: bars("A", 1, 2, 3), B: bars("B", 1, 2, 3) }), [
    "A",
    "B",
  ]);
  assert.equal(merger.next()?.symbol, "A");
  assert.equal(merger.remove("B"), true);
  assert.equal(merger.remove("B"), false);
  assert.equal(merger.isActive("B"), false);
  assert.deepEqual(drain(merger), ["A@2", "A@3"]);
});

Deno.test("BarMerger joins a symbol added mid-replay at the current time, behind earlier subscribers", () => {
  const source = new ArrayBarSource({ A: bars("A", 1, 2, 3), B: bars("B", 0, 1, 2, 3) });
  const merger = mergerOf(source, ["A"]);
  assert.equal(merger.next()?.ts, 1);
  assert.equal(merger.next()?.ts, 2);
  merger.add("B", () => source.open("B"));
  assert.deepEqual(drain(merger), ["B@2", "A@3", "B@3"]);
});

Deno.test("BarMerger resumes a re-added symbol where the replay is, and it goes last on ties", () => {
  const source = new ArrayBarSource({ A: bars("A", 1, 2, 3, 4), B: bars("B", 1, 2, 3, 4) });
  const merger = mergerOf(source, ["B", "A"]);
  assert.deepEqual([merger.next()?.symbol, merger.next()?.symbol], ["B", "A"]);
  merger.remove("B");
  assert.equal(merger.next()?.symbol, "A");
  merger.add("B", () => {
    throw new Error("must not reopen");
  });
  assert.deepEqual(drain(merger), ["B@2", "A@3", "B@3", "A@4", "B@4"]);
  assert.deepEqual(merger.activeSymbols(), ["A", "B"]);
});

Deno.test("BarMerger keeps each symbol's last bar, also after removal, and peeks the next time", () => {
  const merger = mergerOf(new ArrayBarSource({ A: bars("A", 5, 9), B: bars("B", 7) }), ["A", "B"]);
  assert.equal(merger.peekTs(), 5);
  merger.next();
  assert.equal(merger.lastBar("A")?.ts, 5);
  assert.equal(merger.lastBar("B"), undefined);
  assert.equal(merger.peekTs(), 7);
  merger.next();
  merger.remove("B");
  assert.equal(merger.lastBar("B")?.ts, 7);
  merger.next();
  assert.equal(merger.peekTs(), undefined);
  assert.equal(merger.next(), undefined);
  assert.equal(merger.isActive("A"), true, "a symbol whose data ended stays subscribed");
});

Deno.test("BarMerger handles many symbols beyond its initial capacity", () => {
  const data: Record<string, Bar[]> = {};
  const symbols = Array.from({ length: 100 }, (_, i) => `S${i}`);
  for (const symbol of symbols) data[symbol] = bars(symbol, 1, 2);
  const out = drain(mergerOf(new ArrayBarSource(data), symbols));
  assert.deepEqual(out, [...symbols.map((s) => `${s}@1`), ...symbols.map((s) => `${s}@2`)]);
});
