import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { runCli } from "../../../src/cli/cli.ts";
import { createHistoryCommand } from "../../../src/cli/history.ts";
import { ManualClock } from "../../../src/model/mod.ts";
import { parseBarCsv } from "../../../src/model/mod.ts";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";

async function history(args: string[], now?: () => number) {
  let out = "";
  let err = "";
  const code = await runCli(["history", ...args], {
    commands: [
      createHistoryCommand({ client: { connectTimeoutMs: 1000 }, ...(now ? { now } : {}) }),
    ],
    io: { stdout: (text) => (out += text), stderr: (text) => (err += text) },
    env: () => undefined,
  });
  return { code, out, err };
}

async function tempDir(): Promise<string> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  return await Deno.makeTempDir({ dir: "tests/.tmp" });
}

sanitizedTest(
  "history downloads daily bars from TWS into a CSV the sim venue replays",
  async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 21, 0));
    await using tws = await FakeTws.start({ clock });
    const dir = await tempDir();
    try {
      const out = `${dir}/AAPL_1d.csv`;
      const run = await history([
        "aapl",
        "--bar",
        "1d",
        "--duration",
        "2Y",
        "--port",
        String(tws.port),
        "--out",
        out,
      ], () => clock.now());
      assertEquals([run.code, run.err], [0, ""]);
      assertEquals(run.out, `wrote 730 1 day bars of AAPL (2 Y) to ${out}\n`);
      const request = tws.requests("REQ_HISTORICAL_DATA")[0]!;
      assertEquals(
        [
          request.contract.symbol,
          request.contract.conId,
          request.barSize,
          request.duration,
          request.useRTH,
          request.whatToShow,
        ],
        ["AAPL", 265598, "1 day", "2 Y", true, "TRADES"],
      );
      assertEquals(tws.requests("START_API").map((r) => r.clientId), [99]);
      const text = await Deno.readTextFile(out);
      ok(text.startsWith("date,open,high,low,close,volume,wap,count\n"));
      const { bars } = parseBarCsv(text, { symbol: "AAPL", file: out });
      assertEquals(bars.length, 730);
      assertEquals(bars.at(-1)?.ts, Date.UTC(2025, 0, 1));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

sanitizedTest("history of an unknown symbol exits 1 with IB's error 200", async () => {
  await using tws = await FakeTws.start();
  const run = await history([
    "NOPE",
    "--bar",
    "1d",
    "--duration",
    "1Y",
    "--port",
    String(tws.port),
  ]);
  assertEquals(run.code, 1);
  assertEquals(run.err, "history of NOPE failed: no security definition for NOPE (IB error 200)\n");
});

sanitizedTest(
  "history exits 1 naming host:port when TWS does not accept the connection",
  async () => {
    await using tws = await FakeTws.start();
    tws.setAcceptConnections(false);
    const run = await history([
      "AAPL",
      "--bar",
      "1h",
      "--duration",
      "5 D",
      "--port",
      String(tws.port),
    ]);
    assertEquals(run.code, 1);
    ok(run.err.startsWith(`cannot connect to TWS / IB Gateway at 127.0.0.1:${tws.port}`), run.err);
  },
);
