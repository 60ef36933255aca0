import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { annualizationFactor, RollingVolatility } from "./rolling_volatility.ts";

function naiveSampleSd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

Deno.test("annualizationFactor on US equities counts 252 trading days of 6.5 hours: sqrt(252) daily, 390 minutes and 7 hourly bars a session", () => {
  const us = US_EQUITIES_CALENDAR;
  assertEquals(annualizationFactor(DAY, us), Math.sqrt(252));
  assertEquals(annualizationFactor(60_000, us), Math.sqrt(252 * 390));
  assertEquals(annualizationFactor(300_000, us), Math.sqrt(252 * 78));
  // 09:30-16:00 in hourly bars is seven of them, the first half an hour long.
  assertEquals(annualizationFactor(HOUR, us), Math.sqrt(252 * 7));
  // A weekly bar holds five trading days less holidays: about 52 a year, not 36 (regression).
  const weekly = annualizationFactor(7 * DAY, us) ** 2;
  assert(weekly > 52 && weekly < 52.5, `${weekly} weekly bars a year`);
  assertThrows(() => annualizationFactor(0, us), RangeError);
});

Deno.test("annualizationFactor on the always-open calendar counts 365.25 days of 24 hours", () => {
  const open = ALWAYS_OPEN_CALENDAR;
  assertEquals(annualizationFactor(60_000, open), Math.sqrt(365.25 * 1440));
  assertEquals(annualizationFactor(HOUR, open), Math.sqrt(365.25 * 24));
  assertEquals(annualizationFactor(DAY, open), Math.sqrt(365.25));
  assertEquals(annualizationFactor(7 * DAY, open), Math.sqrt(365.25 / 7));
  assertThrows(() => annualizationFactor(Number.NaN, open), RangeError);
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
