import { equal as assertEqual } from "node:assert/strict";
import { graphFromObject, type StrategyGraphConfig } from "../config/mod.ts";
import { type RunResult, StrategyFailure, type SymbolBars } from "../coordinator/mod.ts";
import { toDecimal } from "../model/mod.ts";
import type { StrategySummaryRow } from "../portfolio/mod.ts";
import { describeRun } from "./run_header.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);

async function graphOf(barSize: string, ids: readonly string[]): Promise<StrategyGraphConfig> {
  const loaded = await graphFromObject({
    name: "g",
    venue: { type: "sim", feed: "synthetic", seed: 7 },
    settings: { bar_size: barSize },
    strategies: ids.map((id) => ({
      id,
      type: "sma",
      symbols: ["AAPL"],
      params: { fast: 5, slow: 20 },
    })),
  }, { env: () => undefined });
  return loaded.config;
}

function row(id: string, orders: number): StrategySummaryRow {
  const zero = toDecimal(0);
  return {
    strategyId: id,
    trades: orders,
    orders,
    positions: [],
    realizedPnl: zero,
    unrealizedPnl: zero,
    commissions: zero,
    netPnl: zero,
  };
}

function result(bars: readonly SymbolBars[], fields: Partial<RunResult> = {}): RunResult {
  return {
    reason: "end_of_data",
    exitCode: 0,
    summaries: [row("a", 3), row("b", 4)],
    started: ["a", "b"],
    leftOut: [],
    bars,
    ...fields,
  };
}

function bars(symbol: string, count: number, first: number, stepMs: number): SymbolBars {
  return { symbol, count, first, last: first + (count - 1) * stepMs };
}

Deno.test("the header counts bars per symbol, not summed, with the UTC time range they cover and the bar size", async () => {
  const text = describeRun(
    await graphOf("1m", ["a", "b"]),
    result([bars("AAPL", 2_000, T0, 60_000), bars("MSFT", 2_000, T0, 60_000)]),
  );
  assertEqual(
    text,
    [
      "g on sim (synthetic, seed 7): end_of_data",
      "  data:       2,000 bars per symbol (AAPL, MSFT), 2024-01-02 14:30 to 2024-01-03 23:49 UTC",
      "  bar size:   1m (set in the graph)",
      "  strategies: 2 started (a, b)",
      "  orders:     7 filled",
      "",
    ].join("\n"),
  );
});

Deno.test("symbols whose bars differ are listed one by one; daily bars show dates", async () => {
  const text = describeRun(
    await graphOf("1d", ["a", "b"]),
    result([
      bars("AAPL", 120, Date.UTC(2023, 0, 3), DAY),
      bars("MSFT", 118, Date.UTC(2023, 0, 5), DAY),
    ]),
  );
  assertEqual(
    text.split("\n")[1],
    "  data:       AAPL 120 bars (2023-01-03 to 2023-05-02), MSFT 118 bars (2023-01-05 to 2023-05-02)",
  );
});

Deno.test("bars with seconds show seconds, a single bar shows one time, no bars say so", async () => {
  const graph = await graphOf("5s", ["a", "b"]);
  assertEqual(
    describeRun(graph, result([bars("AAPL", 3, T0 + 5_000, 5_000)])).split("\n")[1],
    "  data:       3 bars per symbol (AAPL), 2024-01-02 14:30:05 to 2024-01-02 14:30:15 UTC",
  );
  assertEqual(
    describeRun(graph, result([bars("AAPL", 1, T0, 5_000)])).split("\n")[1],
    "  data:       1 bar per symbol (AAPL), 2024-01-02 14:30 UTC",
  );
  assertEqual(
    describeRun(graph, result([])).split("\n")[1],
    "  data:       no bars",
  );
});

Deno.test("strategies left out at a partial start and one that failed while running are named with why", async () => {
  const failure = new StrategyFailure("b", "onBar", new Error("crash on bar 3"));
  const text = describeRun(
    await graphOf("1m", ["a", "b", "c"]),
    result([bars("AAPL", 10, T0, 60_000)], {
      reason: "strategy_failure",
      exitCode: 1,
      failure,
      leftOut: [{ id: "c", stage: "create", error: "cannot build this strategy" }],
    }),
  );
  assertEqual(text.split("\n")[0], "g on sim (synthetic, seed 7): strategy_failure");
  assertEqual(
    text.split("\n")[3],
    "  strategies: 2 of 3 started (a, b); failed: b (threw in onBar: crash on bar 3); " +
      "left out: c (failed to create: cannot build this strategy)",
  );
});

Deno.test("long lists of symbols and strategies name the first ten and count the rest", async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
  const symbols = ids.map((_, i) => bars(`SYM${String(i).padStart(2, "0")}`, 5, T0, 60_000));
  const text = describeRun(await graphOf("1m", ids), result(symbols, { started: ids }));
  assertEqual(
    text.split("\n")[1],
    "  data:       5 bars per symbol (SYM00, SYM01, SYM02, SYM03, SYM04, SYM05, SYM06, SYM07, " +
      "SYM08, SYM09 and 2 more), 2024-01-02 14:30 to 2024-01-02 14:34 UTC",
  );
  assertEqual(
    text.split("\n")[3],
    "  strategies: 12 started (s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 and 2 more)",
  );
});

Deno.test("an aggregated run counts the bars strategies got and the venue bars they were made of", async () => {
  const graph = await graphOf("5m", ["a", "b"]);
  const source = { count: 1_950, barSizeMs: 60_000 };
  const aapl = { ...bars("AAPL", 390, T0, 300_000), source };
  assertEqual(
    describeRun(graph, result([aapl, { ...aapl, symbol: "MSFT" }])).split("\n").slice(1, 3).join(
      "\n",
    ),
    "  data:       390 bars per symbol (AAPL, MSFT), aggregated from 1,950 1m bars, " +
      "2024-01-02 14:30 to 2024-01-03 22:55 UTC\n  bar size:   5m (set in the graph)",
  );
  const partial = { symbol: "MSFT", count: 0, source: { count: 3, barSizeMs: 5_000 } };
  assertEqual(
    describeRun(graph, result([aapl, partial])).split("\n")[1],
    "  data:       AAPL 390 bars, aggregated from 1,950 1m bars (2024-01-02 14:30 to " +
      "2024-01-03 22:55 UTC), MSFT 0 bars, aggregated from 3 5s bars",
  );
});
