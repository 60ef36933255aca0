import { deepStrictEqual as assertEquals, equal as assertEqual, ok } from "node:assert/strict";
import fc from "fast-check";
import { type TradingSession, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { type Bar, barStart } from "../model/mod.ts";
import { BarAggregator } from "./bar_aggregator.ts";

const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const TARGETS = [30 * 60_000, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, DAY];

function sessionAt(ts: number): TradingSession | undefined {
  const session = US_EQUITIES_CALENDAR.sessionOn(new Date(ts).toISOString().slice(0, 10));
  return session !== undefined && ts >= session.open && ts < session.close ? session : undefined;
}

/** Which session, or which closed stretch between two sessions, `ts` is in. */
function segmentOf(ts: number): string {
  const session = sessionAt(ts);
  return session === undefined
    ? `closed until ${US_EQUITIES_CALENDAR.nextSessionOpen(ts)}`
    : session.date;
}

/**
 * Quarter-hour bars on some of the days from `firstDay` on, at any time of day; bar `i` has
 * every price `i` and volume 1, so a built bar's low and high are its first and last source bar.
 */
const sourceBars = fc.record({
  firstDay: fc.integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2025, 11, 1) / DAY }),
  quarters: fc.uniqueArray(fc.integer({ min: 0, max: 10 * 96 - 1 }), { maxLength: 300 }),
}).map(({ firstDay, quarters }) =>
  [...quarters].sort((a, b) => a - b).map((q, i): Bar => ({
    symbol: "SPY",
    ts: firstDay * DAY + q * QUARTER,
    open: i,
    high: i,
    low: i,
    close: i,
    volume: 1,
  }))
);

Deno.test("BarAggregator on the US calendar never mixes sessions, loses no bar and delivers each period when it ends (fast-check)", () => {
  fc.assert(
    fc.property(sourceBars, fc.constantFrom(...TARGETS), (bars, target) => {
      const daily = target >= DAY;
      const aggregator = new BarAggregator(QUARTER, target, { calendar: US_EQUITIES_CALENDAR });
      const out: { at: number; bar: Bar }[] = [];
      bars.forEach((source, i) =>
        aggregator.push(source, (built) => out.push({ at: i, bar: built }))
      );
      aggregator.flush((built) => out.push({ at: bars.length, bar: built }));
      const kept = bars.filter((source) => !daily || sessionAt(source.ts) !== undefined);
      assertEqual(out.reduce((n, { bar }) => n + bar.volume, 0), kept.length);
      let previousLast = -1;
      for (const { at, bar } of out) {
        // The source bars of one built bar: consecutive, in order, after those of the one before.
        const first = bars[bar.low]!;
        const last = bars[bar.high]!;
        assertEquals([bar.open, bar.close, bar.volume], [
          bar.low,
          bar.high,
          bar.high - bar.low + 1,
        ]);
        ok(bar.low > previousLast);
        previousLast = bar.high;
        // One session (or one closed stretch) and, below a day, one UTC-aligned period.
        assertEqual(segmentOf(first.ts), segmentOf(last.ts));
        const session = sessionAt(first.ts);
        if (daily) {
          assertEqual(bar.ts, Date.parse(session!.date));
        } else {
          assertEqual(barStart(first.ts, target), barStart(last.ts, target));
          if (session !== undefined) {
            assertEqual(bar.ts, Math.max(barStart(first.ts, target), session.open));
          }
        }
        // A period that the last source bar completes goes out with it: at a session's close too.
        const cut = session?.close ?? US_EQUITIES_CALENDAR.nextSessionOpen(first.ts);
        const periodEnd = daily ? cut : Math.min(barStart(first.ts, target) + target, cut);
        if (last.ts + QUARTER >= periodEnd) assertEqual(at, bar.high);
        else ok(at > bar.high);
      }
      // The same bars always make the same bars.
      const again: Bar[] = [];
      const repeat = new BarAggregator(QUARTER, target, { calendar: US_EQUITIES_CALENDAR });
      for (const source of bars) repeat.push(source, (built) => again.push(built));
      repeat.flush((built) => again.push(built));
      assertEquals(again, out.map(({ bar }) => bar));
    }),
    { numRuns: 400 },
  );
});

Deno.test("BarAggregator on the US calendar turns daily bars into weeks without losing one, each out with its week's last session (fast-check)", () => {
  const dailyBars = fc.record({
    firstDay: fc.integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2025, 11, 1) / DAY }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 80 }),
  }).map(({ firstDay, days }) =>
    [...days].sort((a, b) => a - b).map((d, i): Bar => ({
      symbol: "SPY",
      ts: (firstDay + d) * DAY,
      open: i,
      high: i,
      low: i,
      close: i,
      volume: 1,
    }))
  );
  fc.assert(
    fc.property(dailyBars, (bars) => {
      const weeks = new BarAggregator(DAY, 7 * DAY, { calendar: US_EQUITIES_CALENDAR });
      const out: { at: number; bar: Bar }[] = [];
      bars.forEach((source, i) => weeks.push(source, (built) => out.push({ at: i, bar: built })));
      weeks.flush((built) => out.push({ at: bars.length, bar: built }));
      assertEqual(out.reduce((n, { bar }) => n + bar.volume, 0), bars.length);
      for (const { at, bar } of out) {
        const last = bars[bar.high]!;
        assertEquals([bar.ts, bar.volume], [barStart(last.ts, 7 * DAY), bar.high - bar.low + 1]);
        // The week's last trading day: its bar completes the week.
        let lastSession = bar.ts + 6 * DAY;
        while (
          lastSession > bar.ts &&
          !US_EQUITIES_CALENDAR.isTradingDay(new Date(lastSession).toISOString().slice(0, 10))
        ) lastSession -= DAY;
        if (last.ts >= lastSession) assertEqual(at, bar.high);
        else ok(at > bar.high);
      }
    }),
    { numRuns: 300 },
  );
});
