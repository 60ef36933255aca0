/**
 * A CSV replay aggregated into a longer bar size: bars follow the US
 * sessions (a day's bar is its session, delivered with its last bar, the
 * last day's too), and the header counts the bars the strategies got and the
 * CSV bars they were made of.
 */
import { deepStrictEqual as assertEquals, equal } from "node:assert/strict";
import { join } from "node:path";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import { runCommand, tradingDates, withTempDir } from "../_support/mod.ts";

const TEST_STRATEGIES = new URL("../strategies/", import.meta.url).pathname;

/** CSV rows of bars `stepMs` apart over each session of `dates`, volume 1 each. */
function sessionCsv(dates: readonly string[], stepMs: number): string {
  const rows = ["date,open,high,low,close,volume"];
  for (const date of dates) {
    const session = US_EQUITIES_CALENDAR.sessionOn(date)!;
    for (let ts = session.open; ts < session.close; ts += stepMs) {
      rows.push(`${new Date(ts).toISOString()},10,11,9,10.5,1`);
    }
  }
  return `${rows.join("\n")}\n`;
}

/** The run over SPY.csv with `barSize`: its header and the bars the strategy logged. */
async function replay(
  csv: string,
  barSize: string,
): Promise<{ header: string[]; bars: Record<string, unknown>[] }> {
  let header: string[] = [];
  let bars: Record<string, unknown>[] = [];
  await withTempDir("run_aggregated_", async (dir) => {
    await Deno.writeTextFile(join(dir, "SPY.csv"), csv);
    const graph = join(dir, "graph.yaml");
    await Deno.writeTextFile(
      graph,
      "name: agg\nvenue:\n  type: sim\n  feed: csv\n  csv:\n    SPY: SPY.csv\nstrategies:\n" +
        `  - { id: s, type: scripted, symbols: [SPY], params: { log_bars: true } }\n` +
        `settings: { bar_size: ${barSize} }\n`,
    );
    const log = join(dir, "run.jsonl");
    const out = await runCommand([graph, "--log", log], TEST_STRATEGIES);
    equal(out.code, 0, out.stderr);
    const events = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l));
    bars = events.filter((e) => e.event === "strategy.log" && e.message === "bar");
    header = out.stdout.split("\n\n")[0]!.split("\n");
  });
  return { header, bars };
}

Deno.test("1d over three days of hourly bars gives three daily bars, each at its session's last hour", async () => {
  const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
  const { header, bars } = await replay(sessionCsv(dates, 3_600_000), "1d");
  // The strategy saw each day at its 15:30 New York bar (20:30 UTC), the last day too.
  assertEquals(
    bars.map((b) => [b.bar_ts, b.volume, b.ts]),
    dates.map((date) => [
      Date.parse(date),
      7,
      new Date(`${date}T20:30:00.000Z`).toISOString(),
    ]),
  );
  assertEquals(
    header[1],
    "  data:       3 bars per symbol (SPY), aggregated from 21 1h bars, 2024-01-02 to 2024-01-04",
  );
});

Deno.test("the header of a 5m run over 1m bars counts the 390 bars strategies got, aggregated from 1,950", async () => {
  const dates = tradingDates("2024-01-02", "2024-01-08");
  const { header, bars } = await replay(sessionCsv(dates, 60_000), "5m");
  equal(bars.length, 390);
  assertEquals(header.slice(1, 3), [
    "  data:       390 bars per symbol (SPY), aggregated from 1,950 1m bars, " +
    "2024-01-02 14:30 to 2024-01-08 20:55 UTC",
    "  bar size:   5m (set in the graph)",
  ]);
});

Deno.test("a period the data ends in is delivered when the data ends", async () => {
  const hours = sessionCsv(["2024-01-02", "2024-01-03"], 3_600_000).trimEnd().split("\n");
  // The second day ends at 11:30 New York: its bar is what the data has of it.
  const { header, bars } = await replay(`${hours.slice(0, 11).join("\n")}\n`, "1d");
  assertEquals(bars.map((b) => [b.bar_ts, b.volume]), [
    [Date.UTC(2024, 0, 2), 7],
    [Date.UTC(2024, 0, 3), 3],
  ]);
  assertEquals(
    header[1],
    "  data:       2 bars per symbol (SPY), aggregated from 10 1h bars, 2024-01-02 to 2024-01-03",
  );
});
