import { equal as assertEqual, ok as assert } from "node:assert/strict";
import { denoTask, scratchDir, writeProbeStrategy, writeSimGraph } from "./_launcher_harness.ts";

async function logEvents(path: string): Promise<Array<Record<string, unknown>>> {
  return (await Deno.readTextFile(path)).trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("a sim run cannot open any socket: a strategy's connect is refused and nothing reaches the listener", async () => {
  const dir = await scratchDir("sandbox_net_");
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let accepted = 0;
  const accepting = (async () => {
    for await (const conn of listener) {
      accepted++;
      conn.close();
    }
  })();
  const port = (listener.addr as Deno.NetAddr).port;
  await writeProbeStrategy(
    dir,
    "net_probe",
    `Deno.connect({ hostname: "127.0.0.1", port: ${port} }).then(
          (conn) => { conn.close(); ctx.log("connected"); },
          (error) => ctx.log("connect refused", { error: error.name }),
        );
        Deno.listen({ hostname: "127.0.0.1", port: 0 });`,
  );
  await writeSimGraph(`${dir}/graph.yaml`, "net_probe", "venue: { type: sim, bars: 50 }\n");
  const logs = await scratchDir("sandbox_net_logs_");
  const log = `${logs}/run.jsonl`;
  const out = await denoTask("run", [`${dir}/graph.yaml`, "--strategies", dir, "--log", log]);
  listener.close();
  await accepting.catch(() => {});
  assertEqual(accepted, 0);
  assertEqual(out.code, 1, out.stderr);
  const halted = out.stderr.trim().split("\n").filter((line) => line.startsWith("run halted"));
  assertEqual(halted.length, 1, out.stderr);
  assert(
    halted[0]?.includes('permission denied: this job may not connect to "127.0.0.1:0"'),
    halted[0],
  );
  assert(!out.stderr.includes("    at "), `no stack trace expected:\n${out.stderr}`);
  const events = await logEvents(log);
  assert(events.some((e) => e.event === "strategy.log" && e.error === "NotCapable"));
  assert(!events.some((e) => e.event === "strategy.log" && e.message === "connected"));
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(logs, { recursive: true });
});

Deno.test("a strategy can neither forge another log nor read files or variables it was not given", async () => {
  const dir = await scratchDir("sandbox_fs_");
  const logs = await scratchDir("sandbox_fs_logs_");
  await Deno.writeTextFile(`${logs}/earlier_run.jsonl`, "{}\n");
  const forged = `${logs}/forged.jsonl`;
  await writeProbeStrategy(
    dir,
    "fs_probe",
    `for (const attempt of [
          () => Deno.writeTextFileSync(${JSON.stringify(forged)}, "{}"),
          () => Deno.readTextFileSync("/etc/hostname"),
          () => Deno.env.get("HOME"),
          () => Deno.readTextFileSync(${JSON.stringify(`${logs}/earlier_run.jsonl`)}),
          () => Deno.writeTextFileSync(${JSON.stringify(`${logs}/earlier_run.jsonl`)}, ""),
        ]) {
          try {
            attempt();
            ctx.log("allowed");
          } catch (error) {
            ctx.log("refused", { error: error.name });
          }
        }`,
  );
  await writeSimGraph(`${dir}/graph.yaml`, "fs_probe", "venue: { type: sim, bars: 3 }\n");
  const log = `${logs}/run.jsonl`;
  const out = await denoTask("run", [`${dir}/graph.yaml`, "--strategies", dir, "--log", log]);
  assertEqual(out.code, 0, out.stderr);
  const verdicts = (await logEvents(log)).filter((e) => e.event === "strategy.log");
  assertEqual(verdicts.length, 15);
  assert(verdicts.every((e) => e.message === "refused" && e.error === "NotCapable"));
  await Deno.stat(forged).then(
    () => assert(false, "the forged log must not exist"),
    (error) => assert(error instanceof Deno.errors.NotFound),
  );
  assertEqual(await Deno.readTextFile(`${logs}/earlier_run.jsonl`), "{}\n");
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(logs, { recursive: true });
});
