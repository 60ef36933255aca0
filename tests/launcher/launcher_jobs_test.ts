import { equal as assertEqual, ok as assert } from "node:assert/strict";
import { denoTask, PROJECT_DIR, scratchDir, writeProbeStrategy } from "./_launcher_harness.ts";

/** A Yahoo-style daily CSV of `days` weekdays from 2023-01-02. */
function dailyCsv(days: number): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  const day = new Date("2023-01-02T00:00:00Z");
  for (let written = 0; written < days; day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const close = 100 + 5 * Math.sin(written / 3);
    lines.push(
      `${day.toISOString().slice(0, 10)},${close},${close + 1},${close - 1},${close},${close},1000`,
    );
    written++;
  }
  return `${lines.join("\n")}\n`;
}

const GRAPH = `name: elsewhere
venue:
  type: sim
  feed: csv
  csv: { AAPL: ../data/AAPL.csv }
settings: { bar_size: 1d }
strategies:
  - { id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5, size: 10 } }
`;

async function userFolders(): Promise<{ root: string; graph: string; log: string }> {
  const root = await scratchDir("user_home_");
  await Deno.mkdir(`${root}/graphs`);
  await Deno.mkdir(`${root}/data`);
  await Deno.mkdir(`${root}/runs`);
  await Deno.writeTextFile(`${root}/data/AAPL.csv`, dailyCsv(40));
  await Deno.writeTextFile(`${root}/graphs/x.yaml`, GRAPH);
  return { root, graph: `${root}/graphs/x.yaml`, log: `${root}/runs/x.jsonl` };
}

Deno.test("validate a graph outside the project, with its data outside too: ok, no stack trace", async () => {
  const { root, graph } = await userFolders();
  const out = await denoTask("validate", [graph]);
  assertEqual(out.code, 0, out.stderr);
  assertEqual(out.stdout, `ok ${graph}\n`);
  assertEqual(out.stderr, "");
  await Deno.remove(root, { recursive: true });
});

Deno.test("run a graph, its CSV and its log anywhere the user points", async () => {
  const { root, graph, log } = await userFolders();
  const out = await denoTask("run", [graph, "--log", log]);
  assertEqual(out.code, 0, out.stderr);
  assert(out.stdout.includes(`telemetry: ${log}`), out.stdout);
  const last = JSON.parse((await Deno.readTextFile(log)).trim().split("\n").at(-1) as string);
  assertEqual(last.phase, "stopped");
  await Deno.remove(root, { recursive: true });
});

Deno.test("run --data csv:FOLDER reads a data folder outside the project", async () => {
  const { root, log } = await userFolders();
  const out = await denoTask("run", [
    "--symbol",
    "AAPL",
    "--fast",
    "2",
    "--slow",
    "5",
    "--data",
    `csv:${root}/data`,
    "--log",
    log,
  ]);
  assertEqual(out.code, 0, out.stderr);
  await Deno.remove(root, { recursive: true });
});

Deno.test("--print-permissions shows a remote TWS host from --host and runs nothing", async () => {
  const out = await denoTask("run", [
    "graphs/ibkr_paper.yaml",
    "--host",
    "tws.example.invalid",
    "--port",
    "4002",
    "--print-permissions",
  ]);
  assertEqual(out.code, 0, out.stderr);
  assert(out.stdout.includes("net:\n  tws.example.invalid:4002\n"), out.stdout);
  assert(out.stdout.includes("--allow-net=tws.example.invalid:4002 "), out.stdout);
  assert(!out.stdout.includes("--allow-run"), out.stdout);
});

Deno.test("a live port without --live is refused by the launcher in one line, before any job", async () => {
  const out = await denoTask("run", ["graphs/ibkr_paper.yaml", "--port", "7496"]);
  assertEqual(out.code, 1);
  assertEqual(out.stderr.trim().split("\n").length, 1, out.stderr);
  assert(out.stderr.includes("127.0.0.1:7496 is a live-trading port"), out.stderr);
  const shown = await denoTask("run", [
    "graphs/ibkr_paper.yaml",
    "--port",
    "7496",
    "--print-permissions",
  ]);
  assertEqual(shown.code, 0, shown.stderr);
  assert(shown.stdout.includes("net:\n  127.0.0.1:7496\n"), shown.stdout);
  assert(
    shown.stdout.includes("NOT STARTED as given: 127.0.0.1:7496 is a live-trading port"),
    shown.stdout,
  );
});

Deno.test("bad flags are a usage error from the launcher: exit 2, no job, no log", async () => {
  const dir = await scratchDir("bad_flags_");
  const out = await denoTask("run", [
    "graphs/sma_pair.yaml",
    "--speed",
    "fast",
    "--log",
    `${dir}/x.jsonl`,
  ]);
  assertEqual(out.code, 2);
  assert(out.stderr.includes('--speed must be "max" or'), out.stderr);
  await Deno.stat(`${dir}/x.jsonl`).then(
    () => assert(false, "no log expected"),
    (error) => assert(error instanceof Deno.errors.NotFound),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("main.ts started without the task's permissions says to use deno task, in one line", async () => {
  const output = await new Deno.Command("deno", {
    args: ["run", "--allow-read", "main.ts", "validate", "graphs/sma_pair.yaml"],
    cwd: PROJECT_DIR,
    env: { NO_COLOR: "1" },
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEqual(output.code, 1, stderr);
  assert(
    stderr.startsWith("the launcher lacks permission to start deno: start it with `deno task"),
    stderr,
  );
  assertEqual(stderr.trim().split("\n").length, 1, stderr);
  assert(!stderr.includes("    at "), stderr);
});

Deno.test("run --data synthetic on a CSV graph neither needs nor reads the graph's CSV files", async () => {
  const { root, graph, log } = await userFolders();
  await Deno.remove(`${root}/data/AAPL.csv`);
  const out = await denoTask("run", [graph, "--data", "synthetic", "--bars", "50", "--log", log]);
  assertEqual(out.code, 0, out.stderr);
  assert(out.stdout.startsWith("elsewhere on sim (synthetic"), out.stdout);
  await Deno.remove(root, { recursive: true });
});

Deno.test("--strategies adds the user's folder to the project's: one graph uses both", async () => {
  const { root, log } = await userFolders();
  await Deno.mkdir(`${root}/strategies`);
  await writeProbeStrategy(`${root}/strategies`, "up_bar", "ctx.setTarget(bar.symbol, 1);");
  await Deno.writeTextFile(
    `${root}/graphs/mixed.yaml`,
    GRAPH.replace("name: elsewhere", "name: mixed") +
      "  - { id: b, type: up_bar, symbols: [AAPL], params: {} }\n",
  );
  const args = [`${root}/graphs/mixed.yaml`, "--strategies", `${root}/strategies`];
  const validated = await denoTask("validate", args);
  assertEqual(validated.code, 0, validated.stdout + validated.stderr);
  const ran = await denoTask("run", [...args, "--log", log]);
  assertEqual(ran.code, 0, ran.stderr);
  assert(ran.stdout.includes("strategies: 2 started (a, b)"), ran.stdout);
  await Deno.remove(root, { recursive: true });
});
