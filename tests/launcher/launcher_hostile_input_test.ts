import { equal as assertEqual, ok as assert, throws } from "node:assert/strict";
import { UserError } from "../../src/errors.ts";
import { denoPermissionFlags } from "../../src/launcher/job_permissions.ts";
import {
  denoTask,
  PROJECT_DIR,
  scratchDir,
  writeProbeStrategy,
  writeSimGraph,
} from "./_launcher_harness.ts";
import { readGraphFacts } from "../../src/launcher/graph_facts.ts";

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  assertEqual(lines.length, 1, stderr);
  assert(!stderr.includes("    at "), stderr);
  return lines[0] as string;
}

Deno.test("a path or host with a comma is refused: Deno's lists would split it into two grants", async () => {
  throws(
    () => denoPermissionFlags({ read: ["/data/x,/etc"], write: [], net: [], env: [] }),
    (error: Error) => error instanceof UserError && error.message.includes('"/data/x,/etc"'),
  );
  const dir = await scratchDir("comma_");
  await Deno.writeTextFile(
    `${dir}/g.yaml`,
    `name: g\nvenue: { type: sim, feed: csv, csv: { AAPL: "/nothing,${dir}" } }\nstrategies:\n  - { id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5 } }\n`,
  );
  const out = await denoTask("run", [`${dir}/g.yaml`, "--log", `${dir}/x.jsonl`]);
  assertEqual(out.code, 1);
  assert(oneLine(out.stderr).includes("cannot hold a comma"), out.stderr);
  const host = await denoTask("run", [
    "graphs/ibkr_paper.yaml",
    "--host",
    "127.0.0.1,evil.example",
  ]);
  assertEqual(host.code, 2);
  assert(oneLine(host.stderr).startsWith("--host must be a host name"), host.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a job can neither download code nor change deno.lock: imports load from the cache only", async () => {
  const dir = await scratchDir("imports_");
  const logs = await scratchDir("imports_logs_");
  try {
    const lockBefore = await Deno.readTextFile(`${PROJECT_DIR}/deno.lock`);
    // A specifier built at run time, so Deno meets it while the job runs, whatever is cached.
    await writeProbeStrategy(
      dir,
      "import_probe",
      `if (bar.ts % 60_000 === 0 && !globalThis.probed) {
          globalThis.probed = true;
          const name = ["npm:left-pad", "1.3.0"].join("@");
          import(name).then(
            () => ctx.log("imported"),
            (error) => ctx.log("import refused", { error: String(error).slice(0, 120) }),
          );
        }`,
    );
    await writeSimGraph(
      `${dir}/g.yaml`,
      "import_probe",
      "venue: { type: sim, bars: 60, speed: 3600 }\n",
    );
    const out = await denoTask("run", [
      `${dir}/g.yaml`,
      "--strategies",
      dir,
      "--log",
      `${logs}/x.jsonl`,
    ]);
    assertEqual(out.code, 0, out.stderr);
    const log = await Deno.readTextFile(`${logs}/x.jsonl`);
    assert(log.includes('"import refused"'), log);
    assert(!log.includes('"imported"'), log);
    assertEqual(await Deno.readTextFile(`${PROJECT_DIR}/deno.lock`), lockBefore);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(logs, { recursive: true });
  }
});

Deno.test("the launcher reads a graph with many YAML aliases as the job does, and refuses a device", async () => {
  const dir = await scratchDir("aliases_");
  const nodes = Array.from(
    { length: 60 },
    (_, i) => `  - { id: s${i}, type: sma, symbols: [AAPL], params: *p }\n`,
  ).join("");
  await Deno.writeTextFile(
    `${dir}/many.yaml`,
    `name: many\nshared: &p { fast: 2, slow: 5 }\nvenue: { type: ibkr, host: tws.lan }\nstrategies:\n${nodes}`,
  );
  const facts = await readGraphFacts("many.yaml", { cwd: dir, maxBytes: 1 << 20 });
  assertEqual(facts.venue?.type, "ibkr");
  const device = await denoTask("validate", ["/dev/zero"]);
  assertEqual(device.code, 1);
  assert(oneLine(device.stderr).includes("/dev/zero is not a regular file"), device.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("IPv6 and bad hosts: [::1] is granted in brackets, a host with a port is a usage error", async () => {
  const ipv6 = await denoTask("run", [
    "graphs/ibkr_paper.yaml",
    "--host",
    "::1",
    "--print-permissions",
  ]);
  assertEqual(ipv6.code, 0, ipv6.stderr);
  assert(ipv6.stdout.includes("--allow-net=[::1]:7497"), ipv6.stdout);
  const withPort = await denoTask("run", ["graphs/ibkr_paper.yaml", "--host", "localhost:4002"]);
  assertEqual(withPort.code, 2);
  assert(oneLine(withPort.stderr).includes("without a port"), withPort.stderr);
});

Deno.test("a refusal escaping from a strategy's timer stops the run cleanly: whole log, exit 1, one line", async () => {
  const dir = await scratchDir("escaped_");
  await writeProbeStrategy(
    dir,
    "timer_probe",
    `if (bar.ts > 0) setTimeout(() => Deno.readTextFileSync("/etc/hostname"), 0);`,
  );
  await writeSimGraph(
    `${dir}/g.yaml`,
    "timer_probe",
    "venue: { type: sim, bars: 200, speed: 2000 }\n",
  );
  const logs = await scratchDir("escaped_logs_");
  const log = `${logs}/x.jsonl`;
  const out = await denoTask("run", [`${dir}/g.yaml`, "--strategies", dir, "--log", log]);
  assertEqual(out.code, 1, out.stderr);
  const halted = out.stderr.trim().split("\n").filter((line) => line.startsWith("run halted"));
  assertEqual(halted.length, 1, out.stderr);
  assert(halted[0]?.includes('may not read "/etc/hostname"'), out.stderr);
  assert(!out.stderr.includes("    at "), out.stderr);
  const last = JSON.parse((await Deno.readTextFile(log)).trim().split("\n").at(-1) as string);
  assertEqual(last.phase, "stopped");
  assertEqual(last.reason, "permission_denied");
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(logs, { recursive: true });
});

Deno.test("a run may not write into its inputs: the graph, a data file or project code", async () => {
  const dir = await scratchDir("inputs_");
  await writeSimGraph(`${dir}/g.yaml`, "sma", "");
  const before = await Deno.readTextFile(`${dir}/g.yaml`);
  const graph = await denoTask("run", [`${dir}/g.yaml`, "--log", `${dir}/g.yaml`]);
  assertEqual(graph.code, 1);
  assert(oneLine(graph.stderr).includes("it is an input of this job"), graph.stderr);
  const code = await denoTask("run", ["graphs/sma_pair.yaml", "--log", "src/mod.ts"]);
  assertEqual(code.code, 1);
  assert(oneLine(code.stderr).includes(`inside ${PROJECT_DIR}/src, an input`), code.stderr);
  assertEqual(await Deno.readTextFile(`${dir}/g.yaml`), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("odd paths are one-line errors before any job (through a file, a folder as --out); `--` keeps working", async () => {
  const dir = await scratchDir("odd_paths_");
  await Deno.writeTextFile(`${dir}/file`, "");
  const through = await denoTask("run", ["graphs/sma_pair.yaml", "--log", `${dir}/file/x.jsonl`]);
  assertEqual(through.code, 1);
  oneLine(through.stderr);
  const out = await denoTask("history", ["AAPL", "--bar", "1d", "--duration", "1 M", "--out", dir]);
  assertEqual(out.code, 1);
  assert(oneLine(out.stderr).includes("it is a folder"), out.stderr);
  const dashes = await denoTask("validate", ["--"]);
  assertEqual(dashes.code, 0, dashes.stderr);
  assert(dashes.stdout.includes("ok "), dashes.stdout);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a ~ the shell did not expand is refused in one line with the spelling that works", async () => {
  const out = await denoTask("run", ["graphs/sma_pair.yaml", "--log=~/runs/x.jsonl"]);
  assertEqual(out.code, 1);
  assert(
    oneLine(out.stderr).includes("--log ~/runs/x.jsonl: the shell did not expand ~ here"),
    out.stderr,
  );
  assert(out.stderr.includes("write $HOME/runs/x.jsonl instead"), out.stderr);
  const data = await denoTask("run", ["graphs/sma_pair.yaml", "--data", "csv:~/data"]);
  assertEqual(data.code, 1);
  assert(oneLine(data.stderr).includes("write $HOME/data instead"), data.stderr);
});
