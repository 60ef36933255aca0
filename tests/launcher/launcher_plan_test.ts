import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
  rejects,
} from "node:assert/strict";
import { parseRunFlags, type RawRunFlags } from "../../src/cli/run_options.ts";
import { RUN_ENV_VARIABLES, VALIDATE_ENV_VARIABLES } from "../../src/cli/env_variables.ts";
import { GraphValidationError, UserError } from "../../src/errors.ts";
import { planHistory } from "../../src/launcher/history_permissions.ts";
import { denoPermissionFlags, formatPermissions } from "../../src/launcher/job_permissions.ts";
import type { PlanContext } from "../../src/launcher/plan_context.ts";
import { planRun as planRunInvocation } from "../../src/launcher/run_permissions.ts";
import { planValidate } from "../../src/launcher/validate_permissions.ts";
import { PROJECT_DIR, scratchDir } from "./_launcher_harness.ts";

const NOW = new Date("2026-03-04T05:06:07.089Z");

function contextIn(cwd: string, env: Record<string, string> = {}): PlanContext {
  return { cwd, projectDir: PROJECT_DIR, env: (name) => env[name], now: NOW };
}

async function graphFile(dir: string, name: string, venue: string): Promise<string> {
  const path = `${dir}/${name}.yaml`;
  await Deno.writeTextFile(
    path,
    `name: ${name}\nvenue:\n${venue}\nstrategies:\n  - { id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5, size: 1 } }\n`,
  );
  return path;
}

function runFlags(graph: string | undefined, raw: RawRunFlags = {}) {
  return parseRunFlags(graph, raw);
}

/** planRun with the invocation spelled out positionally, as the tests read best. */
function planRun(
  graph: string | undefined,
  flags: ReturnType<typeof parseRunFlags>,
  strategiesDir: string | undefined,
  context: PlanContext,
) {
  return planRunInvocation({
    ...(graph === undefined ? {} : { graph }),
    flags,
    ...(strategiesDir === undefined ? {} : { strategiesDir }),
  }, context);
}

