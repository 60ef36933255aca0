import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { parseBarCsv } from "../model/mod.ts";
import { runCli } from "./cli.ts";
import { createHistoryCommand, formatCsvDate, historyCsv } from "./history.ts";

async function history(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(["history", ...args], {
    commands: [createHistoryCommand({ client: { connectTimeoutMs: 500 } })],
    io: { stdout: (text) => (out += text), stderr: (text) => (err += text) },
    env: () => undefined,
  });
  return { code, out, err };
}

Deno.test("history rejects a bar size IB does not offer with exit 2 and the valid sizes", async () => {
  const run = await history(["AAPL", "--bar", "7m", "--duration", "2Y"]);
  assertEquals(run.code, 2);
  assertEquals(
    run.err,
    '--bar "7m" is not an IB bar size; use one of 1s, 5s, 10s, 15s, 30s, 1m, 2m, 3m, 5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 8h, 1d, 1w\n',
  );
});

Deno.test("history rejects a duration that is not IB syntax with exit 2", async () => {
  const run = await history(["AAPL", "--bar", "1d", "--duration", "2 years"]);
  assertEquals(run.code, 2);
  ok(run.err.startsWith('--duration "2 years" is not an IB duration'), run.err);
});

Deno.test("history rejects a bad port, client id or symbol with exit 2", async () => {
  const port = await history(["AAPL", "--bar", "1d", "--duration", "1Y", "--port", "70000"]);
  assertEquals([port.code, port.err], [2, '--port must be an integer in 1..65535, got "70000"\n']);
  const id = await history(["AAPL", "--bar", "1d", "--duration", "1Y", "--client-id", "-1"]);
  assertEquals(id.code, 2);
  const symbol = await history(["AA PL", "--bar", "1d", "--duration", "1Y"]);
  assertEquals(symbol.code, 2);
});

Deno.test("history without --bar is a usage error", async () => {
  const run = await history(["AAPL", "--duration", "1Y"]);
  assertEquals(run.code, 2);
  ok(run.err.includes("--bar"), run.err);
});

Deno.test("historyCsv writes IB's layout that the sim venue's CSV parser replays", () => {
  const text = historyCsv([
    {
      ts: Date.UTC(2024, 0, 2),
      date: "20240102",
      open: 10,
      high: 11,
      low: 9,
      close: 10.5,
      volume: 1000,
      wap: 10.2,
      count: 42,
    },
    {
      ts: Date.UTC(2024, 0, 3),
      date: "20240103",
      open: 10.5,
      high: 12,
      low: 10,
      close: 11,
      volume: 900,
      wap: 11.1,
      count: 40,
    },
  ], 86_400_000);
  assertEquals(
    text,
    "date,open,high,low,close,volume,wap,count\n20240102,10,11,9,10.5,1000,10.2,42\n20240103,10.5,12,10,11,900,11.1,40\n",
  );
  const { bars } = parseBarCsv(text, { symbol: "AAPL", file: "AAPL.csv" });
  assertEquals(bars.map((b) => [b.ts, b.close]), [[Date.UTC(2024, 0, 2), 10.5], [
    Date.UTC(2024, 0, 3),
    11,
  ]]);
});

Deno.test("formatCsvDate writes intraday bars as yyyyMMdd-HH:mm:ss UTC", () => {
  assertEquals(formatCsvDate(Date.UTC(2024, 0, 2, 14, 30, 5), 60_000), "20240102-14:30:05");
  assertEquals(formatCsvDate(Date.UTC(2024, 0, 2, 14, 30, 5), 86_400_000), "20240102");
});
