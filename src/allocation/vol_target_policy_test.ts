import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import { US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { Decimal } from "../model/decimal.ts";
import { allocationInput, node, sizes } from "./_test_inputs.ts";
import { VolTargetPolicy } from "./vol_target_policy.ts";

const DAY = 86_400_000;

function policy(overrides: { maxScale?: string; barSizeMs?: number; targetVol?: string } = {}) {
  return new VolTargetPolicy({
    targetVol: new Decimal(overrides.targetVol ?? "0.15"),
    lookbackBars: 2,
    maxScale: new Decimal(overrides.maxScale ?? "1"),
    barSizeMs: overrides.barSizeMs ?? DAY,
    calendar: US_EQUITIES_CALENDAR,
  });
}

/** Closes whose two log returns are +a and -a: sample sd = a x sqrt(2). */
function zigzag(a: number): number[] {
  return [100, 100 * Math.exp(a), 100];
}

Deno.test("VolTargetPolicy keeps envelopes empty until the lookback window is full", () => {
  const vol = policy();
  const decisions = vol.prepare(allocationInput([node("fast")]));
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [0, "0.00"]);
  assertEquals(decisions[0]?.scale, "0");
  assert(decisions[0]?.reason.includes("realized vol unknown: 0/2 returns, scale 0 until known"));
  vol.observe("AAPL", 100);
  vol.observe("AAPL", 101);
  assertEquals(vol.refresh(1), []);
  assertEquals(vol.capital().allocated.toString(), "0");
  assertEquals(vol.capital().available.toString(), "100000");
});

Deno.test("VolTargetPolicy scales the equal-weight envelope by target over realized volatility (daily bars)", () => {
  const vol = policy();
  vol.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  // realized = 0.01 x sqrt(2) x sqrt(252) = sqrt(0.0504) = 0.2244994; scale = 0.15 / 0.2244994 = 0.668.. -> 0.66
  assertEquals(vol.realizedVolatility("AAPL")?.toFixed(7), "0.2244994");
  const changed = vol.refresh(10);
  assertEquals(changed.map((d) => [d.strategyId, d.symbol, d.scale]), [[
    "fast",
    "AAPL",
    "0.66",
  ]]);
  // floor(100 x 0.66) = 66; 100000 x 0.66 = 66000.00
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [66, "66000.00"]);
  assertEquals(vol.capital().allocated.toString(), "66000");
  assert(
    changed[0]?.reason.includes(
      "realized vol 0.224499 over 2 returns (annualised over 252 bars a year, us_equities)",
    ),
    changed[0]?.reason,
  );
});

Deno.test("VolTargetPolicy divides the scaled envelope by the number of strategies", () => {
  const vol = policy();
  vol.prepare(allocationInput([node("fast"), node("slow")]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  vol.refresh(10);
  // 100 x 0.66 / 2 = 33; 100000 x 0.66 / 2 = 33000.00
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [33, "33000.00"]);
  assertEquals(sizes(vol.envelopeFor("slow", "AAPL")), [33, "33000.00"]);
});

Deno.test("VolTargetPolicy annualises US equity intraday bars with a 6.5 hour session", () => {
  const vol = policy({ barSizeMs: 60_000, targetVol: "0.2" });
  vol.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.001)) vol.observe("AAPL", close);
  vol.refresh(10);
  // realized = 0.001 x sqrt(2) x sqrt(252 x 390) = 0.4433509; scale = 0.2 / 0.4433509 = 0.451.. -> 0.45
  assertEquals(vol.realizedVolatility("AAPL")?.toFixed(7), "0.4433509");
  assertEquals(vol.scaleOf("AAPL").toString(), "0.45");
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [45, "45000.00"]);
});

Deno.test("VolTargetPolicy caps the scale at max_scale and uses it for zero volatility", () => {
  const capped = policy({ maxScale: "1" });
  capped.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.001)) capped.observe("AAPL", close);
  capped.refresh(1);
  // 0.15 / 0.0224499 = 6.68 -> capped to 1
  assertEquals(capped.scaleOf("AAPL").toString(), "1");
  assertEquals(sizes(capped.envelopeFor("fast", "AAPL")), [100, "100000.00"]);

  const flat = policy({ maxScale: "0.5" });
  flat.prepare(allocationInput([node("fast")]));
  for (const close of [50, 50, 50]) flat.observe("AAPL", close);
  flat.refresh(1);
  assertEquals(flat.scaleOf("AAPL").toString(), "0.5");
  assertEquals(sizes(flat.envelopeFor("fast", "AAPL")), [50, "50000.00"]);
});