Deno.test("a sim run gets no network, reads the graph and its CSV files, writes only its log", async () => {
  const dir = await scratchDir("plan_sim_");
  await Deno.mkdir(`${dir}/data`);
  const graph = await graphFile(
    dir,
    "csv_graph",
    "  type: sim\n  feed: csv\n  csv: { AAPL: data/AAPL.csv, MSFT: /elsewhere/MSFT.csv }",
  );
  const plan = await planRun(
    "csv_graph.yaml",
    runFlags("csv_graph.yaml"),
    undefined,
    contextIn(dir),
  );
  assertEquals(plan.permissions.net, []);
  assertEquals(plan.permissions.read, [
    `${PROJECT_DIR}/src`,
    `${PROJECT_DIR}/strategies`,
    graph,
    `${dir}/data/AAPL.csv`,
    "/elsewhere/MSFT.csv",
  ]);
  assertEquals(plan.permissions.write, [`${PROJECT_DIR}/logs/csv_graph-20260304T050607089Z.jsonl`]);
  assertEquals(plan.extraArgs, [
    "--log",
    `${PROJECT_DIR}/logs/csv_graph-20260304T050607089Z.jsonl`,
  ]);
  assertEquals(plan.permissions.env, [...RUN_ENV_VARIABLES]);
  assert(!denoPermissionFlags(plan.permissions).some((flag) => flag.startsWith("--allow-net")));
  assert(formatPermissions(plan).includes("none (no socket can be opened)"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--data csv:PATH anywhere is read, instead of the graph's own files", async () => {
  const dir = await scratchDir("plan_data_");
  await graphFile(dir, "g", "  type: sim\n  feed: csv\n  csv: { AAPL: data/AAPL.csv }");
  const plan = await planRun(
    "g.yaml",
    runFlags("g.yaml", { data: "csv:/data/daily", log: "out.jsonl" }),
    "../my_strategies",
    contextIn(dir),
  );
  assertEquals(plan.permissions.read.slice(1), [
    `${PROJECT_DIR}/strategies`,
    `${dir.replace(/\/[^/]+$/, "")}/my_strategies`,
    `${dir}/g.yaml`,
    "/data/daily",
  ]);
  assertEquals(plan.permissions.write, [`${dir}/out.jsonl`]);
  assertEquals(plan.extraArgs, []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an ibkr run may reach exactly the TWS host:port of the graph, or of --host/--port", async () => {
  const dir = await scratchDir("plan_ibkr_");
  await graphFile(dir, "remote", "  type: ibkr\n  host: tws.lan\n  port: 4002");
  const fromGraph = await planRun(
    "remote.yaml",
    runFlags("remote.yaml"),
    undefined,
    contextIn(dir),
  );
  assertEquals(fromGraph.permissions.net, ["tws.lan:4002"]);
  const overridden = await planRun(
    "remote.yaml",
    runFlags("remote.yaml", { host: "10.0.0.7", port: "7497" }),
    undefined,
    contextIn(dir),
  );
  assertEquals(overridden.permissions.net, ["10.0.0.7:7497"]);
  await graphFile(dir, "sim_graph", "  type: sim");
  const switched = await planRun(
    "sim_graph.yaml",
    runFlags("sim_graph.yaml", { venue: "ibkr" }),
    undefined,
    contextIn(dir),
  );
  assertEquals(switched.permissions.net, ["127.0.0.1:7497"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a live port needs --live and IBKR_LIVE_ACK before any job starts", async () => {
  const dir = await scratchDir("plan_live_");
  await graphFile(dir, "live", "  type: ibkr\n  port: 7496");
  await rejects(
    planRun("live.yaml", runFlags("live.yaml"), undefined, contextIn(dir)),
    (error: Error) => error instanceof UserError && /live-trading port.*--live/.test(error.message),
  );
  await rejects(
    planRun("live.yaml", runFlags("live.yaml", { live: true }), undefined, contextIn(dir)),
    (error: Error) => error instanceof UserError && /IBKR_LIVE_ACK/.test(error.message),
  );
  const allowed = await planRun(
    "live.yaml",
    runFlags("live.yaml", { live: true }),
    undefined,
    contextIn(dir, { IBKR_LIVE_ACK: "U1234567" }),
  );
  assertEquals(allowed.permissions.net, ["127.0.0.1:7496"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a log whose folder does not exist is refused before the job starts, naming the folder", async () => {
  const dir = await scratchDir("plan_log_");
  await rejects(
    planRun(
      undefined,
      runFlags(undefined, { symbol: "AAPL", fast: "2", slow: "5", log: "nope/x.jsonl" }),
      undefined,
      contextIn(dir),
    ),
    (error: Error) =>
      error instanceof UserError && error.message.includes(`the folder ${dir}/nope does not exist`),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a graph that cannot be parsed is refused by the planner, located as the job would", async () => {
  const dir = await scratchDir("plan_bad_");
  await Deno.writeTextFile(`${dir}/bad.yaml`, "venue: { type: ibkr, host: [\n");
  await rejects(
    planRun("bad.yaml", runFlags("bad.yaml"), undefined, contextIn(dir)),
    (error: Error) =>
      error instanceof GraphValidationError && /^bad\.yaml:2:1: /.test(error.message),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("validate reads the graphs named and the CSV files each names, writes nothing, no network", async () => {
  const dir = await scratchDir("plan_validate_");
  await Deno.mkdir(`${dir}/graphs`);
  await graphFile(
    `${dir}/graphs`,
    "one",
    "  type: sim\n  feed: csv\n  csv: { AAPL: ../data/AAPL.csv }",
  );
  await graphFile(`${dir}/graphs`, "two", "  type: ibkr\n  host: tws.lan");
  const plan = await planValidate({ paths: ["graphs"] }, contextIn(dir));
  assertEquals(plan.permissions.read.slice(2), [`${dir}/graphs`, `${dir}/data/AAPL.csv`]);
  assertEquals(plan.permissions.write, []);
  assertEquals(plan.permissions.net, []);
  assertEquals(plan.permissions.env, [...VALIDATE_ENV_VARIABLES]);
  const byDefault = await planValidate({ paths: [] }, contextIn(dir));
  assertEquals(byDefault.permissions.read[2], `${PROJECT_DIR}/graphs`);
  assertEquals(byDefault.extraArgs, [`${PROJECT_DIR}/graphs`]);
  const schema = await planValidate({ paths: [], schema: true }, contextIn(PROJECT_DIR));
  assertEquals(schema.permissions.write, [`${PROJECT_DIR}/graphs/graph.schema.json`]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("history reaches exactly its --host:--port and writes exactly its --out file", async () => {
  const dir = await scratchDir("plan_history_");
  const flags = { bar: "1d", duration: "2Y", host: "tws.lan", port: "4002", clientId: "9" };
  const plan = await planHistory(
    { symbol: "aapl", flags: { ...flags, out: "aapl.csv" } },
    contextIn(dir),
  );
  assertEquals(plan.permissions.net, ["tws.lan:4002"]);
  assertEquals(plan.permissions.write, [`${dir}/aapl.csv`]);
  const fresh = await planHistory(
    { symbol: "aapl", flags: { ...flags, out: "new/deeper/a.csv" } },
    contextIn(dir),
  );
  assertEquals(fresh.permissions.write, [`${dir}/new`]);
  assertEqual(fresh.permissions.env.length, 0);
  await Deno.remove(dir, { recursive: true });
});
