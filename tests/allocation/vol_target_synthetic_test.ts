/**
 * Regression (issue 8 follow-up): the synthetic feed steps in continuous time
 * (`volatility: 0.25` is 0.25 per year of around-the-clock time) while
 * vol_target annualised every feed in US equity trading time, so on
 * synthetic bars it read 0.206 at 1d, 0.107 at 1h and 0.108 at 1m for a true
 * 0.25 and sized intraday positions about 2.3 times too large. On the feed's
 * always-open calendar it reads 0.25 at every bar size.
 */
import { ok as assert } from "node:assert/strict";
import {
  ALWAYS_OPEN_CALENDAR,
  type TradingCalendar,
  US_EQUITIES_CALENDAR,
} from "../../src/calendar/mod.ts";
import { VolTargetPolicy } from "../../src/allocation/mod.ts";
import { Decimal } from "../../src/model/mod.ts";
import { SyntheticBarSource } from "../../src/venues/sim/mod.ts";

/** Returns measured: the estimate's relative standard error is 1 / sqrt(2 x 20,000) = 0.5%. */
const RETURNS = 20_000;
/** Six standard errors. */
const TOLERANCE = 0.03;
const BAR_SIZES = { "1m": 60_000, "1h": 3_600_000, "1d": 86_400_000 } as const;

/** vol_target's annual volatility of `RETURNS` synthetic GBM returns (volatility 0.25) on `calendar`. */
function measuredVolatility(barSizeMs: number, calendar: TradingCalendar): number {
  const source = new SyntheticBarSource({
    seed: 2026,
    start: Date.UTC(2024, 0, 2),
    barSizeMs,
    bars: RETURNS + 1,
    drift: 0.05,
    volatility: 0.25,
    // A high price keeps rounding to cents far below the moves of a minute.
    startPrice: 1000,
  });
  const policy = new VolTargetPolicy({
    targetVol: new Decimal("0.15"),
    lookbackBars: RETURNS,
    maxScale: new Decimal(1),
    barSizeMs,
    calendar,
  });
  policy.prepare({
    strategies: [{
      id: "s",
      symbols: ["AAPL"],
      maxPosition: 100,
      maxNotional: new Decimal(100_000),
      warmupBars: 0,
    }],
    sizing: { maxPosition: 100, maxNotional: new Decimal(100_000) },
  });
  const stream = source.open("AAPL");
  for (let bar = stream.next(); bar !== undefined; bar = stream.next()) {
    policy.observe("AAPL", bar.close);
  }
  return policy.realizedVolatility("AAPL") as number;
}

for (const [size, barSizeMs] of Object.entries(BAR_SIZES)) {
  Deno.test(`vol_target measures the synthetic feed's 0.25 volatility as 0.25 at ${size} on its always-open calendar`, () => {
    const vol = measuredVolatility(barSizeMs, ALWAYS_OPEN_CALENDAR);
    assert(Math.abs(vol / 0.25 - 1) < TOLERANCE, `${size}: realized vol ${vol}`);
  });
}

Deno.test("the same synthetic bars annualised in US equity trading time read far too low (the bug)", () => {
  // 252 x 6.5 h of trading time against 365.25 x 24 h of continuous time: 0.25 x 0.43 at 1m.
  const minute = measuredVolatility(60_000, US_EQUITIES_CALENDAR);
  assert(Math.abs(minute / (0.25 * Math.sqrt(98_280 / 525_960)) - 1) < TOLERANCE, `${minute}`);
  const daily = measuredVolatility(86_400_000, US_EQUITIES_CALENDAR);
  assert(Math.abs(daily / (0.25 * Math.sqrt(252 / 365.25)) - 1) < TOLERANCE, `${daily}`);
});
