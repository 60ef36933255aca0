/**
 * The run command over CSV files: malformed data stops it before anything
 * starts, the bar size comes from the data, and a set bar size must fit it.
 */
import {
  deepStrictEqual as assertEquals,
  equal,
  ok as assert,
  rejects as assertRejects,
} from "node:assert/strict";
import { join } from "node:path";
import { type CliIo, runCli } from "../../src/cli/cli.ts";
import { createRunCommand } from "../../src/cli/run.ts";
import { applyRunFlags, parseRunFlags } from "../../src/cli/run_options.ts";
import { DEFAULT_STRATEGIES_DIR, loadGraphFile } from "../../src/config/mod.ts";
import { SeededRandom } from "../../src/venues/sim/mod.ts";
import { pathExists, withTempDir } from "../_support/mod.ts";

const TEST_STRATEGIES = new URL("../strategies/", import.meta.url).pathname;
const DAY = 86_400_000;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[], strategiesDir = TEST_STRATEGIES): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await runCli(["run", ...args], {
    commands: [createRunCommand({ strategiesDir })],
    io,
    env: () => undefined,
  });
  return { code, stdout, stderr };
}

async function events(log: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(log);
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

/** Yahoo rows of `days` weekdays from 2023-01-03, a GBM with `annualVol`. */
function dailyGbm(days: number, annualVol: number, seed: number): string {
  const random = new SeededRandom(seed);
  const rows = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  let close = 100;
  for (let ts = Date.UTC(2023, 0, 3); rows.length <= days; ts += DAY) {
    const weekday = new Date(ts).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const open = close;
    close = open * Math.exp(annualVol / Math.sqrt(252) * random.normal());
    const [high, low] = [Math.max(open, close) * 1.001, Math.min(open, close) * 0.999];
    const date = new Date(ts).toISOString().slice(0, 10);
    rows.push(`${date},${open},${high},${low},${close},${close},1000000`);
  }
  return `${rows.join("\n")}\n`;
}

/** Rows of `count` one-minute bars from 2024-01-02 14:30 UTC, `bad` replacing row `badAt`. */
function minuteCsv(count: number, bad?: { readonly at: number; readonly row: string }): string {
  const rows = ["date,open,high,low,close,volume"];
  for (let i = 0; i < count; i++) {
    const ts = new Date(Date.UTC(2024, 0, 2, 14, 30 + i)).toISOString();
    rows.push(i === bad?.at ? bad.row : `${ts},10,11,9,10.5,${i + 1}`);
  }
  return `${rows.join("\n")}\n`;
}

function csvGraph(files: Record<string, string>, extra = ""): string {
  const csv = Object.entries(files).map(([symbol, file]) => `    ${symbol}: ${file}`).join("\n");
  const symbols = Object.keys(files).join(", ");
  return `name: csv_run\nvenue:\n  type: sim\n  feed: csv\n  csv:\n${csv}\n` +
    `strategies:\n  - id: pair\n    type: scripted\n    symbols: [${symbols}]\n    warmup_bars: 20\n${extra}`;
}

Deno.test("a malformed CSV row is a file:line error before the run starts, and no log is written", async () => {
  await withTempDir("run_csv_", async (dir) => {
    const log = join(dir, "run.jsonl");
    await Deno.writeTextFile(join(dir, "AAPL.csv"), minuteCsv(50, { at: 20, row: "x,1,1,1,1,1" }));
    await Deno.writeTextFile(join(dir, "graph.yaml"), csvGraph({ AAPL: "AAPL.csv" }));
    const early = await run([join(dir, "graph.yaml"), "--log", log]);
    equal(early.code, 1);
    assert(
      early.stderr.startsWith(
        `${join(dir, "graph.yaml")}:6:11: venue.csv.AAPL: ${
          join(dir, "AAPL.csv")
        }:22: date "x" is not a date; use YYYY-MM-DD`,
      ),
      early.stderr,
    );
    equal(await pathExists(log), false);
    // Past the first MiB the graph loader does not look; the run reads every row before its log.
    const late = 30_000;
    await Deno.writeTextFile(
      join(dir, "AAPL.csv"),
      minuteCsv(late, { at: late - 2, row: "2024-02-01T00:00:00Z,abc,1,1,1,1" }),
    );
    const out = await run([join(dir, "graph.yaml"), "--log", log]);
    equal(out.code, 1);
    equal(out.stderr, `${join(dir, "AAPL.csv")}:${late}: open is "abc", expected a number\n`);
    equal(await pathExists(log), false);
  });
});

Deno.test("a daily CSV graph without bar_size runs at 1d and vol_target annualises daily returns", async () => {
  await withTempDir("run_csv_", async (dir) => {
    await Deno.writeTextFile(join(dir, "AAPL.csv"), dailyGbm(250, 0.25, 7));
    await Deno.writeTextFile(join(dir, "MSFT.csv"), dailyGbm(250, 0.25, 8));
    const policy = "capital_policy: { type: vol_target, target_vol: 0.15, lookback_bars: 20, " +
      "max_scale: 1.5 }\nsizing: { max_position: 500, max_notional: 1000000 }\n";
    const graph = join(dir, "graph.yaml");
    await Deno.writeTextFile(graph, csvGraph({ AAPL: "AAPL.csv", MSFT: "MSFT.csv" }) + policy);
    const loaded = await loadGraphFile(graph, {
      env: () => undefined,
      strategiesDir: TEST_STRATEGIES,
    });
    const runGraph = await applyRunFlags(loaded.config, parseRunFlags(graph, {}));
    assertEquals([runGraph.settings.barSize, runGraph.settings.barSizeSource], ["1d", "data"]);

    const log = join(dir, "run.jsonl");
    const out = await run([graph, "--log", log]);
    equal(out.code, 0, out.stderr);
    const allocations = (await events(log)).filter((e) =>
      e.event === "strategy.coordinator" && e.kind === "allocation" &&
      String(e.reason).includes("/ realized vol ")
    );
    assert(allocations.length >= 2, `${allocations.length} allocations`);
    for (const allocation of allocations) {
      const vol = Number(/realized vol ([\d.]+)/.exec(String(allocation.reason))?.[1]);
      // 20 daily returns of a 25% GBM: a daily-annualised estimate is near 0.25; as minutes it was ~5.
      assert(vol > 0.1 && vol < 0.5, `realized vol ${vol}`);
      assert(Number(allocation.max_size) >= 100, `max_size ${allocation.max_size}`);
    }
  });
});

Deno.test("--data with daily files under a graph that sets bar_size 1m is refused naming both, before any log", async () => {
  await withTempDir("run_csv_", async (dir) => {
    await Deno.writeTextFile(join(dir, "AAPL.csv"), dailyGbm(60, 0.2, 1));
    await Deno.writeTextFile(join(dir, "MSFT.csv"), dailyGbm(60, 0.2, 2));
    const log = join(dir, "run.jsonl");
    const out = await run(
      ["graphs/sma_pair.yaml", "--data", `csv:${dir}`, "--log", log],
      "strategies",
    );
    equal(out.code, 1);
    equal(
      out.stderr,
      `settings.bar_size: 1m, but ${dir}/AAPL.csv has daily bars (1d, measured over 60 rows); ` +
        "set bar_size: 1d or remove it\n",
    );
    equal(await pathExists(log), false);
  });
});

Deno.test("a 5m graph over 1m CSV files gets the minute bars aggregated into 5m bars", async () => {
  await withTempDir("run_csv_", async (dir) => {
    await Deno.writeTextFile(join(dir, "SPY.csv"), minuteCsv(60));
    const graph = join(dir, "graph.yaml");
    await Deno.writeTextFile(
      graph,
      csvGraph({ SPY: "SPY.csv" }, "    params: { log_bars: true }\nsettings: { bar_size: 5m }\n"),
    );
    const log = join(dir, "run.jsonl");
    const out = await run([graph, "--log", log]);
    equal(out.code, 0, out.stderr);
    const bars = (await events(log)).filter((e) =>
      e.event === "strategy.log" && e.message === "bar"
    );
    equal(bars.length, 12);
    const start = Date.UTC(2024, 0, 2, 14, 30);
    bars.forEach((bar, i) => {
      equal(bar.bar_ts, start + i * 300_000);
      equal(bar.volume, [1, 2, 3, 4, 5].reduce((sum, k) => sum + 5 * i + k, 0));
    });
  });
});

Deno.test("files given with --data warn once each about rows without prices and set the bar size", async () => {
  const graph = "tests/testdata/warnings/csv_yahoo_null_rows.yaml";
  const loaded = await loadGraphFile(graph, { env: () => undefined });
  const warnings: string[] = [];
  const file = "tests/testdata/csv/MSFT_yahoo_nulls.csv";
  const runGraph = await applyRunFlags(
    loaded.config,
    parseRunFlags(graph, { data: `csv:${file}` }),
    {
      warn: (message) => warnings.push(message),
    },
  );
  assertEquals(warnings, [
    `${file}: skipped 3 rows with null prices (Yahoo's missing days), first at line 9`,
  ]);
  assertEquals([runGraph.settings.barSize, runGraph.settings.barSizeSource], ["1d", "data"]);
  const silent = await applyRunFlags(loaded.config, parseRunFlags(graph, {}), {
    warn: (message) => warnings.push(message),
  });
  equal(warnings.length, 1, "the graph's own files were warned about by the loader");
  equal(silent.settings.barSize, "1d");
});

Deno.test("run --data csv:FILE prints the null-row warning of that file once, on stderr", async () => {
  await withTempDir("run_csv_", async (dir) => {
    const file = "tests/testdata/csv/MSFT_yahoo_nulls.csv";
    const out = await run(
      [
        "--symbol",
        "MSFT",
        "--fast",
        "2",
        "--slow",
        "3",
        "--data",
        `csv:${file}`,
        "--log",
        join(dir, "x.jsonl"),
      ],
      DEFAULT_STRATEGIES_DIR,
    );
    equal(out.code, 0, out.stderr);
    const warnings = out.stderr.split("\n").filter((line) => line.includes("null prices"));
    assertEquals(warnings, [
      `${file}: skipped 3 rows with null prices (Yahoo's missing days), first at line 9`,
    ]);
  });
});

Deno.test("--data csv:FOLDER finds SYMBOL.csv, or the one SYMBOL_<bar>.csv deno task history writes", async () => {
  await withTempDir("run_csv_folder_", async (dir) => {
    const graph = "tests/testdata/warnings/csv_yahoo_null_rows.yaml";
    const loaded = await loadGraphFile(graph, { env: () => undefined });
    const apply = (path: string) =>
      applyRunFlags(loaded.config, parseRunFlags(graph, { data: `csv:${path}` }));
    await Deno.mkdir(join(dir, "history"));
    await Deno.writeTextFile(join(dir, "history", "MSFT_1d.csv"), dailyGbm(30, 0.2, 1));
    const fromHistory = await apply(join(dir, "history"));
    assert(fromHistory.venue.type === "sim");
    assertEquals(fromHistory.venue.csv, { MSFT: join(dir, "history", "MSFT_1d.csv") });
    await Deno.mkdir(join(dir, "lower"));
    await Deno.writeTextFile(join(dir, "lower", "msft.csv"), dailyGbm(30, 0.2, 1));
    const lower = await apply(join(dir, "lower"));
    assert(lower.venue.type === "sim");
    assertEquals(lower.venue.csv, { MSFT: join(dir, "lower", "msft.csv") });
    await Deno.writeTextFile(join(dir, "history", "MSFT_5m.csv"), dailyGbm(30, 0.2, 1));
    await assertRejects(
      () => apply(join(dir, "history")),
      /MSFT_1d\.csv, MSFT_5m\.csv could each be MSFT's data/,
    );
    await assertRejects(() => apply("~/no_such_folder"), /write \$HOME instead/);
  });
});
