/**
 * Property: whatever the interleaving of venue bars, warmup history and the
 * moment the bar handler is set, each symbol's bars reach the consumer (the
 * history bars, then the handler's) strictly increasing in time, with every
 * bar after the last history bar exactly once.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import fc from "fast-check";
import { createTradingBus } from "../../src/bus/mod.ts";
import { MarketDataService } from "../../src/data/mod.ts";
import type { Bar } from "../../src/model/mod.ts";
import type { MarketDataFeed } from "../../src/venue/mod.ts";

const SOURCE_MS = 5_000;
const BASE = Date.UTC(2025, 0, 2, 15, 0);
const SYMBOLS = ["AAPL", "MSFT"] as const;
/** Runs of the property (fixed seed: the same cases on every run). */
const NUM_RUNS = 1_000;

/** One symbol's scenario: its live 5-s bars, and the history taken of it. */
interface SymbolPlan {
  /** Index of the first live 5-s bar after BASE. */
  readonly start: number;
  /** Per 5-s slot from `start`: whether the venue sent that bar (false: a gap). */
  readonly present: readonly boolean[];
  /** Bars of warmup history asked for (0: no history call). */
  readonly historyLength: number;
  /** Where history ends relative to the live stream when taken, in graph bars (negative: it lags). */
  readonly historyShift: number;
  /** After how many of its live bars history is taken, as a fraction of them. */
  readonly historyAt: number;
}

const symbolPlan: fc.Arbitrary<SymbolPlan> = fc.record({
  start: fc.integer({ min: 0, max: 40 }),
  present: fc.array(fc.integer({ min: 0, max: 9 }).map((n) => n > 0), { maxLength: 60 }),
  historyLength: fc.integer({ min: 0, max: 20 }),
  historyShift: fc.integer({ min: -3, max: 2 }),
  historyAt: fc.double({ min: 0, max: 1, noNaN: true }),
});

const scenario = fc.record({
  /** Graph bar size in 5-s bars (1: no aggregation). */
  factor: fc.constantFrom(1, 2, 3, 12),
  plans: fc.tuple(symbolPlan, symbolPlan),
  /** Which symbol's next event comes next (cycled). */
  interleave: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
  /** Where the handler is set among the events after both history calls, as a fraction. */
  handlerAt: fc.double({ min: 0, max: 1, noNaN: true }),
});

type Event =
  | { readonly kind: "bar"; readonly bar: Bar }
  | { readonly kind: "history"; readonly symbol: string; readonly count: number }
  | { readonly kind: "handler" };

function liveBars(symbol: string, plan: SymbolPlan): Bar[] {
  const bars: Bar[] = [];
  plan.present.forEach((present, i) => {
    if (!present) return;
    const ts = BASE + (plan.start + i) * SOURCE_MS;
    bars.push({ symbol, ts, open: 1, high: 1, low: 1, close: 1, volume: 1 });
  });
  return bars;
}

/** The graph bars the live stream makes, computed without the aggregator: [ts, 5-s bars in it]. */
function expectedGraphBars(bars: readonly Bar[], targetMs: number): [number, number][] {
  const periods: [number, number][] = [];
  for (const bar of bars) {
    const period = Math.floor(bar.ts / targetMs) * targetMs;
    const last = periods.at(-1);
    if (last !== undefined && last[0] === period) last[1]++;
    else periods.push([period, 1]);
  }
  const final = bars.at(-1);
  // The last period is emitted only once its final 5-s bar arrived.
  if (final !== undefined && final.ts + SOURCE_MS < (periods.at(-1)?.[0] ?? 0) + targetMs) {
    periods.pop();
  }
  return periods;
}

