/**
 * The property that would have found issue 8's weekend stalls: over random
 * NYSE trading-day series with random genuine gaps, a symbol is reported
 * stalled exactly when its silence, counted in trading days (daily bars) or
 * trading minutes (1-minute bars), exceeds the threshold. The expected
 * reports come from positions in the series, not from the calendar.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { createTradingBus } from "../../src/bus/mod.ts";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import { MarketDataService, StallRule } from "../../src/data/mod.ts";
import type { MarketDataFeed } from "../../src/venue/mod.ts";
import { tradingDates } from "../_support/mod.ts";

/** Runs per property. */
const NUM_RUNS = 150;
/** Fixed seed: a failure reproduces (fast-check prints the counterexample). */
const SEED = 8_2026;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DATES = tradingDates("2013-01-01", "2025-12-31");

const silentFeed: MarketDataFeed = {
  subscribe: () => Promise.resolve(),
  unsubscribe: () => Promise.resolve(),
  history: () => Promise.resolve([]),
};

/** Runs of missing bars: `[start, length]`, start taken modulo the series length. */
function gaps(longest: number): fc.Arbitrary<[number, number][]> {
  return fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: longest })), { maxLength: 8 });
}

/** Positions of the bars a series of `length` keeps: all but the runs of `missing` (never 0). */
function positions(length: number, missing: readonly [number, number][]): Set<number> {
  const kept = new Set(Array.from({ length }, (_, i) => i));
  for (const [start, run] of missing) {
    for (let i = start % length; i < Math.min(length, (start % length) + run); i++) {
      if (i > 0) kept.delete(i);
    }
  }
  return kept;
}

/**
 * Replays a reference symbol with a bar at every instant of `times` and a
 * watched one with bars at `kept` positions, checking stalls after each
 * instant; returns the watched symbol's reports (position and kind).
 */
async function reports(
  times: readonly number[],
  kept: ReadonlySet<number>,
  rule: StallRule,
): Promise<string[]> {
  const bus = createTradingBus();
  const data = new MarketDataService(silentFeed, bus, { barSizeMs: 60_000 });
  await data.acquire("REF");
  await data.acquire("GAP");
  data.onBar(() => {});
  const seen: string[] = [];
  times.forEach((ts, i) => {
    const bar = { ts, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    bus.publish("bar", { symbol: "REF", ...bar });
    if (kept.has(i)) bus.publish("bar", { symbol: "GAP", ...bar });
    const changes = data.checkStalls(ts, rule);
    if (changes.stalled.includes("GAP")) seen.push(`${i} stalled`);
    if (changes.recovered.includes("GAP")) seen.push(`${i} recovered`);
  });
  return seen;
}

/** The reports expected when `limit` positions of silence are allowed: from positions alone. */
function expectedReports(length: number, kept: ReadonlySet<number>, limit: number): string[] {
  const expected: string[] = [];
  let last = 0;
  let stalled = false;
  for (let i = 0; i < length; i++) {
    if (kept.has(i)) last = i;
    const quiet = i - last > limit;
    if (quiet !== stalled) expected.push(`${i} ${quiet ? "stalled" : "recovered"}`);
    stalled = quiet;
  }
  return expected;
}

Deno.test("property: daily bars on NYSE trading days stall exactly when a whole trading day passes without one", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: DATES.length - 120 }),
      fc.integer({ min: 20, max: 120 }),
      fc.constantFrom("midnight", "close"),
      gaps(6),
      async (start, length, stamp, missing) => {
        const dates = DATES.slice(start, start + length);
        const times = dates.map((date) =>
          stamp === "midnight" ? Date.parse(date) : US_EQUITIES_CALENDAR.sessionOn(date)!.close
        );
        const rule = new StallRule({
          timeoutMs: 30_000,
          barSizeMs: DAY_MS,
          calendar: US_EQUITIES_CALENDAR,
        });
        const kept = positions(length, missing);
        // Allowed: one trading day between bars (afterMs is one day).
        assertEquals(await reports(times, kept, rule), expectedReports(length, kept, 1));
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED },
  );
});

Deno.test("property: 1-minute bars stall exactly when their silence in trading minutes exceeds the timeout", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: DATES.length - 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 5, max: 600 }),
      gaps(20),
      async (start, days, timeoutSeconds, missing) => {
        const times = DATES.slice(start, start + days).flatMap((date) => {
          const session = US_EQUITIES_CALENDAR.sessionOn(date)!;
          const minutes = (session.close - session.open) / MINUTE_MS;
          return Array.from({ length: minutes }, (_, i) => session.open + i * MINUTE_MS);
        });
        const rule = new StallRule({
          timeoutMs: timeoutSeconds * 1000,
          barSizeMs: MINUTE_MS,
          calendar: US_EQUITIES_CALENDAR,
        });
        const kept = positions(times.length, missing);
        // Silence of n positions is n trading minutes, across nights and weekends too.
        const limit = Math.floor(rule.afterMs / MINUTE_MS);
        assertEquals(await reports(times, kept, rule), expectedReports(times.length, kept, limit));
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED },
  );
});
