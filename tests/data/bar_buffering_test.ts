/**
 * Regression of issue 7: bars the venue publishes between the subscription
 * and the coordinator's run (IBKR: the 5-second bars of the warmup period)
 * reach the strategies, once each, in order, after the warmup history.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Bar } from "../../src/model/mod.ts";
import { eventsNamed, minuteBars, runScenario, T0 } from "../coordinator/_harness.ts";
import { type EarlyBars, earlyBarsVenue } from "./_early_bars_venue.ts";

const MIN = 60_000;

/** Flat 1-minute bars of `symbol` starting at `from`, one per minute. */
function minutes(symbol: string, from: number, count: number): Bar[] {
  return minuteBars(symbol, Array.from({ length: count }, (_, i) => 100 + i)).map((bar) => ({
    ...bar,
    ts: from + (bar.ts - T0),
  }));
}

/** 5-second bars of `symbol` covering [from, to), volume 1 each. */
function fiveSecondBars(symbol: string, from: number, to: number): Bar[] {
  const bars: Bar[] = [];
  for (let ts = from; ts < to; ts += 5_000) {
    bars.push({ symbol, ts, open: 100, high: 101, low: 99, close: 100, volume: 1 });
  }
  return bars;
}

function graph(barSize: string, warmupBars: number) {
  return {
    name: "early-bars",
    settings: { bar_size: barSize },
    strategies: [{
      id: "s",
      type: "scripted",
      symbols: ["AAPL", "MSFT"],
      warmup_bars: warmupBars,
      params: { log_bars: true },
    }],
  };
}

async function run(
  barSize: string,
  warmupBars: number,
  early: EarlyBars,
  replay: typeof early.history,
) {
  const scenario = await runScenario({
    graph: graph(barSize, warmupBars),
    bars: replay ?? {},
    wrapVenue: (sim) => earlyBarsVenue(sim, early),
  });
  assertEquals(scenario.startError, undefined);
  const logged = eventsNamed(scenario.events, "strategy.log", "s").filter((e) =>
    e.message === "bar"
  );
  const seen = (symbol: string) =>
    logged.filter((e) => e.symbol === symbol).map((e) => [e.bar_ts, e.volume]);
  return { scenario, seen };
}

Deno.test("bars published between subscription and run reach the strategy once each, in order, after the warmup history", async () => {
  const { scenario, seen } = await run("1m", 3, {
    history: { AAPL: minutes("AAPL", T0 - 5 * MIN, 5), MSFT: minutes("MSFT", T0 - 3 * MIN, 3) },
    // The live stream began before history was taken: its first bars repeat history's last.
    onSubscribe: { AAPL: minutes("AAPL", T0 - 2 * MIN, 5) },
    onHistory: { MSFT: minutes("MSFT", T0 - MIN, 3) },
  }, { AAPL: minutes("AAPL", T0 + 3 * MIN, 4), MSFT: minutes("MSFT", T0 + 2 * MIN, 2) });
  const at = (...offsets: number[]) => offsets.map((m) => T0 + m * MIN);
  assertEquals(seen("AAPL").map(([ts]) => ts), at(-3, -2, -1, 0, 1, 2, 3, 4, 5, 6));
  assertEquals(seen("MSFT").map(([ts]) => ts), at(-3, -2, -1, 0, 1, 2, 3));
  const data = scenario.coordinator.data;
  assertEquals([data.barDelivery("AAPL"), data.barDelivery("MSFT")], [
    { buffered: 0, flushed: 3, droppedDuplicates: 2, droppedOverflow: 0 },
    { buffered: 0, flushed: 2, droppedDuplicates: 1, droppedOverflow: 0 },
  ]);
});

Deno.test("5-second bars published before run are aggregated into the strategy's bars without a gap or a duplicate of history", async () => {
  const { scenario, seen } = await run("1m", 2, {
    sourceBarSizeMs: 5_000,
    history: { AAPL: minutes("AAPL", T0 - 2 * MIN, 2), MSFT: minutes("MSFT", T0 - 2 * MIN, 2) },
    // Starts inside the period of the last history bar; the run's replay continues mid-minute.
    onSubscribe: { AAPL: fiveSecondBars("AAPL", T0 - MIN + 30_000, T0 + MIN + 30_000) },
    onHistory: { MSFT: fiveSecondBars("MSFT", T0 - MIN + 55_000, T0 + 20_000) },
  }, {
    AAPL: fiveSecondBars("AAPL", T0 + MIN + 30_000, T0 + 3 * MIN),
    MSFT: fiveSecondBars("MSFT", T0 + 20_000, T0 + 2 * MIN),
  });
  const history = (symbol: string) => minutes(symbol, T0 - 2 * MIN, 2).map((b) => [b.ts, 1_000]);
  assertEquals(seen("AAPL"), [...history("AAPL"), [T0, 12], [T0 + MIN, 12], [T0 + 2 * MIN, 12]]);
  assertEquals(seen("MSFT"), [...history("MSFT"), [T0, 12], [T0 + MIN, 12]]);
  // Each symbol's first aggregated bar is of the last history bar's period: dropped.
  const data = scenario.coordinator.data;
  assertEquals(["AAPL", "MSFT"].map((symbol) => data.barDelivery(symbol).droppedDuplicates), [
    1,
    1,
  ]);
});

Deno.test("bars published before run without warmup history all reach the strategy before the replayed ones", async () => {
  const { seen } = await run("1m", 0, {
    onSubscribe: { AAPL: minutes("AAPL", T0 - 2 * MIN, 2), MSFT: minutes("MSFT", T0 - MIN, 1) },
  }, { AAPL: minutes("AAPL", T0, 2), MSFT: minutes("MSFT", T0, 2) });
  assertEquals(seen("AAPL").map(([ts]) => ts), [T0 - 2 * MIN, T0 - MIN, T0, T0 + MIN]);
  assertEquals(seen("MSFT").map(([ts]) => ts), [T0 - MIN, T0, T0 + MIN]);
});
