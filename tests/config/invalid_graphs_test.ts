import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { join } from "node:path";
import { checkGraphFile, checkGraphText, formatProblem } from "../../src/config/mod.ts";

const INVALID_DIR = "tests/testdata/invalid";
const NO_ENV = () => undefined;

/**
 * Every broken fixture and the exact problems it must produce, as
 * `LINE:COL: path: message` (the file name prefix is added by the test).
 * Fixtures are named after the rule they break.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  "all_problems_at_once": [
    '3:3: sizing.max_postion: unknown key "max_postion", did you mean "max_position"?',
    '4:17: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got "abc"',
    "9:31: strategies[0].params.slow: must be greater than fast (10), got 5",
    "10:18: strategies[0].warmup_bars: must be an integer >= 0 and <= 5000, got 9000",
    '11:9: strategies[1].id: duplicate strategy id "aapl_fast" (also strategies[0].id); ids must be unique',
    '12:11: strategies[1].type: unknown strategy type "smaa", did you mean "sma"? (available types: sma)',
    "16:12: capital_policy.weights: weights sum to 1.5, must be in (0, 1]",
    "16:25: capital_policy.weights.aapl_fast: must be a finite number > 0 and <= 1, got 1.5",
    "18:30: settings.heartbeat_timeout_seconds: must be an integer >= 5 and <= 86400, got 1",
    "19:31: settings.telemetry_interval_seconds: must be an integer >= 10 and <= 86400, got 2",
  ],
  "bar_size_invalid": [
    '7:13: settings.bar_size: must be a bar size: a number followed by s, m, h or d, e.g. 5s, 1m, 1d (got "1min")',
  ],
  "capital_policy_numbers_not_finite": [
    "9:15: capital_policy.target_vol: must be a finite number > 0 and <= 10, got 1e309",
    "10:18: capital_policy.lookback_bars: must be an integer >= 2 and <= 5000, got .inf",
    "11:14: capital_policy.max_scale: must be a finite number > 0 and <= 100, got -1e309",
  ],
  "capital_policy_unknown_type": [
    '7:9: capital_policy.type: must be one of equal_weight, fixed, vol_target (got "kelly")',
  ],
  "csv_bar_size_disagrees": [
    "12:13: settings.bar_size: 1m, but tests/testdata/csv/AAPL_daily.csv has daily bars (1d, measured over 40 rows); set bar_size: 1d or remove it",
  ],
  "csv_bar_size_not_a_multiple": [
    "12:13: settings.bar_size: 90s, but tests/testdata/csv/SPY_1m.csv has 1m bars (measured over 60 rows); set bar_size: 1m, a whole multiple of 1m up to 1d (the replay is aggregated), or remove it",
  ],
  "csv_files_spaced_differently": [
    "5:5: venue.csv: the files are spaced differently: tests/testdata/csv/AAPL_daily.csv has daily bars (1d, measured over 40 rows), tests/testdata/csv/SPY_1m.csv has 1m bars (measured over 60 rows); a graph replays files of one bar spacing",
  ],
  "csv_header_lacks_columns": [
    "5:11: venue.csv.AAPL: tests/testdata/csv/bad_header.csv:1: header lacks column(s) high, low; expected Date,Open,High,Low,Close,Volume (Yahoo, Adj Close allowed; Date,Time as two columns allowed) or date,open,high,low,close,volume[,wap,count] (IB)",
  ],
  "csv_row_malformed": [
    '5:11: venue.csv.AAPL: tests/testdata/csv/bad_row.csv:4: Open is "abc", expected a number',
  ],
  "csv_feed_missing_symbol_and_file": [
    "5:5: venue.csv: no CSV file for symbol AAPL (traded by aapl_fast)",
    "5:5: warning: venue.csv.MSFT: symbol MSFT is not traded by any strategy; this entry is unused",
    "5:11: venue.csv.MSFT: CSV file not found: tests/testdata/no_such_dir/MSFT.csv (paths are relative to the graph file)",
  ],
  "csv_feed_without_csv": [
    "2:3: venue.csv: missing required key: feed csv needs a csv map of symbol -> file",
  ],
  "csv_with_synthetic_feed": [
    '3:3: venue.csv: key "csv" is only used with feed: csv',
  ],
  "duplicate_strategy_id": [
    '6:9: strategies[1].id: duplicate strategy id "aapl_fast" (also strategies[0].id); ids must be unique',
  ],
  "duplicate_yaml_key": [
    '3:3: sizing.max_position: duplicate key "max_position" (first defined on line 2); each key may appear once',
  ],
  "empty_document": [
    "1:1: the graph is empty: expected a mapping with at least a `strategies:` list",
  ],
  "equal_weight_with_target_vol": [
    '8:3: capital_policy.target_vol: key "target_vol" is not allowed with type equal_weight (only used by type vol_target)',
  ],
  "equal_weight_with_weights": [
    '8:3: capital_policy.weights: key "weights" is not allowed with type equal_weight (only used by type fixed)',
  ],
  "fixed_weight_1e309": [
    "9:5: capital_policy.weights: weights sum to 1e+309, must be in (0, 1]",
    "9:16: capital_policy.weights.aapl_fast: must be a finite number > 0 and <= 1, got 1e309",
  ],
  "fixed_weight_missing_for_strategy": [
    '13:5: capital_policy.weights: no weight for strategy "msft_slow"; every strategy needs a weight',
    "13:5: warning: capital_policy.weights: weights sum to 0.5 (< 1): 0.5 of the capital stays unallocated",
  ],
  "fixed_weight_not_positive": [
    "9:16: capital_policy.weights.aapl_fast: must be a finite number > 0 and <= 1, got 0",
  ],
  "fixed_weight_unknown_strategy": [
    '10:5: capital_policy.weights.aapl_fsat: "aapl_fsat" is not a strategy id of this graph, did you mean "aapl_fast"?',
  ],
  "fixed_weights_sum_above_one": [
    "13:5: capital_policy.weights: weights sum to 1.2, must be in (0, 1]",
  ],
  "fixed_with_target_vol": [
    '9:3: capital_policy.target_vol: key "target_vol" is not allowed with type fixed (only used by type vol_target)',
  ],
  "fixed_without_weights": [
    "7:3: capital_policy.weights: missing required key: type fixed needs a weight per strategy id",
  ],
  "graph_name_not_slug": [
    '1:7: name: must be a slug: a-z, 0-9, _ and -, starting with a letter or digit (got "My Graph")',
  ],
  "heartbeat_timeout_below_5": [
    "7:30: settings.heartbeat_timeout_seconds: must be an integer >= 5 and <= 86400, got 4",
  ],
  "integer_digits_lost": [
    "2:17: sizing.max_position: must be an integer >= 1 and <= 1000000000, got 9007199254740993",
    "8:19: strategies[0].max_position: must be an integer >= 1 and <= 1000000000, got 100.00000000000000001",
  ],
  "intent_expiry_below_1": [
    "7:26: settings.intent_expiry_seconds: must be an integer >= 1 and <= 86400, got 0",
  ],
  "limits_above_hard_limit": [
    "2:17: limits.max_position: 50000 exceeds the hard limit 10000 (code default; IBKR_MAX_POSITION overrides it); a graph may only tighten the hard limits",
    "3:17: limits.max_notional: 2000000 exceeds the hard limit 1000000 (code default; IBKR_MAX_NOTIONAL overrides it); a graph may only tighten the hard limits",
  ],
  "limits_max_notional_1e309": [
    "2:17: limits.max_notional: must be a finite number > 0 and <= 1000000000000, got 1e309",
  ],
  "missing_strategies": [
    "1:1: strategies: missing required key",
  ],
  "money_not_decimal": [
    '2:17: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got "10k"',
  ],
  "money_not_positive": [
    "2:17: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got -5",
    "4:21: risk.daily_loss_limit: must be a finite number > 0 and <= 1000000000000, got 0",
  ],
  "no_strategies": [
    "2:13: strategies: must list at least one strategy",
  ],
  "node_max_notional_above_graph_limit": [
    "8:19: strategies[0].max_notional: 75000.5 exceeds the hard limit 50000 on notional (limits.max_notional)",
  ],
  "node_max_position_above_hard_limit": [
    "6:19: strategies[0].max_position: 20000 exceeds the hard limit 10000 on shares (code default; IBKR_MAX_POSITION overrides it)",
  ],
  "node_numbers_not_finite": [
    "6:19: strategies[0].max_position: must be an integer >= 1 and <= 1000000000, got .inf",
    "7:19: strategies[0].max_notional: must be a finite number > 0 and <= 1000000000000, got 1e309",
    "8:18: strategies[0].warmup_bars: must be an integer >= 0 and <= 5000, got -1e309",
  ],
  "numbers_above_range": [
    '3:10: venue.speed: must be "max" or a finite number > 0 and <= 1000000, got 2000000',
    "4:15: venue.volatility: must be a finite number > 0 and <= 10, got 11",
    "5:16: venue.start_price: must be a finite number > 0 and <= 10000000, got 1e8",
    "6:17: venue.slippage_bps: must be a finite number >= 0 and <= 1000, got 1000.01",
    "8:17: sizing.max_position: must be an integer >= 1 and <= 1000000000, got 1000000001",
    "10:26: risk.max_orders_per_minute: must be an integer >= 1 and <= 10000, got 10001",
    "12:30: settings.heartbeat_timeout_seconds: must be an integer >= 5 and <= 86400, got 86401",
    '13:13: settings.bar_size: must be a bar size from 1s to 7d (604800s), got "8d"',
  ],
  "numbers_nan_and_infinity": [
    "3:10: venue.drift: must be a finite number >= -10 and <= 10, got .nan",
    "4:15: venue.volatility: must be a finite number > 0 and <= 10, got .inf",
    "5:16: venue.start_price: must be a finite number > 0 and <= 10000000, got -.inf",
    "6:23: venue.partial_fill_ratio: must be a finite number > 0 and <= 1, got .NaN",
    "8:17: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got -1e309",
    '10:24: risk.max_symbol_exposure: must be a finite number > 0 and <= 1000000000000, got "NaN"',
    '11:21: risk.daily_loss_limit: must be a finite number > 0 and <= 1000000000000, got "Infinity"',
    "12:26: risk.max_orders_per_minute: must be an integer >= 1 and <= 10000, got .inf",
  ],
  "numbers_not_decimal_notation": [
    "3:9: venue.seed: must be an integer >= 0 and <= 4294967295, got 0x2A",
    "4:9: venue.bars: must be an integer >= 1 and <= 10000000, got 0o17",
    "5:28: venue.commission.per_share: must be a finite number >= 0 and <= 100, got 0x1",
  ],
  "position_not_integer": [
    "2:17: sizing.max_position: must be an integer >= 1 and <= 1000000000, got 10.5",
  ],
  "risk_max_order_notional_1e309": [
    "2:23: risk.max_order_notional: must be a finite number > 0 and <= 1000000000000, got 1e309",
  ],
  "risk_order_size_above_limits": [
    "5:19: risk.max_order_size: 301 exceeds the hard limit 300 on shares (limits.max_position)",
    "6:23: risk.max_order_notional: 30000.01 exceeds the hard limit 30000 on notional (limits.max_notional)",
  ],
  "root_not_a_mapping": [
    "1:1: expected a mapping, got a list",
  ],
  "sizing_above_limits": [
    "2:17: sizing.max_position: 500 exceeds the hard limit 200 on shares (limits.max_position)",
  ],
  "sizing_max_notional_1e309": [
    "2:17: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got 1e309",
  ],
  "strategy_id_not_slug": [
    '2:9: strategies[0].id: must be slug-safe: 1-64 characters of a-z, 0-9, _ and -, starting with a letter or digit (got "AAPL Fast")',
  ],
  "strategy_params_invalid": [
    "5:21: strategies[0].params.fast: must be >= 1 (got 0)",
    '5:40: strategies[0].params.mode: must be one of long_only, long_short (got "sideways")',
    "11:13: strategies[1].params.slow: must be greater than fast (30), got 10",
  ],
  "strategy_params_missing": [
    "2:5: strategies[0].params.fast: missing required key",
    "2:5: strategies[0].params.slow: missing required key",
  ],
  "strategy_params_not_finite": [
    "5:21: strategies[0].params.fast: must be a finite number in decimal notation, got .nan",
    "5:33: strategies[0].params.slow: must be a finite number in decimal notation, got 1e309",
    "5:46: strategies[0].params.size: must be a finite number in decimal notation, got 0x10",
    "9:31: strategies[1].params.slow: must be a finite number in decimal notation, got -.inf",
    '9:44: strategies[1].params.mode: must be one of long_only, long_short (got "sideways")',
  ],
  "strategy_params_unknown_key": [
    '5:35: strategies[0].params.sise: unknown key "sise", did you mean "size"?',
  ],
  "symbol_invalid": [
    '4:21: strategies[0].symbols[1]: must be a ticker symbol: 1-20 letters, digits, ".", "-", "/" or spaces (got "$$$")',
  ],
  "symbols_empty": [
    "4:14: strategies[0].symbols: must not be empty",
  ],
  "telemetry_interval_below_10": [
    "7:31: settings.telemetry_interval_seconds: must be an integer >= 10 and <= 86400, got 9",
  ],
  "unknown_key_did_you_mean": [
    '2:3: sizing.max_postion: unknown key "max_postion", did you mean "max_position"?',
  ],
  "unknown_key_without_suggestion": [
    '7:3: settings.colour: unknown key "colour", allowed: allow_partial_start, heartbeat_timeout_seconds, telemetry_interval_seconds, bar_size, intent_expiry_seconds',
  ],
  "unknown_strategy_type": [
    '3:11: strategies[0].type: unknown strategy type "smaa", did you mean "sma"? (available types: sma)',
  ],
  "unknown_top_level_key": [
    '1:1: strategy: unknown key "strategy", did you mean "strategies"?',
  ],
  "venue_ibkr_numbers_not_finite": [
    "3:9: venue.port: must be an integer >= 1 and <= 65535, got 1e309",
    "4:14: venue.client_id: must be an integer >= 0 and <= 2147483647, got .nan",
    "5:28: venue.max_requests_per_second: must be an integer >= 1 and <= 50, got 0x10",
  ],
  "venue_ibkr_port_out_of_range": [
    "3:9: venue.port: must be an integer >= 1 and <= 65535, got 70000",
    "4:14: venue.client_id: must be an integer >= 0 and <= 2147483647, got -1",
    "5:28: venue.max_requests_per_second: must be an integer >= 1 and <= 50, got 51",
  ],
  "venue_key_of_other_type": [
    '4:3: venue.bars: key "bars" is only valid with venue type sim',
  ],
  "venue_missing_type": [
    "2:3: venue.type: missing required key (one of sim, ibkr)",
  ],
  "venue_sim_values_out_of_range": [
    "3:9: venue.bars: must be an integer >= 1 and <= 10000000, got 0",
    "4:15: venue.volatility: must be a finite number > 0 and <= 10, got 0",
    '5:10: venue.start: must be an ISO 8601 date-time such as 2024-01-02T14:30:00Z (got "yesterday")',
    '6:10: venue.speed: must be "max" or a finite number > 0 and <= 1000000, got "fast"',
    "7:23: venue.partial_fill_ratio: must be a finite number > 0 and <= 1, got 1.5",
  ],
  "venue_slippage_bps_1e309": [
    "3:17: venue.slippage_bps: must be a finite number >= 0 and <= 1000, got 1e309",
  ],
  "venue_slippage_bps_negative": [
    "3:17: venue.slippage_bps: must be a finite number >= 0 and <= 1000, got -0.5",
  ],
  "venue_unknown_type": [
    '2:9: venue.type: must be one of sim, ibkr (got "alpaca")',
  ],
  "vol_target_missing_lookback": [
    "7:3: capital_policy.lookback_bars: missing required key",
  ],
  "vol_target_missing_target_vol": [
    "2:5: warning: strategies[0].warmup_bars: warmup_bars 0 is less than capital_policy.lookback_bars 20; vol_target sizes this strategy on a shorter volatility history until it has seen 20 bars",
    "7:3: capital_policy.target_vol: missing required key",
  ],
  "vol_target_not_positive": [
    "8:15: capital_policy.target_vol: must be a finite number > 0 and <= 10, got 0",
    "9:18: capital_policy.lookback_bars: must be an integer >= 2 and <= 5000, got 1",
  ],
  "vol_target_with_weights": [
    "2:5: warning: strategies[0].warmup_bars: warmup_bars 0 is less than capital_policy.lookback_bars 20; vol_target sizes this strategy on a shorter volatility history until it has seen 20 bars",
    '10:3: capital_policy.weights: key "weights" is not allowed with type vol_target (only used by type fixed)',
  ],
  "warmup_bars_above_5000": [
    "6:18: strategies[0].warmup_bars: must be an integer >= 0 and <= 5000, got 5001",
  ],
  "yaml_bad_indentation": [
    "4:9: Nested mappings are not allowed in compact mappings",
    "4:9: Implicit keys need to be on a single line",
  ],
  "yaml_syntax_error": [
    "6:5: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ],
};

async function problemLines(file: string): Promise<string[]> {
  const check = await checkGraphFile(file, { env: NO_ENV });
  return check.problems.map((problem) => formatProblem(problem).slice(file.length + 1));
}

for (const [name, expected] of Object.entries(EXPECTED)) {
  Deno.test(`invalid graph ${name}.yaml is rejected with located messages`, async () => {
    const file = join(INVALID_DIR, `${name}.yaml`);
    const lines = await problemLines(file);
    assertEquals(lines, expected);
    ok(lines.some((line) => !line.includes(": warning: ")), "at least one problem is an error");
  });
}

Deno.test("every fixture in tests/testdata/invalid has expected problems in this test", async () => {
  const names: string[] = [];
  for await (const entry of Deno.readDir(INVALID_DIR)) {
    names.push(entry.name.replace(/\.yaml$/, ""));
  }
  assertEquals(names.sort(), Object.keys(EXPECTED).sort());
});

Deno.test("a strategy module without a proper default export is an error naming the file and the expected shape", async () => {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp" });
  try {
    await Deno.writeTextFile(join(dir, "no_create.ts"), "export default { params: 1 };\n");
    const text = [
      "strategies:",
      "  - id: broken",
      "    type: no_create",
      "    symbols: [AAPL]",
      "  - id: broken_again",
      "    type: no_create",
      "    symbols: [MSFT]",
      "",
    ].join("\n");
    const check = await checkGraphText(text, "graphs/broken.yaml", {
      env: NO_ENV,
      strategiesDir: dir,
    });
    const [first, second] = check.problems.map(formatProblem);
    ok(
      first?.startsWith(
        `graphs/broken.yaml:3:11: strategies[0].type: ${
          join(dir, "no_create.ts")
        } is not a strategy module: its default export has no zod \`params\` schema. ` +
          "A strategy file looks like:\n",
      ),
      first,
    );
    ok(first?.includes("export default defineStrategy({"), first);
    assertEquals(
      second,
      `graphs/broken.yaml:6:11: strategies[1].type: ${
        join(dir, "no_create.ts")
      } is not a strategy module (see the first use of type "no_create")`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hard limits from the environment are named in messages", async () => {
  const env = (name: string) =>
    ({ IBKR_MAX_POSITION: "150", IBKR_MAX_NOTIONAL: "90000" } as Record<string, string>)[name];
  const check = await checkGraphFile("graphs/sma_pair.yaml", { env });
  assertEquals(check.problems.map(formatProblem), [
    "graphs/sma_pair.yaml:18:17: sizing.max_position: 200 exceeds the hard limit 150 on shares (from IBKR_MAX_POSITION)",
    "graphs/sma_pair.yaml:19:17: sizing.max_notional: 100000 exceeds the hard limit 90000 on notional (from IBKR_MAX_NOTIONAL)",
  ]);
});
