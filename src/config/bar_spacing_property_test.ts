import assert from "node:assert/strict";
import fc from "fast-check";
import { US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { measureBarSpacing } from "./bar_spacing.ts";
import { decideDataBarSize } from "./data_bar_size.ts";

const DAY = 86_400_000;
const MINUTE = 60_000;
const SESSION_OPEN = (14 * 60 + 30) * MINUTE; // 09:30 New York in winter, UTC
const SESSION_LENGTH = 390 * MINUTE;

const INTRADAY_STEPS: ReadonlyArray<readonly [number, string]> = [
  [5_000, "5s"],
  [MINUTE, "1m"],
  [5 * MINUTE, "5m"],
  [15 * MINUTE, "15m"],
  [30 * MINUTE, "30m"],
  [60 * MINUTE, "1h"],
];
const DAILY_STEPS: ReadonlyArray<readonly [number, string]> = [[1, "1d"], [5, "7d"]];

function isWeekday(ts: number): boolean {
  const weekday = new Date(ts).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextWeekday(ts: number): number {
  let day = ts + DAY;
  while (!isWeekday(day)) day += DAY;
  return day;
}

/** The next NYSE trading day after midnight UTC `ts`. */
function nextTradingDay(ts: number): number {
  let day = ts + DAY;
  while (!US_EQUITIES_CALENDAR.isTradingDay(new Date(day).toISOString().slice(0, 10))) day += DAY;
  return day;
}

/**
 * Multipliers of the step between consecutive rows: 1 mostly, and at most a
 * quarter of them 2 to 4 (missing bars), so the step stays the median.
 */
const stepMultipliers = fc.integer({ min: 20, max: 400 }).chain((count) =>
  fc.tuple(
    fc.constant(count),
    fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { maxLength: Math.floor(count / 4) }),
    fc.integer({ min: 2, max: 4 }),
  ).map(([n, gaps, size]) => {
    const multipliers = Array.from({ length: n }, () => 1);
    for (const at of gaps) multipliers[at] = size;
    return multipliers;
  })
);

/** A weekday at midnight UTC between 2000 and 2030. */
const firstDay = fc.integer({ min: 10_957, max: 21_914 }).map((day) => day * DAY)
  .filter(isWeekday);

Deno.test("the inferred size of NYSE trading-day series with missing days is the generating step", () => {
  fc.assert(
    fc.property(
      firstDay,
      fc.constantFrom(...DAILY_STEPS),
      stepMultipliers,
      (start, [step, size], multipliers) => {
        const rows = [{ ts: start }];
        let ts = start;
        for (const multiplier of multipliers) {
          for (let i = 0; i < step * multiplier; i++) ts = nextTradingDay(ts);
          rows.push({ ts });
        }
        assert.equal(measureBarSpacing(rows)?.barSize, size);
      },
    ),
    { seed: 8, numRuns: 200 },
  );
});

/**
 * One session's bars: `ones` steps of one bar and `twos` of two (a missing
 * bar), in an order given by `twoAt`, within the session's length. A session
 * of no steps has a single bar.
 */
interface SessionPlan {
  readonly ones: number;
  readonly twos: number;
  readonly twoAt: readonly number[];
  /** Weekdays without data before the session (holidays, gaps). */
  readonly skippedDays: number;
}

function sessionPlan(capacity: number): fc.Arbitrary<SessionPlan> {
  return fc.integer({ min: 0, max: capacity }).chain((ones) =>
    fc.integer({ min: 0, max: Math.floor((capacity - ones) / 2) }).chain((twos) =>
      fc.record({
        ones: fc.constant(ones),
        twos: fc.constant(twos),
        twoAt: ones + twos === 0 ? fc.constant([]) : fc.uniqueArray(
          fc.integer({ min: 0, max: ones + twos - 1 }),
          { minLength: twos, maxLength: twos },
        ),
        skippedDays: fc.integer({ min: 0, max: 3 }),
      })
    )
  );
}

/**
 * Sessions where single steps outnumber double ones and at least a third of
 * the row pairs fall within a session (else the rows are not intraday).
 */
function intradaySeries(step: number): fc.Arbitrary<readonly SessionPlan[]> {
  const capacity = Math.min(40, Math.floor((SESSION_LENGTH - 1) / step));
  return fc.array(sessionPlan(capacity), { minLength: 2, maxLength: 30 }).filter((sessions) => {
    const ones = sessions.reduce((n, plan) => n + plan.ones, 0);
    const twos = sessions.reduce((n, plan) => n + plan.twos, 0);
    return ones > twos && 2 * (ones + twos) >= sessions.length - 1;
  });
}

Deno.test("the inferred size of intraday series across sessions and gaps is the generating step", () => {
  fc.assert(
    fc.property(
      firstDay,
      fc.constantFrom(...INTRADAY_STEPS).chain((entry) =>
        fc.tuple(fc.constant(entry), intradaySeries(entry[0]))
      ),
      (start, [[step, size], sessions]) => {
        const rows: { ts: number }[] = [];
        let day = start;
        for (const plan of sessions) {
          for (let i = 0; i < plan.skippedDays; i++) day = nextWeekday(day);
          let ts = day + SESSION_OPEN;
          rows.push({ ts });
          for (let i = 0; i < plan.ones + plan.twos; i++) {
            ts += (plan.twoAt.includes(i) ? 2 : 1) * step;
            rows.push({ ts });
          }
          day = nextWeekday(day);
        }
        assert.equal(measureBarSpacing(rows)?.barSize, size);
      },
    ),
    { seed: 9, numRuns: 300 },
  );
});

/**
 * Bars missing at random, as IB leaves out the minutes of an illiquid stock
 * without trades: each bar of the generating step is present with
 * probability `share` (20% to 100%), drawn from `draws`.
 */
const thinning = fc.record({
  share: fc.double({ min: 0.2, max: 1, noNaN: true }),
  draws: fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
  sessions: fc.integer({ min: 5, max: 12 }),
});

Deno.test("bars missing at random do not change the inferred size, and that bar size is accepted", () => {
  const steps: ReadonlyArray<readonly [number, string]> = [[5_000, "5s"], [MINUTE, "1m"], [
    5 * MINUTE,
    "5m",
  ]];
  fc.assert(
    fc.property(firstDay, fc.constantFrom(...steps), thinning, (start, [step, size], plan) => {
      const draws = plan.draws[Symbol.iterator]();
      const present = () => (draws.next().value as number) < plan.share;
      const rows: { ts: number }[] = [];
      const everyBar: { ts: number }[] = [];
      let day = start;
      for (let session = 0; session < plan.sessions; session++) {
        for (let slot = 0; slot < 200; slot++) {
          everyBar.push({ ts: day + SESSION_OPEN + slot * step });
          if (present()) rows.push({ ts: day + SESSION_OPEN + slot * step });
        }
        day = nextWeekday(day);
      }
      const spacing = measureBarSpacing(rows);
      assert.equal(spacing?.barSize, size);
      const liquid = { file: "SPY.csv", symbol: "SPY", spacing: measureBarSpacing(everyBar) };
      const files = [{ file: "XYZ.csv", symbol: "XYZ", spacing }, liquid];
      assert.equal(decideDataBarSize(size, files).ok, true);
      const days: { ts: number }[] = [];
      let ts = start;
      for (let i = 0; i < 300; i++, ts = nextTradingDay(ts)) if (present()) days.push({ ts });
      assert.equal(measureBarSpacing(days)?.barSize, "1d");
    }),
    { seed: 10, numRuns: 200 },
  );
});
