import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import { FakeTws, sanitizedTest } from "../fake_tws/mod.ts";
import { denoTask, scratchDir } from "./_launcher_harness.ts";

sanitizedTest(
  "deno task run --venue ibkr reaches the TWS of --host/--port with exactly that net permission",
  async () => {
    await using tws = await FakeTws.start();
    const dir = await scratchDir("launch_ibkr_");
    const log = `${dir}/ibkr.jsonl`;
    const out = await denoTask("run", [
      "graphs/sma_pair.yaml",
      "--venue",
      "ibkr",
      "--host",
      tws.host,
      "--port",
      String(tws.port),
      "--client-id",
      "12",
      "--duration",
      "1",
      "--log",
      log,
    ]);
    assertEqual(out.code, 0, out.stderr);
    assert(out.stdout.startsWith(`sma_pair on ibkr ${tws.host}:${tws.port}`), out.stdout);
    assertEquals(tws.requests("REQ_MKT_DATA").map((r) => r.contract.symbol).sort(), [
      "AAPL",
      "MSFT",
    ]);
    const phases = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l))
      .filter((e) => e.event === "coordinator.lifecycle").map((e) => e.phase);
    assertEquals(phases, ["starting", "started", "stopping", "stopped"]);
    await Deno.remove(dir, { recursive: true });
  },
);

sanitizedTest(
  "deno task history writes exactly its --out file from the TWS of --host/--port",
  async () => {
    await using tws = await FakeTws.start();
    const dir = await scratchDir("launch_history_");
    const csv = `${dir}/fresh/AAPL_1d.csv`;
    const out = await denoTask("history", [
      "AAPL",
      "--bar",
      "1d",
      "--duration",
      "1 M",
      "--host",
      tws.host,
      "--port",
      String(tws.port),
      "--out",
      csv,
    ]);
    assertEqual(out.code, 0, out.stderr);
    const lines = (await Deno.readTextFile(csv)).trim().split("\n");
    assertEqual(lines[0], "date,open,high,low,close,volume,wap,count");
    assert(lines.length > 1);
    await Deno.remove(dir, { recursive: true });
  },
);

sanitizedTest(
  "run --venue ibkr on a graph that replays CSV files reaches TWS without reading them",
  async () => {
    await using tws = await FakeTws.start();
    const dir = await scratchDir("launch_ibkr_csv_");
    await Deno.writeTextFile(
      `${dir}/csv_graph.yaml`,
      "name: csv_graph\nvenue: { type: sim, feed: csv, csv: { AAPL: nowhere/AAPL.csv } }\n" +
        "settings: { bar_size: 1m }\n" +
        "strategies:\n  - { id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5 } }\n",
    );
    const out = await denoTask("run", [
      `${dir}/csv_graph.yaml`,
      "--venue",
      "ibkr",
      "--port",
      String(tws.port),
      "--duration",
      "1",
      "--log",
      `${dir}/x.jsonl`,
    ]);
    assertEqual(out.code, 0, out.stderr);
    assert(out.stdout.startsWith(`csv_graph on ibkr 127.0.0.1:${tws.port}`), out.stdout);
    await Deno.remove(dir, { recursive: true });
  },
);
