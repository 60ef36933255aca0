/**
 * What `run` prints and logs is what happened: bars per symbol (not summed),
 * the strategies that started and those left out, the data's date range, and
 * for a run that did not start, a log whose last line says why.
 */
import { deepStrictEqual as assertEquals, equal, ok as assert } from "node:assert/strict";
import { join } from "node:path";
import { runCommand as run, type RunOutcome as Outcome, withTempDir } from "../_support/mod.ts";

const TEST_STRATEGIES = new URL("../strategies/", import.meta.url).pathname;

function header(out: Outcome): string[] {
  return out.stdout.split("\n\n")[0]!.split("\n");
}

async function logLines(path: string): Promise<Record<string, unknown>[]> {
  return (await Deno.readTextFile(path)).trim().split("\n").map((line) => JSON.parse(line));
}

const THREE_STRATEGIES = `name: partial
venue: { type: sim, feed: synthetic, bars: 50 }
settings: { allow_partial_start: true }
strategies:
  - { id: a, type: flip, symbols: [AAPL] }
  - { id: b, type: flip, symbols: [MSFT] }
  - { id: c, type: broken_create, symbols: [AAPL] }
`;

Deno.test("a graph of bars: 2000 on two symbols reports 2,000 bars per symbol, not 4,000", async () => {
  await withTempDir("run_console_", async (dir) => {
    const out = await run(["graphs/sma_pair.yaml", "--log", join(dir, "pair.jsonl")]);
    equal(out.code, 0, out.stderr);
    assertEquals(header(out), [
      "sma_pair on sim (synthetic, seed 42): end_of_data",
      "  data:       2,000 bars per symbol (AAPL, MSFT), 2024-01-02 14:30 to 2024-01-03 23:49 UTC",
      "  bar size:   1m (set in the graph)",
      "  strategies: 2 started (aapl_fast, msft_slow)",
      "  orders:     123 filled",
    ]);
    assert(!out.stdout.includes("4,000"), out.stdout);
  });
});

Deno.test("with allow_partial_start the header names the strategies that started and the one left out", async () => {
  await withTempDir("run_console_", async (dir) => {
    const graph = join(dir, "partial.yaml");
    await Deno.writeTextFile(graph, THREE_STRATEGIES);
    const out = await run([graph, "--log", join(dir, "partial.jsonl")], TEST_STRATEGIES);
    equal(out.code, 0, out.stderr);
    equal(
      header(out)[3],
      "  strategies: 2 of 3 started (a, b); left out: c (failed to create: cannot build this strategy)",
    );
    assert(!out.stdout.includes("3 strategies"), out.stdout);
  });
});

Deno.test("daily CSV bars show the dates they cover and that their bar size came from the data", async () => {
  await withTempDir("run_console_", async (dir) => {
    const rows = ["Date,Open,High,Low,Close,Volume"];
    for (const day of ["2024-03-01", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"]) {
      rows.push(`${day},10,11,9,10.5,1000`);
    }
    await Deno.writeTextFile(join(dir, "AAPL.csv"), rows.join("\n") + "\n");
    const graph = join(dir, "daily.yaml");
    await Deno.writeTextFile(
      graph,
      "name: daily\nvenue: { type: sim, feed: csv, csv: { AAPL: AAPL.csv } }\n" +
        "strategies:\n  - { id: a, type: flip, symbols: [AAPL] }\n",
    );
    const out = await run([graph, "--log", join(dir, "daily.jsonl")], TEST_STRATEGIES);
    equal(out.code, 0, out.stderr);
    equal(
      header(out)[1],
      "  data:       5 bars per symbol (AAPL), 2024-03-01 to 2024-03-07",
    );
    equal(header(out)[2], "  bar size:   1d (from the data)");
    const starting = (await Deno.readTextFile(join(dir, "daily.jsonl"))).split("\n")
      .filter((line) => line !== "").map((line) => JSON.parse(line))
      .find((event) => event.phase === "starting");
    assertEquals([starting.bar_size, starting.bar_size_source], ["1d", "data"]);
  });
});

Deno.test("a run whose strategy cannot be created leaves a log whose last line is start_failed with the reason", async () => {
  await withTempDir("run_console_", async (dir) => {
    const graph = join(dir, "broken.yaml");
    await Deno.writeTextFile(
      graph,
      THREE_STRATEGIES.replace("settings: { allow_partial_start: true }\n", ""),
    );
    const log = join(dir, "broken.jsonl");
    const out = await run([graph, "--log", log], TEST_STRATEGIES);
    equal(out.code, 1);
    assert(out.stderr.includes("partial did not start"), out.stderr);
    const lines = await logLines(log);
    assertEquals(
      [lines.at(-1)?.event, lines.at(-1)?.phase, lines.at(-1)?.error],
      [
        "coordinator.lifecycle",
        "start_failed",
        'strategy "c" failed to create: cannot build this strategy',
      ],
    );
    assertEquals(lines.filter((line) => JSON.stringify(line).includes("end_of_data")), []);
  });
});

Deno.test("targets cut by the capital envelope are named under the summary, with the limit and the size asked", async () => {
  await withTempDir("run_console_", async (dir) => {
    const graph = join(dir, "clip.yaml");
    await Deno.writeTextFile(
      graph,
      "name: clip\nvenue: { type: sim, bars: 300 }\nstrategies:\n" +
        "  - { id: a, type: sma, symbols: [AAPL], params: { fast: 5, slow: 20, size: 100 } }\n" +
        "  - { id: b, type: sma, symbols: [MSFT], params: { fast: 5, slow: 20, size: 100 } }\n",
    );
    const out = await run([graph, "--log", join(dir, "clip.jsonl")]);
    equal(out.code, 0, out.stderr);
    const notes = out.stdout.split("\n").filter((line) => line.startsWith("clipped: "));
    assertEquals(notes.map((line) => line.replace(/\d+ targets/, "N targets")), [
      "clipped: a: N targets cut to max_size 50 (asked up to 100)",
      "clipped: b: N targets cut to max_size 50 (asked up to 100)",
    ]);
  });
});
