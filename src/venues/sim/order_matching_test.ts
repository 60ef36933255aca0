import assert from "node:assert/strict";
import { type Bar, toDecimal } from "../../model/mod.ts";
import {
  exactMarketFillPrice,
  fillQuantity,
  limitFillPrice,
  marketFillPrice,
  toTick,
  utcDay,
} from "./order_matching.ts";
import { SeededRandom } from "./prng.ts";

const BAR: Bar = { symbol: "AAPL", ts: 0, open: 100, high: 103, low: 97, close: 101, volume: 1000 };

Deno.test("marketFillPrice moves the open against the trader by the slippage", () => {
  assert.equal(marketFillPrice("BUY", BAR, toDecimal(10)).toString(), "100.1");
  assert.equal(marketFillPrice("SELL", BAR, toDecimal(10)).toString(), "99.9");
  assert.equal(marketFillPrice("BUY", BAR, toDecimal(0)).toString(), "100");
});

Deno.test("limitFillPrice fills a buy at min(open, limit) when the bar trades at or below the limit", () => {
  assert.equal(limitFillPrice("BUY", BAR, toDecimal(98))?.toString(), "98");
  assert.equal(limitFillPrice("BUY", BAR, toDecimal(97))?.toString(), "97");
  assert.equal(limitFillPrice("BUY", BAR, toDecimal(105))?.toString(), "100");
  assert.equal(limitFillPrice("BUY", BAR, toDecimal("96.99")), undefined);
});

Deno.test("limitFillPrice fills a sell at max(open, limit) when the bar trades at or above the limit", () => {
  assert.equal(limitFillPrice("SELL", BAR, toDecimal(102))?.toString(), "102");
  assert.equal(limitFillPrice("SELL", BAR, toDecimal(103))?.toString(), "103");
  assert.equal(limitFillPrice("SELL", BAR, toDecimal(90))?.toString(), "100");
  assert.equal(limitFillPrice("SELL", BAR, toDecimal("103.01")), undefined);
});

Deno.test("fillQuantity takes whole shares of the remaining quantity, at least one", () => {
  const ratio = toDecimal("0.4");
  assert.equal(fillQuantity(toDecimal(10), ratio).toString(), "4");
  assert.equal(fillQuantity(toDecimal(6), ratio).toString(), "2");
  assert.equal(fillQuantity(toDecimal(2), ratio).toString(), "1");
  assert.equal(fillQuantity(toDecimal(1), ratio).toString(), "1");
  assert.equal(fillQuantity(toDecimal(10), toDecimal(1)).toString(), "10");
});

Deno.test("utcDay changes at UTC midnight", () => {
  assert.equal(utcDay(Date.UTC(2024, 0, 2, 23, 59)), utcDay(Date.UTC(2024, 0, 2)));
  assert.equal(utcDay(Date.UTC(2024, 0, 3)), utcDay(Date.UTC(2024, 0, 2)) + 1);
});

Deno.test("toTick rounds execution prices to the cent against the trader, sub-penny below USD 1", () => {
  assert.equal(toTick(toDecimal("101.2345"), "BUY").toString(), "101.24");
  assert.equal(toTick(toDecimal("101.2345"), "SELL").toString(), "101.23");
  assert.equal(toTick(toDecimal("101.23"), "BUY").toString(), "101.23");
  assert.equal(toTick(toDecimal("0.123456"), "BUY").toString(), "0.1235");
  assert.equal(toTick(toDecimal("0.123456"), "SELL").toString(), "0.1234");
});

Deno.test("a buy limit fill never pays more than the limit even when the open rounds up past it", () => {
  const bar: Bar = { ...BAR, open: 99.995, low: 99.5 };
  assert.equal(limitFillPrice("BUY", bar, toDecimal("99.995"))?.toString(), "99.995");
  assert.equal(marketFillPrice("BUY", bar, toDecimal(0)).toString(), "100");
});

Deno.test("marketFillPrice equals the all-Decimal computation on random opens, ticks and slippages", () => {
  const random = new SeededRandom(3);
  const slippages = ["0", "1", "5", "2.5", "10000", "0.0001"].map((s) => toDecimal(s));
  const opens: number[] = [1, 0.9999999999, 1.0000000001, 0.5, 99.995, 100.005, 0.12345, 74.11];
  for (let i = 0; i < 4000; i++) opens.push(0.01 + random.uniform() * 300);
  for (let i = 0; i < 2000; i++) opens.push(Math.round(random.uniform() * 30000) / 100); // CSV cents
  for (let i = 0; i < 500; i++) opens.push(Math.round(random.uniform() * 9999) / 10000); // sub-penny
  for (const open of opens) {
    const bar: Bar = { ...BAR, open };
    for (const side of ["BUY", "SELL"] as const) {
      for (const bps of slippages) {
        const fast = marketFillPrice(side, bar, bps);
        const exact = exactMarketFillPrice(side, bar, bps);
        assert.equal(fast.toString(), exact.toString(), `${side} ${open} ${bps}`);
      }
    }
  }
});