/** Interleaves both symbols' events (each in its own order) and places the handler. */
function schedule(
  streams: readonly Event[][],
  interleave: readonly boolean[],
  handlerAt: number,
): Event[] {
  const events: Event[] = [];
  const next = [0, 0];
  for (let i = 0; events.length < streams[0]!.length + streams[1]!.length; i++) {
    let side = interleave[i % interleave.length] ? 1 : 0;
    if (next[side]! >= streams[side]!.length) side = 1 - side;
    events.push(streams[side]![next[side]!++]!);
  }
  const afterHistory = events.findLastIndex((e) => e.kind === "history") + 1;
  const at = afterHistory + Math.floor(handlerAt * (events.length - afterHistory + 1));
  events.splice(Math.min(at, events.length), 0, { kind: "handler" });
  return events;
}

Deno.test("MarketDataService delivers each symbol's bars after its history strictly increasing, none lost, none twice, for any interleaving", async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ factor, plans, interleave, handlerAt }) => {
      const targetMs = factor * SOURCE_MS;
      const bus = createTradingBus();
      const published = new Map<string, number>(); // symbol -> end of the last live bar sent
      const feed: MarketDataFeed = {
        sourceBarSizeMs: SOURCE_MS,
        subscribe: () => Promise.resolve(),
        unsubscribe: () => Promise.resolve(),
        history: (symbol, count, barSizeMs) => {
          const plan = plans[SYMBOLS.indexOf(symbol as (typeof SYMBOLS)[number])] as SymbolPlan;
          const now = published.get(symbol) ?? BASE + plan.start * SOURCE_MS;
          const end = (Math.floor(now / barSizeMs) + plan.historyShift) * barSizeMs;
          return Promise.resolve(
            Array.from({ length: count }, (_, k): Bar => ({
              symbol,
              ts: end - (count - k) * barSizeMs,
              open: 2,
              high: 2,
              low: 2,
              close: 2,
              volume: 0,
            })),
          );
        },
      };
      const service = new MarketDataService(feed, bus, {
        barSizeMs: targetMs,
        sourceBarSizeMs: SOURCE_MS,
      });
      const streams = SYMBOLS.map((symbol, s) => {
        const plan = plans[s] as SymbolPlan;
        const events: Event[] = liveBars(symbol, plan).map((bar) => ({ kind: "bar", bar }));
        const at = Math.floor(plan.historyAt * (events.length + 1));
        events.splice(Math.min(at, events.length), 0, {
          kind: "history",
          symbol,
          count: plan.historyLength,
        });
        return events;
      });
      const history = new Map<string, Bar[]>();
      const delivered = new Map<string, Bar[]>(SYMBOLS.map((s) => [s, []]));
      for (const symbol of SYMBOLS) await service.acquire(symbol);
      for (const event of schedule(streams, interleave, handlerAt)) {
        if (event.kind === "bar") {
          bus.publish("bar", event.bar);
          published.set(event.bar.symbol, event.bar.ts + SOURCE_MS);
        } else if (event.kind === "history") {
          history.set(event.symbol, await service.history(event.symbol, event.count));
        } else {
          service.onBar((bar) => delivered.get(bar.symbol)?.push(bar));
        }
      }
      for (const [s, symbol] of SYMBOLS.entries()) {
        const warmup = history.get(symbol) ?? [];
        const got = delivered.get(symbol) ?? [];
        const sequence = [...warmup, ...got].map((b) => b.ts);
        for (let i = 1; i < sequence.length; i++) {
          ok(sequence[i]! > sequence[i - 1]!, `${symbol} not strictly increasing: ${sequence}`);
        }
        const lastHistory = warmup.at(-1)?.ts ?? Number.NEGATIVE_INFINITY;
        const made = expectedGraphBars(liveBars(symbol, plans[s] as SymbolPlan), targetMs);
        const expected = made.filter(([ts]) => ts > lastHistory);
        assertEquals(got.map((b) => [b.ts, b.volume]), expected, `${symbol} live bars`);
        const stats = service.barDelivery(symbol);
        assertEquals(
          [stats.buffered, stats.droppedOverflow, got.length + stats.droppedDuplicates],
          [0, 0, made.length],
          `${symbol} counters`,
        );
      }
    }),
    { numRuns: NUM_RUNS, seed: 20250102 },
  );
});
