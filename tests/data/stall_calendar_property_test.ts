/**
 * The properties that would have found issue 8's stall bugs: over random
 * NYSE trading-day series with random genuine gaps, a symbol is reported
 * stalled exactly when its silence, counted in trading days (daily bars) or
 * trading minutes (1-minute bars), exceeds the threshold when market time
 * moves to the next instant (so one missed daily bar is a stall), and
 * recovers with its next bar. The expected reports come from positions in
 * the series, not from the calendar.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { createTradingBus } from "../../src/bus/mod.ts";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import { MarketDataService, StallRule } from "../../src/data/mod.ts";
import type { MarketDataFeed } from "../../src/venue/mod.ts";
import { expectedStallReports, gaps, keptPositions, tradingDates } from "../_support/mod.ts";

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

/** Bars of each symbol: the positions of the series at which it has one. */
type KeptBars = ReadonlyMap<string, ReadonlySet<number>>;

/**
 * Replays the symbols of `kept` at the instants of `times` as a replay does:
 * when market time moves to an instant, stalls are checked, then that
 * instant's bars arrive. Returns each symbol's reports (position and kind).
 */
async function reports(
  times: readonly number[],
  kept: KeptBars,
  rule: StallRule,
): Promise<Map<string, string[]>> {
  const bus = createTradingBus();
  const data = new MarketDataService(silentFeed, bus, { barSizeMs: 60_000 });
  const seen = new Map<string, string[]>();
  for (const symbol of kept.keys()) {
    await data.acquire(symbol);
    seen.set(symbol, []);
  }
  data.onBar(() => {});
  let position = 0;
  data.onStallRecovered((symbol) => seen.get(symbol)?.push(`${position} recovered`));
  times.forEach((ts, i) => {
    position = i;
    for (const symbol of data.checkStalls(ts, rule)) seen.get(symbol)?.push(`${i} stalled`);
    for (const [symbol, bars] of kept) {
      if (!bars.has(i)) continue;
      bus.publish("bar", { symbol, ts, open: 1, high: 1, low: 1, close: 1, volume: 1 });
    }
  });
  return seen;
}

/** The reference symbol, with a bar at every instant, and the symbol with gaps. */
function referenceAndGap(length: number, gap: ReadonlySet<number>): KeptBars {
  return new Map([["REF", new Set(Array.from({ length }, (_, i) => i))], ["GAP", gap]]);
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
        const kept = keptPositions(length, missing);
        // Allowed: one trading day between bars (afterMs is one day), so one missed bar is a stall.
        const seen = await reports(times, referenceAndGap(length, kept), rule);
        assertEquals(seen.get("GAP"), expectedStallReports(times.keys(), kept, 1));
        assertEquals(seen.get("REF"), []);
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
        const kept = keptPositions(times.length, missing);
        // Silence of n positions is n trading minutes, across nights and weekends too.
        const limit = Math.floor(rule.afterMs / MINUTE_MS);
        const seen = await reports(times, referenceAndGap(times.length, kept), rule);
        assertEquals(seen.get("GAP"), expectedStallReports(times.keys(), kept, limit));
        assertEquals(seen.get("REF"), []);
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED },
  );
});
