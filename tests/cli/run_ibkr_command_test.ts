import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import { type CliIo, runCli } from "../../src/cli/cli.ts";
import { createRunCommand } from "../../src/cli/run.ts";
import { FakeTws, sanitizedTest } from "../fake_tws/mod.ts";

sanitizedTest(
  "run --venue ibkr connects to TWS, subscribes each symbol once, and stops after --duration",
  async () => {
    await using tws = await FakeTws.start();
    await Deno.mkdir("tests/.tmp", { recursive: true });
    const dir = await Deno.makeTempDir({ dir: "tests/.tmp", prefix: "run_ibkr_" });
    const log = `${dir}/ibkr.jsonl`;
    let stdout = "";
    let stderr = "";
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
    const code = await runCli([
      "run",
      "graphs/sma_pair.yaml",
      "--venue",
      "ibkr",
      "--host",
      tws.host,
      "--port",
      String(tws.port),
      "--client-id",
      "11",
      "--duration",
      "1",
      "--log",
      log,
    ], { commands: [createRunCommand()], io, env: () => undefined });
    assertEqual(code, 0, stderr);
    assert(stdout.startsWith(`sma_pair on ibkr ${tws.host}:${tws.port}: duration\n`), stdout);
    assertEquals(tws.requests("REQ_MKT_DATA").map((r) => r.contract.symbol).sort(), [
      "AAPL",
      "MSFT",
    ]);
    assertEquals(tws.count("PLACE_ORDER"), 0);
    const phases = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l))
      .filter((e) => e.event === "coordinator.lifecycle").map((e) => e.phase);
    assertEquals(phases, ["starting", "started", "stopping", "stopped"]);
    await Deno.remove(dir, { recursive: true });
  },
);
