/**
 * What loading a graph says about its venue before any run: CSV keys that
 * name one symbol twice, a `~` path, a CSV file checked only in part (for
 * validate), and an IBKR venue on a live-trading port, each located in the
 * graph file.
 */
import { deepStrictEqual as assertEquals, equal, ok as assert } from "node:assert/strict";
import { join } from "node:path";
import { checkGraphFile, formatProblem } from "../../src/config/mod.ts";
import { withTempDir } from "../_support/mod.ts";

const NO_ENV = () => undefined;

function csvGraph(csv: string): string {
  return `name: g\nvenue:\n  type: sim\n  feed: csv\n  csv:\n${csv}strategies:\n` +
    "  - id: s\n    type: sma\n    symbols: [KO]\n    params: { fast: 5, slow: 20 }\n";
}

function dailyRows(count: number): string {
  const rows = ["Date,Open,High,Low,Close,Volume"];
  for (let i = 0, ts = Date.UTC(1962, 0, 2); rows.length <= count; ts += 86_400_000, i++) {
    const weekday = new Date(ts).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    rows.push(`${new Date(ts).toISOString().slice(0, 10)},10.25,11.5,9.75,10.5,${1000 + i}`);
  }
  return `${rows.join("\n")}\n`;
}

async function problems(file: string, partialCsvWarnings = false): Promise<string[]> {
  const check = await checkGraphFile(file, { env: NO_ENV, partialCsvWarnings });
  return check.problems.map(formatProblem);
}

Deno.test("venue.csv keys aapl and AAPL are a located duplicate error, and neither file is read", async () => {
  await withTempDir("csv_checks_", async (dir) => {
    const graph = join(dir, "g.yaml");
    await Deno.writeTextFile(graph, csvGraph("    ko: missing_a.csv\n    KO: missing_b.csv\n"));
    assertEquals(await problems(graph), [
      `${graph}:7:5: venue.csv.KO: "KO" and "ko" are both symbol KO (symbols are not ` +
      "case-sensitive); keep one of them",
    ]);
  });
});

Deno.test("a ~ path in venue.csv is not found with the hint that ~ is not expanded", async () => {
  await withTempDir("csv_checks_", async (dir) => {
    const graph = join(dir, "g.yaml");
    await Deno.writeTextFile(graph, csvGraph("    KO: ~/data/KO.csv\n"));
    const [problem, ...rest] = await problems(graph);
    equal(rest.length, 0);
    assert(
      problem?.endsWith(
        `venue.csv.KO: CSV file not found: ${join(dir, "~/data/KO.csv")} (paths are relative to ` +
          "the graph file); ~ is not expanded in a graph: write the absolute path " +
          "(/home/me/... for ~/...)",
      ),
      problem,
    );
  });
});

Deno.test("validate warns that it checked only the first MiB of a long CSV file; loading for a run does not", async () => {
  await withTempDir("csv_checks_", async (dir) => {
    const graph = join(dir, "g.yaml");
    await Deno.writeTextFile(join(dir, "KO.csv"), dailyRows(40_000));
    await Deno.writeTextFile(graph, csvGraph("    KO: KO.csv\n"));
    const size = (await Deno.stat(join(dir, "KO.csv"))).size;
    const [warning, ...rest] = await problems(graph, true);
    equal(rest.length, 0);
    const rows = /\(([\d,]+) rows\)/.exec(warning ?? "")?.[1]?.replaceAll(",", "");
    assert(Number(rows) > 20_000 && Number(rows) < 40_000, warning);
    equal(
      warning,
      `${graph}:6:9: warning: venue.csv.KO: checked the first 1 MiB (${
        Number(rows).toLocaleString("en-US")
      } rows) of ${join(dir, "KO.csv")} (${(size / (1 << 20)).toFixed(1)} MiB); run reads the rest`,
    );
    assertEquals(await problems(graph, false), []);
    // A file read whole gets no such warning.
    await Deno.writeTextFile(join(dir, "KO.csv"), dailyRows(100));
    assertEquals(await problems(graph, true), []);
  });
});

Deno.test("an ibkr graph on port 7496 validates with a located live-trading port warning", async () => {
  await withTempDir("csv_checks_", async (dir) => {
    const graph = join(dir, "live.yaml");
    await Deno.writeTextFile(
      graph,
      "name: live\nvenue:\n  type: ibkr\n  port: 7496\nstrategies:\n  - id: s\n    type: sma\n" +
        "    symbols: [AAPL]\n    params: { fast: 5, slow: 20 }\n",
    );
    const check = await checkGraphFile(graph, { env: NO_ENV });
    equal(check.loaded !== undefined, true);
    assertEquals(check.problems.map(formatProblem), [
      `${graph}:4:9: warning: venue.port: live-trading port 7496 (TWS 7496, IB Gateway 4001 ` +
      "trade real money): runs need --live and IBKR_LIVE_ACK; the paper ports are 7497 and 4002",
    ]);
  });
});
