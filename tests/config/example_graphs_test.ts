import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { join } from "node:path";
import { checkGraphFile, formatProblem, loadGraphFile } from "../../src/config/mod.ts";
import { findGraphFiles } from "../../src/cli/validate.ts";

const NO_ENV = () => undefined;
const WARNINGS_DIR = "tests/testdata/warnings";

/** Valid graphs that load with exactly these warnings (`LINE:COL: warning: path: message`). */
const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  "csv_yahoo_null_rows": [
    "5:11: warning: venue.csv.MSFT: tests/testdata/csv/MSFT_yahoo_nulls.csv: skipped 3 rows with null prices (Yahoo's missing days), first at line 9",
  ],
  "duplicate_symbol_in_node": [
    "4:27: warning: strategies[0].symbols[2]: symbol AAPL is listed twice (also symbols[0]); the repeat is ignored",
  ],
  "fixed_weights_sum_below_one": [
    "13:5: warning: capital_policy.weights: weights sum to 0.5 (< 1): 0.5 of the capital stays unallocated",
  ],
  "unused_symbol_override": [
    "4:5: warning: venue.symbols.TSLA: symbol TSLA is not traded by any strategy; this entry is unused",
  ],
  "vol_target_warmup_below_lookback": [
    "6:18: warning: strategies[0].warmup_bars: warmup_bars 10 is less than capital_policy.lookback_bars 20; vol_target sizes this strategy on a shorter volatility history until it has seen 20 bars",
    "7:5: warning: strategies[1].warmup_bars: warmup_bars 0 is less than capital_policy.lookback_bars 20; vol_target sizes this strategy on a shorter volatility history until it has seen 20 bars",
  ],
};

Deno.test("every example graph in graphs/ is valid and has no warning", async () => {
  const files = await findGraphFiles("graphs");
  assertEquals(files.length >= 4, true);
  for (const file of files) {
    const check = await checkGraphFile(file, { env: NO_ENV });
    assertEquals(check.problems.map(formatProblem), [], file);
  }
});

for (const [name, expected] of Object.entries(EXPECTED_WARNINGS)) {
  Deno.test(`graph ${name}.yaml loads with its warning`, async () => {
    const file = join(WARNINGS_DIR, `${name}.yaml`);
    const loaded = await loadGraphFile(file, { env: NO_ENV });
    const lines = loaded.warnings.map((problem) => formatProblem(problem).slice(file.length + 1));
    assertEquals(lines, expected);
  });
}

Deno.test("every fixture in tests/testdata/warnings has expected warnings in this test", async () => {
  const names: string[] = [];
  for await (const entry of Deno.readDir(WARNINGS_DIR)) {
    names.push(entry.name.replace(/\.yaml$/, ""));
  }
  assertEquals(names.sort(), Object.keys(EXPECTED_WARNINGS).sort());
});

Deno.test("sma_pair.yaml loads into the coordinator's config shape", async () => {
  const { config, definitions } = await loadGraphFile("graphs/sma_pair.yaml", { env: NO_ENV });
  assertEquals(config.name, "sma_pair");
  assertEquals(config.symbols, ["AAPL", "MSFT"]);
  assertEquals(config.strategies.map((node) => [node.id, node.symbols, node.warmupBars]), [
    ["aapl_fast", ["AAPL"], 30],
    ["msft_slow", ["MSFT"], 60],
  ]);
  assertEquals(config.strategies[1]?.params, { fast: 20, slow: 60, mode: "long_short" });
  assertEquals(config.capitalPolicy, { type: "equal_weight" });
  assertEquals(config.settings.barSize, "1m");
  assertEquals([...definitions.keys()], ["sma"]);
});