Deno.test("VolTargetPolicy refresh returns only changed envelopes and only for a later ts", () => {
  const vol = policy();
  vol.prepare(allocationInput([node("fast"), node("other", { symbols: ["MSFT"] })]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  assertEquals(vol.refresh(5).map((d) => d.strategyId), ["fast"]);
  assertEquals(vol.refresh(5), []);
  assertEquals(vol.refresh(6), []);
  // rolling window [-0.01, ln 2]: sd = (ln 2 + 0.01) / sqrt(2) x sqrt(252) = 7.8928; 0.15 / 7.8928 = 0.019.. -> 0.01
  // then two small moves push the big one out again
  vol.observe("AAPL", 200);
  assertEquals(vol.refresh(7).map((d) => d.scale), ["0.01"]);
  vol.observe("AAPL", 200 * Math.exp(0.01));
  vol.observe("AAPL", 200);
  assertEquals(vol.refresh(8).map((d) => d.scale), ["0.66"]);
  assertEquals(sizes(vol.envelopeFor("other", "MSFT")), [0, "0.00"]);
});

Deno.test("VolTargetPolicy keeps observed closes across a new prepare and ignores unknown symbols", () => {
  const vol = policy();
  vol.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  vol.observe("TSLA", 1);
  const decisions = vol.prepare(allocationInput([node("fast")]), {
    accountId: "DU1",
    isPaper: true,
    currency: "USD",
    netLiquidation: new Decimal(50_000),
  });
  // 50000 x 0.66 = 33000.00
  assertEquals(decisions.map((d) => d.maxNotional), ["33000.00"]);
  assertEquals(vol.realizedVolatility("TSLA"), undefined);
  assertEquals(vol.observesCloses, true);
});

Deno.test("VolTargetPolicy rejects invalid options", () => {
  const base = {
    targetVol: new Decimal("0.1"),
    lookbackBars: 5,
    maxScale: new Decimal(1),
    barSizeMs: DAY,
    calendar: US_EQUITIES_CALENDAR,
  };
  assertThrows(() => new VolTargetPolicy({ ...base, targetVol: new Decimal(0) }), /targetVol/);
  assertThrows(() => new VolTargetPolicy({ ...base, maxScale: new Decimal(-1) }), /maxScale/);
  assertThrows(() => new VolTargetPolicy({ ...base, lookbackBars: 1 }), /lookbackBars/);
  assertThrows(() => new VolTargetPolicy({ ...base, barSizeMs: 0 }), /bar size/);
});

Deno.test("VolTargetPolicy reports no change while volatility moves within a scale step", () => {
  const vol = policy();
  vol.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  assertEquals(vol.refresh(1).map((d) => d.scale), ["0.66"]);
  // returns of 0.01 then -0.01005: realized moves by under 0.5%, the scale stays 0.66
  vol.observe("AAPL", 100 * Math.exp(0.01));
  vol.observe("AAPL", 100 * Math.exp(0.01 - 0.01005));
  assertEquals(vol.refresh(2), []);
});

Deno.test("VolTargetPolicy keeps the scale in effect until the target leaves the 10% rebalance band", () => {
  const vol = policy({ maxScale: "5" });
  vol.prepare(allocationInput([node("fast")]));
  for (const close of zigzag(0.01)) vol.observe("AAPL", close);
  assertEquals(vol.refresh(1).map((d) => d.scale), ["0.66"]);
  // returns -0.01, 0.0092: realized falls 4%, target scale 0.69 is inside the band around 0.66
  vol.observe("AAPL", 100 * Math.exp(0.0092));
  assertEquals(vol.scaleOf("AAPL").toString() !== "0.66", true);
  assertEquals(vol.refresh(2), []);
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [66, "66000.00"]);
  // returns 0.0092, 0.005: realized far lower, the scale jumps beyond the band
  vol.observe("AAPL", 100 * Math.exp(0.0142));
  assertEquals(vol.refresh(3).length, 1);
});
