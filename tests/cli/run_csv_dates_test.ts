/**
 * The run command over CSV data users download: Yahoo's full history from
 * 1962 trades and is logged in 1962, epoch numbers past the range are a
 * located error before anything starts, and one stock's file given for
 * another symbol is said so.
 */
import { equal, ok as assert } from "node:assert/strict";
import { join } from "node:path";
import { type CliIo, runCli } from "../../src/cli/cli.ts";
import { createRunCommand } from "../../src/cli/run.ts";
import { pathExists, withTempDir } from "../_support/mod.ts";

const TEST_STRATEGIES = new URL("../strategies/", import.meta.url).pathname;
const DAY = 86_400_000;

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await runCli(["run", ...args], {
    commands: [createRunCommand({ strategiesDir: TEST_STRATEGIES })],
    io,
    env: () => undefined,
  });
  return { code, stdout, stderr };
}

/** Yahoo rows of `days` weekdays from `first` (a date). */
function yahooRows(first: string, days: number): string {
  const rows = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  for (let ts = Date.parse(first), i = 0; rows.length <= days; ts += DAY) {
    const weekday = new Date(ts).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const price = 10 + (i++ % 7) / 4;
    rows.push(
      `${new Date(ts).toISOString().slice(0, 10)},${price},${price + 1},${price - 1},` +
        `${price},${price},100000`,
    );
  }
  return `${rows.join("\n")}\n`;
}

function graphOf(symbol: string, csv: string | undefined): string {
  const venue = csv === undefined
    ? ""
    : `venue:\n  type: sim\n  feed: csv\n  csv:\n    ${symbol}: ${csv}\n`;
  return `name: dates\n${venue}strategies:\n  - id: s\n    type: scripted\n    symbols: [${symbol}]\n` +
    `    params:\n      script:\n        - { bar: 3, symbol: ${symbol}, target: 10 }\n` +
    `        - { bar: 8, symbol: ${symbol}, target: 0 }\n`;
}

Deno.test("a backtest of Yahoo data from 1962 fills its orders and logs 1962 times", async () => {
  // Issue 8 follow-up: before 1970 no order filled and every event carried wall time.
  await withTempDir("run_dates_", async (dir) => {
    const log = join(dir, "run.jsonl");
    await Deno.writeTextFile(join(dir, "KO.csv"), yahooRows("1962-01-02", 40));
    await Deno.writeTextFile(join(dir, "g.yaml"), graphOf("KO", "KO.csv"));
    const out = await run([join(dir, "g.yaml"), "--log", log]);
    equal(out.code, 0, out.stderr);
    assert(out.stdout.includes("1962-01-02 to 1962-02-26"), out.stdout);
    assert(out.stdout.includes("orders:     2 filled"), out.stdout);
    const events = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l));
    const years = new Set(events.map((event) => String(event.ts).slice(0, 4)));
    equal([...years].join(), "1962");
    equal(events.filter((e) => e.event === "order.status" && e.status === "filled").length, 2);
  });
});

Deno.test("an epoch number past the range of dates is a file:line error at run, and no log is written", async () => {
  await withTempDir("run_dates_", async (dir) => {
    const log = join(dir, "run.jsonl");
    const rows = ["date,open,high,low,close,volume"];
    for (let i = 0; i < 30; i++) rows.push(`${1704205800000 + i * 60_000},10,11,9,10.5,100`);
    rows.push("99999999999999999,10,11,9,10.5,100");
    await Deno.writeTextFile(join(dir, "KO.csv"), `${rows.join("\n")}\n`);
    await Deno.writeTextFile(join(dir, "g.yaml"), graphOf("KO", "KO.csv"));
    const out = await run([join(dir, "g.yaml"), "--log", log]);
    equal(out.code, 1);
    assert(
      out.stderr.includes(
        `${join(dir, "KO.csv")}:32: date "99999999999999999" read as epoch milliseconds is year`,
      ),
      out.stderr,
    );
    assert(!out.stderr.includes("Invalid time value"), out.stderr);
    equal(await pathExists(log), false);
  });
});

Deno.test("--data csv:AAPL.csv on a graph trading MSFT warns that AAPL's bars are replayed as MSFT's", async () => {
  await withTempDir("run_dates_", async (dir) => {
    const log = join(dir, "run.jsonl");
    await Deno.writeTextFile(join(dir, "AAPL.csv"), yahooRows("2024-01-02", 20));
    await Deno.writeTextFile(join(dir, "MSFT_1d.csv"), yahooRows("2024-01-02", 20));
    await Deno.writeTextFile(join(dir, "g.yaml"), graphOf("MSFT", undefined));
    const withData = (file: string) =>
      run([join(dir, "g.yaml"), "--data", `csv:${join(dir, file)}`, "--log", log]);
    const other = await withData("AAPL.csv");
    equal(other.code, 0, other.stderr);
    assert(
      other.stderr.includes(
        `--data csv:${join(dir, "AAPL.csv")}: the file name says AAPL, but the graph trades ` +
          "MSFT; its bars are replayed as MSFT's",
      ),
      other.stderr,
    );
    const own = await withData("MSFT_1d.csv");
    equal(own.code, 0, own.stderr);
    assert(!own.stderr.includes("file name says"), own.stderr);
  });
});
