import assert from "node:assert/strict";
import type { Bar } from "../../model/mod.ts";
import { ArrayBarSource } from "./array_bar_source.ts";

function bar(symbol: string, ts: number, close = 10): Bar {
  return { symbol, ts, open: close, high: close, low: close, close, volume: 1 };
}

Deno.test("ArrayBarSource streams each symbol's array in order and then ends", () => {
  const source = new ArrayBarSource({ AAPL: [bar("AAPL", 1), bar("AAPL", 2)] });
  const stream = source.open("AAPL");
  assert.equal(stream.next()?.ts, 1);
  assert.equal(stream.next()?.ts, 2);
  assert.equal(stream.next(), undefined);
  assert.equal(stream.next(), undefined);
});

Deno.test("ArrayBarSource has no history but checks the symbol", () => {
  const source = new ArrayBarSource({ AAPL: [bar("AAPL", 1)] });
  assert.deepEqual(source.history("AAPL", 10, 60_000), []);
  assert.throws(
    () => source.history("MSFT", 10, 60_000),
    /in-memory bars have no bars for MSFT \(symbols: AAPL\)/,
  );
});

Deno.test("ArrayBarSource names an unknown symbol and what it has", () => {
  const source = new ArrayBarSource({ AAPL: [], SPY: [] }, { description: "CSV files" });
  assert.equal(source.has("AAPL"), true);
  assert.equal(source.has("MSFT"), false);
  assert.throws(
    () => source.open("MSFT"),
    /CSV files have no bars for MSFT \(symbols: AAPL, SPY\)/,
  );
});

Deno.test("ArrayBarSource refuses bars out of time order or of another symbol", () => {
  assert.throws(
    () => new ArrayBarSource({ AAPL: [bar("AAPL", 2), bar("AAPL", 2)] }),
    /AAPL\[1\]: ts 2 is not after the previous bar's 2/,
  );
  assert.throws(
    () => new ArrayBarSource({ AAPL: [bar("MSFT", 1)] }),
    /AAPL\[0\]: bar has symbol "MSFT"/,
  );
});

Deno.test("ArrayBarSource reports the earliest first timestamp over its symbols", () => {
  const source = new ArrayBarSource({ A: [bar("A", 50)], B: [bar("B", 20), bar("B", 90)], C: [] });
  assert.equal(source.firstTimestamp(), 20);
  assert.equal(new ArrayBarSource({}).firstTimestamp(), undefined);
});
