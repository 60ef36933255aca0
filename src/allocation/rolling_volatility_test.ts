import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import { annualizationFactor, RollingVolatility } from "./rolling_volatility.ts";

function naiveSampleSd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

Deno.test("annualizationFactor counts trading time: sqrt(252) daily, a 6.5 hour session intraday, five trading days a week", () => {
  assertEquals(annualizationFactor(86_400_000), Math.sqrt(252));
  assertEquals(annualizationFactor(60_000), Math.sqrt(252 * 390));
  assertEquals(annualizationFactor(300_000), Math.sqrt(252 * 78));
  assertEquals(annualizationFactor(2 * 86_400_000), Math.sqrt(252 / (2 * 5 / 7)));
  // A weekly bar holds five trading days: about 50 a year, not 36 (regression).
  assertEquals(annualizationFactor(7 * 86_400_000), Math.sqrt(252 / 5));
  assertThrows(() => annualizationFactor(0), RangeError);
});

Deno.test("RollingVolatility is the sample standard deviation of the last lookback log returns", () => {
  const vol = new RollingVolatility(3);
  const closes = [100, 102, 99, 101, 120, 119];
  closes.slice(0, 3).forEach((close) => vol.observe(close));
  assertEquals(vol.periodVolatility(), undefined);
  assertEquals(vol.count, 2);
  vol.observe(closes[3] as number);
  assert(vol.ready);
  const returns = closes.slice(1).map((close, i) => Math.log(close / (closes[i] as number)));
  assert(Math.abs((vol.periodVolatility() as number) - naiveSampleSd(returns.slice(0, 3))) < 1e-15);
  vol.observe(closes[4] as number);
  vol.observe(closes[5] as number);
  assert(Math.abs((vol.periodVolatility() as number) - naiveSampleSd(returns.slice(2, 5))) < 1e-15);
});

Deno.test("RollingVolatility ignores non-positive and non-finite closes", () => {
  const vol = new RollingVolatility(2);
  for (const close of [100, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, 110, 100]) {
    vol.observe(close);
  }
  assertEquals(vol.count, 2);
  const expected = naiveSampleSd([Math.log(1.1), Math.log(100 / 110)]);
  assert(Math.abs((vol.periodVolatility() as number) - expected) < 1e-15);
});

Deno.test("RollingVolatility stays exact over a long seeded series (no running-sum drift)", () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const lookback = 20;
  const vol = new RollingVolatility(lookback);
  const closes = [100];
  vol.observe(100);
  for (let i = 0; i < 100_000; i++) {
    const close = (closes.at(-1) as number) * Math.exp((random() - 0.5) * 0.02);
    closes.push(close);
    vol.observe(close);
  }
  const tail = closes.slice(-(lookback + 1));
  const returns = tail.slice(1).map((close, i) => Math.log(close / (tail[i] as number)));
  assert(Math.abs((vol.periodVolatility() as number) - naiveSampleSd(returns)) < 1e-12);
});

Deno.test("RollingVolatility rejects a lookback below 2", () => {
  assertThrows(() => new RollingVolatility(1), /must be an integer >= 2/);
});
