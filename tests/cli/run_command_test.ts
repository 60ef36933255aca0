import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import { type CliIo, runCli } from "../../src/cli/cli.ts";
import { coordinatorEnabled, createRunCommand, defaultLogPath } from "../../src/cli/run.ts";
import { pathExists } from "../_support/mod.ts";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await runCli(["run", ...args], {
    commands: [createRunCommand()],
    io,
    env: (name) => env[name],
  });
  return { code, stdout, stderr };
}

async function tempDir(): Promise<string> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  return await Deno.makeTempDir({ dir: "tests/.tmp", prefix: "run_" });
}

Deno.test("run executes a graph on the sim venue, prints the summary and writes the JSONL log", async () => {
  const dir = await tempDir();
  const log = `${dir}/pair.jsonl`;
  const out = await run(["graphs/sma_pair.yaml", "--bars", "300", "--log", log]);
  assertEqual(out.code, 0, out.stderr);
  assert(
    out.stdout.startsWith(
      "sma_pair on sim (synthetic, seed 42): end_of_data\n" +
        "  data:       300 bars per symbol (AAPL, MSFT), ",
    ),
    out.stdout,
  );
  assert(
    out.stdout.includes("aapl_fast") && out.stdout.includes("msft_slow") &&
      out.stdout.includes("total"),
  );
  const events = (await Deno.readTextFile(log)).trim().split("\n").map((line) => JSON.parse(line));
  assertEquals(events.at(-1).event, "coordinator.lifecycle");
  assertEquals(events.at(-1).phase, "stopped");
  assert(events.every((e) => typeof e.ts === "string" && typeof e.event === "string"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("run with --symbol/--fast/--slow builds a single SMA graph", async () => {
  const dir = await tempDir();
  const out = await run([
    "--symbol",
    "msft",
    "--fast",
    "5",
    "--slow",
    "20",
    "--size",
    "10",
    "--log",
    `${dir}/one.jsonl`,
  ]);
  assertEqual(out.code, 0, out.stderr);
  assert(out.stdout.includes("sma_msft"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an invalid graph exits 1 with located errors and writes no log", async () => {
  const dir = await tempDir();
  const log = `${dir}/never.jsonl`;
  const out = await run(["tests/testdata/invalid/unknown_key_did_you_mean.yaml", "--log", log]);
  assertEqual(out.code, 1);
  assert(/unknown_key_did_you_mean\.yaml:\d+:\d+: /.test(out.stderr), out.stderr);
  assertEqual(await pathExists(log), false);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("usage errors exit 2 before anything runs", async () => {
  assertEqual((await run(["graphs/sma_pair.yaml", "--speed", "fast"])).code, 2);
  assertEqual((await run(["graphs/sma_pair.yaml", "--symbol", "AAPL"])).code, 2);
  assertEqual((await run([])).code, 2);
  assertEqual((await run(["graphs/sma_pair.yaml", "--port", "7497"])).code, 2);
  const unknown = await run(["graphs/sma_pair.yaml", "--sed", "1"]);
  assertEqual(unknown.code, 2);
});

Deno.test("IBKR_ENABLE_STRATEGY_COORDINATOR=false refuses multi-strategy graphs with a clear message", async () => {
  const out = await run(["graphs/sma_pair.yaml"], { IBKR_ENABLE_STRATEGY_COORDINATOR: "false" });
  assertEqual(out.code, 1);
  assert(out.stderr.includes("limits runs to single-strategy graphs"));
  assertEqual(coordinatorEnabled(undefined), true);
  assertEqual(coordinatorEnabled("off"), false);
});

Deno.test("run replays CSV files from a folder given with --data csv:", async () => {
  const dir = await tempDir();
  for (const symbol of ["AAPL", "MSFT"]) {
    const rows = ["Date,Open,High,Low,Close,Volume"];
    for (let i = 0; i < 120; i++) {
      const day = new Date(Date.UTC(2023, 0, 3, 14, 30 + i)).toISOString(); // 1m, as the graph
      const price = 100 + 10 * Math.sin(i / 6);
      rows.push(`${day},${price},${price + 1},${price - 1},${price + 0.5},1000`);
    }
    await Deno.writeTextFile(`${dir}/${symbol}.csv`, rows.join("\n") + "\n");
  }
  const out = await run([
    "graphs/sma_pair.yaml",
    "--data",
    `csv:${dir}`,
    "--log",
    `${dir}/csv.jsonl`,
  ]);
  assertEqual(out.code, 0, out.stderr);
  assert(
    out.stdout.includes(
      "sma_pair on sim (csv): end_of_data\n  data:       120 bars per symbol (AAPL, MSFT), ",
    ),
    out.stdout,
  );
  const missing = await run(["graphs/sma_pair.yaml", "--data", `csv:${dir}/AAPL.csv`]);
  assertEqual(missing.code, 2);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an IBKR endpoint the run may not reach fails before connecting, naming the permission", async () => {
  const dir = await tempDir();
  const log = `${dir}/ibkr.jsonl`;
  const out = await run([
    "graphs/sma_pair.yaml",
    "--venue",
    "ibkr",
    "--host",
    "192.0.2.7",
    "--port",
    "7497",
    "--log",
    log,
  ]);
  assertEqual(out.code, 1);
  assert(out.stderr.includes("network access to 192.0.2.7:7497 is not granted"), out.stderr);
  assertEqual(await pathExists(log), false);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("default log paths are per graph and per start time under logs/", () => {
  assertEqual(
    defaultLogPath("sma_pair", new Date(Date.UTC(2026, 10, 24, 15, 30, 1, 234))),
    "logs/sma_pair-20261124T153001234Z.jsonl",
  );
});
