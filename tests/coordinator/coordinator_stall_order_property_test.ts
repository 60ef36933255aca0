/**
 * The property behind issue 8's follow-up: in a replay the stall reports do
 * not depend on the order in which the bars of one instant come (the
 * symbols' subscription order), and they are what the threshold says: a
 * symbol is stalled when market time moves to an instant at which it has
 * been silent for more than one bar of trading time, and recovers with its
 * next bar, even when every symbol shares the gap. The expected reports come
 * from positions in the series, not from the calendar.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import type { Bar } from "../../src/model/mod.ts";
import {
  dailyBarsOn,
  expectedStallReports,
  gaps,
  keptPositions,
  sessionMinuteBars,
  tradingDates,
} from "../_support/mod.ts";
import { eventsNamed, runScenario } from "./_harness.ts";

const NUM_RUNS = 25;
/** Fixed seed: a failure reproduces (fast-check prints the counterexample). */
const SEED = 8_2028;
const SYMBOLS = ["AAPL", "MSFT", "NVDA", "TSLA"];
const DATES = tradingDates("2019-01-01", "2024-12-31");

Deno.test("property: replayed stall reports are the same in any symbol order and stall every symbol of a shared gap", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("1m", "1d"),
      fc.nat({ max: DATES.length - 40 }),
      fc.shuffledSubarray(SYMBOLS, { minLength: 2 }),
      gaps(30),
      fc.array(gaps(5), { minLength: SYMBOLS.length, maxLength: SYMBOLS.length }),
      async (barSize, start, symbols, shared, own) => {
        const series = (symbol: string): Bar[] =>
          barSize === "1d"
            ? dailyBarsOn(symbol, DATES.slice(start, start + 40))
            : sessionMinuteBars(symbol, DATES.slice(start, start + 1)).slice(0, 120);
        const times = series("X").map((bar) => bar.ts);
        const kept = new Map(symbols.map((symbol) => [
          symbol,
          keptPositions(times.length, [...shared, ...(own[SYMBOLS.indexOf(symbol)] ?? [])]),
        ]));
        const bars = Object.fromEntries(symbols.map((symbol) => [
          symbol,
          series(symbol).filter((_, i) => kept.get(symbol)?.has(i)),
        ]));
        const reports = async (order: readonly string[]) => {
          const { events } = await runScenario({
            graph: {
              settings: { bar_size: barSize, heartbeat_timeout_seconds: 30 },
              strategies: [{ id: "w", type: "scripted", symbols: order, max_position: 10 }],
            },
            bars,
            calendar: US_EQUITIES_CALENDAR,
          });
          const bySymbol = new Map(symbols.map((symbol) => [symbol, [] as string[]]));
          for (const event of eventsNamed(events, "health.heartbeat_stall", "w")) {
            bySymbol.get(String(event.symbol))?.push(`${times.indexOf(event.ts)} stalled`);
          }
          for (const event of eventsNamed(events, "health.heartbeat_recovered", "w")) {
            bySymbol.get(String(event.symbol))?.push(`${times.indexOf(event.ts)} recovered`);
          }
          for (const list of bySymbol.values()) list.sort((a, b) => position(a) - position(b));
          return bySymbol;
        };
        const forward = await reports(symbols);
        assertEquals(await reports([...symbols].reverse()), forward);
        const visited = times.map((_, i) => i).filter((i) =>
          symbols.some((symbol) => kept.get(symbol)?.has(i))
        );
        for (const symbol of symbols) {
          assertEquals(forward.get(symbol), expectedStallReports(visited, kept.get(symbol)!, 1));
        }
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED },
  );
});

/** Position of a report `position kind`; a stall sorts before a recovery at the same one. */
function position(report: string): number {
  const [at, kind] = report.split(" ");
  return Number(at) * 2 + (kind === "stalled" ? 0 : 1);
}
