import { deepStrictEqual as assertEquals, ok, rejects as assertRejects } from "node:assert/strict";
import { join } from "node:path";
import { Decimal } from "../model/decimal.ts";
import { GraphValidationError, InvalidEnvironmentError } from "../errors.ts";
import { checkGraphText, graphFromObject, loadGraphFile, parseGraphText } from "./load_graph.ts";
import { formatProblem } from "./problems.ts";

const NO_ENV = () => undefined;
const ONE_NODE = [
  "strategies:",
  "  - id: aapl_fast",
  "    type: sma",
  "    symbols: [aapl, AAPL, msft]",
  "    params: { fast: 10, slow: 30 }",
  "",
].join("\n");

/** Decimals compared by value, so tests can state expectations as strings. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

Deno.test("parseGraphText fills in every default of a minimal graph", async () => {
  const { config, warnings } = await parseGraphText(ONE_NODE, "graphs/min.yaml", { env: NO_ENV });
  assertEquals(warnings.map(formatProblem), [
    "graphs/min.yaml:4:21: warning: strategies[0].symbols[1]: symbol AAPL is listed twice (also symbols[0]); the repeat is ignored",
  ]);
  assertEquals(plain(config), {
    name: "default_graph",
    venue: {
      type: "sim",
      feed: "synthetic",
      bars: 500,
      seed: 42,
      start: Date.UTC(2024, 0, 2, 14, 30),
      drift: 0.05,
      volatility: 0.25,
      startPrice: 100,
      symbolOverrides: {},
      csv: {},
      speed: "max",
      slippageBps: "0",
      commission: { perShare: "0.005", minimum: "1", maxPctOfValue: "0.01" },
      partialFillRatio: "1",
    },
    sizing: { maxPosition: 100, maxNotional: "100000" },
    limits: { maxPosition: 10000, maxNotional: "1000000" },
    risk: { maxOrderSize: 10000, maxOrderNotional: "1000000", maxOrdersPerMinute: 120 },
    strategies: [{
      id: "aapl_fast",
      type: "sma",
      symbols: ["AAPL", "MSFT"],
      params: { fast: 10, slow: 30, mode: "long_only" },
      maxPosition: 100,
      maxNotional: "100000",
      warmupBars: 0,
    }],
    capitalPolicy: { type: "equal_weight" },
    settings: {
      allowPartialStart: false,
      heartbeatTimeoutSeconds: 30,
      telemetryIntervalSeconds: 60,
      barSize: "1m",
      barSizeSource: "default",
      intentExpirySeconds: 30,
    },
    symbols: ["AAPL", "MSFT"],
  });
  ok(config.sizing.maxNotional instanceof Decimal);
});

Deno.test("graph limits tighten the hard limits and become the risk defaults", async () => {
  const text =
    `limits: { max_position: 300, max_notional: 20000.5 }\nsizing: { max_position: 50 }\n${ONE_NODE}`;
  const { config } = await parseGraphText(text, "g.yaml", { env: NO_ENV });
  assertEquals(config.limits.maxPosition, 300);
  assertEquals(config.limits.maxNotional.toString(), "20000.5");
  assertEquals(config.risk.maxOrderSize, 300);
  assertEquals(config.risk.maxOrderNotional.toString(), "20000.5");
  assertEquals(config.sizing.maxNotional.toString(), "20000.5");
  assertEquals(config.strategies[0]?.maxPosition, 50);
});

Deno.test("default sizing is clipped to a lower hard limit from the environment", async () => {
  const env = (name: string) => name === "IBKR_MAX_POSITION" ? "40" : undefined;
  const { config } = await parseGraphText(ONE_NODE, "g.yaml", { env });
  assertEquals(config.limits.maxPosition, 40);
  assertEquals(config.sizing.maxPosition, 40);
  assertEquals(config.strategies[0]?.maxPosition, 40);
});

Deno.test("money parses from the YAML text into an exact Decimal", async () => {
  const env = (name: string) => name === "IBKR_MAX_NOTIONAL" ? "1e12" : undefined;
  const text = `sizing:\n  max_notional: 123456789012.3456789\n${ONE_NODE}`;
  const { config } = await parseGraphText(text, "g.yaml", { env });
  assertEquals(config.sizing.maxNotional.toString(), "123456789012.3456789");
  assertEquals(config.strategies[0]?.maxNotional.toString(), "123456789012.3456789");
  // The JS number alone would have lost digits:
  assertEquals(String(123456789012.3456789), "123456789012.34567");
});

Deno.test("a huge money exponent is rejected by its range, not let past the hard limits", async () => {
  const env = (name: string) => name === "IBKR_MAX_NOTIONAL" ? "1000000000000" : undefined;
  for (const key of ["sizing:\n  max_notional", "risk:\n  max_order_notional"]) {
    const check = await checkGraphText(`${key}: 1e309\n${ONE_NODE}`, "g.yaml", { env });
    assertEquals(check.loaded, undefined);
    const errors = check.problems.filter((problem) => problem.severity === "error");
    assertEquals(errors.map(formatProblem), [
      `g.yaml:2:${key.startsWith("risk") ? 23 : 17}: ${key.replace(":\n  ", ".")}: ` +
      "must be a finite number > 0 and <= 1000000000000, got 1e309",
    ]);
  }
});

Deno.test("venue money keeps its exact digits through the sim/ibkr union", async () => {
  const text = [
    "venue:",
    "  type: sim",
    "  slippage_bps: 0.12345678901234567891",
    "  commission: { per_share: 0.00350000000000000001, minimum: 1.00 }",
    ONE_NODE,
  ].join("\n");
  const { config } = await parseGraphText(text, "g.yaml", { env: NO_ENV });
  ok(config.venue.type === "sim");
  assertEquals(config.venue.slippageBps.toString(), "0.12345678901234567891");
  assertEquals(config.venue.commission.perShare.toString(), "0.00350000000000000001");
  assertEquals(config.venue.commission.maxPctOfValue.toString(), "0.01");
});

Deno.test("fixed weights 0.1 + 0.2 + 0.7 sum to exactly 1: no warning, exact Decimals", async () => {
  const text = [
    "strategies:",
    ...["a", "b", "c"].flatMap((id) => [
      `  - id: ${id}`,
      "    type: sma",
      "    symbols: [AAPL]",
      "    params: { fast: 2, slow: 3 }",
    ]),
    "capital_policy:",
    "  type: fixed",
    "  weights: { a: 0.1, b: 0.2, c: 0.7 }",
    "",
  ].join("\n");
  const { config, warnings } = await parseGraphText(text, "g.yaml", { env: NO_ENV });
  assertEquals(warnings, []);
  assertEquals(plain(config.capitalPolicy), {
    type: "fixed",
    weights: { a: "0.1", b: "0.2", c: "0.7" },
  });
});

Deno.test("vol_target and ibkr sections parse into camelCase with defaults", async () => {
  const text = [
    "venue: { type: ibkr, port: 4002, account: DU1234567 }",
    ONE_NODE.replace("[aapl, AAPL, msft]", "[AAPL]").replace(
      "params: { fast: 10, slow: 30 }",
      "params: { fast: 10, slow: 30 }\n    warmup_bars: 20",
    ),
    "capital_policy: { type: vol_target, target_vol: 0.15, lookback_bars: 20 }",
    "",
  ].join("\n");
  const { config, warnings } = await parseGraphText(text, "g.yaml", { env: NO_ENV });
  assertEquals(warnings, []);
  assertEquals(config.venue, {
    type: "ibkr",
    host: "127.0.0.1",
    port: 4002,
    clientId: 1,
    account: "DU1234567",
    marketDataType: "live",
    maxRequestsPerSecond: 45,
  });
  assertEquals(plain(config.capitalPolicy), {
    type: "vol_target",
    targetVol: "0.15",
    lookbackBars: 20,
    maxScale: "1",
  });
});

Deno.test("loadGraphFile resolves CSV paths against the graph file's folder", async () => {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp" });
  try {
    await Deno.mkdir(join(dir, "data"));
    const rows = "date,open,high,low,close,volume\n20240102,10,11,9,10,1\n20240103,10,11,9,10,1\n";
    await Deno.writeTextFile(join(dir, "data", "AAPL.csv"), rows);
    await Deno.writeTextFile(join(dir, "data", "MSFT.csv"), rows);
    const graph = join(dir, "graph.yaml");
    await Deno.writeTextFile(
      graph,
      `venue:\n  type: sim\n  feed: csv\n  csv: { aapl: data/AAPL.csv, MSFT: ./data/MSFT.csv }\n${ONE_NODE}`,
    );
    const { config } = await loadGraphFile(graph, { env: NO_ENV });
    assertEquals(config.venue.type === "sim" && config.venue.csv, {
      AAPL: join(dir, "data", "AAPL.csv"),
      MSFT: join(dir, "data", "MSFT.csv"),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadGraphFile throws GraphValidationError carrying every problem of the file", async () => {
  await assertRejects(
    () => loadGraphFile("tests/testdata/invalid/all_problems_at_once.yaml", { env: NO_ENV }),
    (error: unknown) => {
      ok(error instanceof GraphValidationError);
      assertEquals(error.problems.length, 10);
      assertEquals(error.message, error.problems.map(formatProblem).join("\n"));
      assertEquals(error.exitCode, 1);
      return true;
    },
  );
});

Deno.test("loadGraphFile reports a missing file as one problem", async () => {
  await assertRejects(
    () => loadGraphFile("graphs/does_not_exist.yaml", { env: NO_ENV }),
    (error: unknown) =>
      error instanceof GraphValidationError &&
      error.message === "graphs/does_not_exist.yaml: file not found",
  );
});

Deno.test("an invalid hard-limit variable is an InvalidEnvironmentError, not a graph problem", async () => {
  await assertRejects(
    () => parseGraphText(ONE_NODE, "g.yaml", { env: () => "many" }),
    InvalidEnvironmentError,
  );
});

Deno.test("graphFromObject validates plain objects with the same rules, without positions", async () => {
  const { config } = await graphFromObject({
    strategies: [{ id: "x", type: "sma", symbols: ["spy"], params: { fast: 3, slow: 5 } }],
    sizing: { max_notional: "2500.25" },
  }, { env: NO_ENV });
  assertEquals(config.symbols, ["SPY"]);
  assertEquals(config.sizing.maxNotional.toString(), "2500.25");
  await assertRejects(
    () =>
      graphFromObject({
        strategies: [{ id: "x", type: "sma", symbols: ["SPY"], params: { fast: 9, slow: 5 } }],
        sizing: { max_postion: 1 },
      }, { env: NO_ENV }),
    (error: unknown) => {
      ok(error instanceof GraphValidationError);
      assertEquals(error.problems.map(formatProblem), [
        '<command line>: sizing.max_postion: unknown key "max_postion", did you mean "max_position"?',
        "<command line>: strategies[0].params.slow: must be greater than fast (9), got 5",
      ]);
      return true;
    },
  );
});

Deno.test("graphFromObject rejects non-finite numbers in every kind of numeric field", async () => {
  await assertRejects(
    () =>
      graphFromObject({
        venue: { type: "sim", slippage_bps: Infinity, seed: NaN, drift: -Infinity },
        sizing: { max_notional: "1e309" },
        strategies: [{ id: "x", type: "sma", symbols: ["SPY"], params: { fast: 3, slow: 5 } }],
      }, { env: NO_ENV }),
    (error: unknown) => {
      ok(error instanceof GraphValidationError);
      assertEquals(error.problems.map(formatProblem), [
        "<command line>: venue.seed: must be an integer >= 0 and <= 4294967295, got NaN",
        "<command line>: venue.drift: must be a finite number >= -10 and <= 10, got -Infinity",
        "<command line>: venue.slippage_bps: must be a finite number >= 0 and <= 1000, got Infinity",
        "<command line>: sizing.max_notional: must be a finite number > 0 and <= 1000000000000, got 1e309",
      ]);
      return true;
    },
  );
});
