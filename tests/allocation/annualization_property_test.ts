/**
 * The property behind vol_target's annualisation: on either calendar and at
 * any bar size, the factor times the per-bar volatility of a GBM generated on
 * that calendar gives back the GBM's annual volatility. The GBM runs in the
 * calendar's trading time (variance accrues only inside sessions, a year is
 * `sessionsPerYear` full sessions) and its bars are the UTC-aligned periods a
 * session trades in, as the bar aggregator and real data cut them: partial
 * first hours, early closes, weekends and holidays included.
 */
import { ok as assert } from "node:assert/strict";
import fc from "fast-check";
import { annualizationFactor, RollingVolatility } from "../../src/allocation/mod.ts";
import {
  ALWAYS_OPEN_CALENDAR,
  type TradingCalendar,
  US_EQUITIES_CALENDAR,
} from "../../src/calendar/mod.ts";
import { SeededRandom } from "../../src/venues/sim/mod.ts";

const NUM_RUNS = 40;
/** Fixed seed: a failure reproduces (fast-check prints the counterexample). */
const SEED = 8_2027;
const DAY_MS = 86_400_000;
/** Bars per run: the measured volatility's relative standard error is 1 / sqrt(2 x 20,000) = 0.5%. */
const BARS = 20_000;
/** Years the bars are drawn from; past the end they wrap around to the start. */
const WINDOW = { first: Date.UTC(2015, 0, 1), end: Date.UTC(2025, 0, 1) };

/** Trading time of one full session: the longest session of January 2024. */
function fullSessionMs(calendar: TradingCalendar): number {
  let longest = 0;
  for (let day = 1; day <= 31; day++) {
    const session = calendar.sessionOn(`2024-01-${String(day).padStart(2, "0")}`);
    if (session !== undefined) longest = Math.max(longest, session.close - session.open);
  }
  return longest;
}

/**
 * Trading time of each of `count` consecutive bars of `barSizeMs` from
 * `startMs` on: periods without trading time are no bars and are skipped.
 */
function barTradingTimes(
  calendar: TradingCalendar,
  barSizeMs: number,
  startMs: number,
): number[] {
  const times: number[] = [];
  const firstPeriod = Math.ceil(WINDOW.first / barSizeMs);
  let period = Math.ceil(startMs / barSizeMs);
  while (times.length < BARS) {
    if ((period + 1) * barSizeMs > WINDOW.end) period = firstPeriod;
    const from = period * barSizeMs;
    const trading = calendar.tradingTimeBetween(from, from + barSizeMs);
    if (trading > 0) {
      times.push(trading);
      period++;
    } else {
      period = Math.max(period + 1, Math.floor(calendar.nextSessionOpen(from) / barSizeMs));
    }
  }
  return times;
}

const barSizes: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 3600 }).map((seconds) => seconds * 1000),
  fc.integer({ min: 1, max: 1440 }).map((minutes) => minutes * 60_000),
  fc.integer({ min: 1, max: 7 }).map((days) => days * DAY_MS),
);

Deno.test("property: the annualisation factor times the per-bar volatility of a GBM on the calendar recovers its annual volatility", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(US_EQUITIES_CALENDAR, ALWAYS_OPEN_CALENDAR),
      barSizes,
      fc.integer({ min: WINDOW.first, max: WINDOW.end - 7 * DAY_MS }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      fc.nat(),
      (calendar, barSizeMs, startMs, annualVol, seed) => {
        const yearMs = calendar.sessionsPerYear * fullSessionMs(calendar);
        const times = barTradingTimes(calendar, barSizeMs, startMs);
        const factor = annualizationFactor(barSizeMs, calendar);
        const label = `${calendar.name} ${barSizeMs} ms bars from ${
          new Date(startMs).toISOString()
        }`;
        // The GBM's per-bar variance, exactly: its mean over the bars, annualised, is the annual
        // variance up to early closes (a daily bar of a 13:00 close holds 3.5 of 6.5 hours).
        const meanVariance = times.reduce((sum, t) => sum + t, 0) / times.length / yearMs;
        const exact = factor * factor * meanVariance;
        assert(Math.abs(exact - 1) < 0.01, `${label}: annualised variance x ${exact}`);
        // The same, measured from the GBM's bars with the RollingVolatility vol_target uses.
        const random = new SeededRandom(seed);
        const window = new RollingVolatility(BARS);
        let logPrice = Math.log(100);
        window.observe(100);
        for (const t of times) {
          logPrice += annualVol * Math.sqrt(t / yearMs) * random.normal();
          window.observe(Math.exp(logPrice));
        }
        const measured = factor * (window.periodVolatility() as number);
        const tolerance = 5 / Math.sqrt(2 * BARS) + 0.005;
        assert(
          Math.abs(measured / annualVol - 1) < tolerance,
          `${label}: measured ${measured} for ${annualVol}`,
        );
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED },
  );
});
