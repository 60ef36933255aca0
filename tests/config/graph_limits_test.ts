import { deepStrictEqual as assertEquals, equal as assertEqual, ok } from "node:assert/strict";
import {
  checkGraphFile,
  checkGraphText,
  formatProblem,
  type GraphCheck,
} from "../../src/config/mod.ts";
import {
  MAX_GRAPH_FILE_BYTES,
  MAX_GRAPH_STRATEGIES,
  MAX_GRAPH_SYMBOLS,
} from "../../src/config/value_ranges.ts";
import { withTempDir } from "../_support/mod.ts";
import { largeGraphYaml, poolSymbol } from "./_large_graphs.ts";

const NO_ENV = () => undefined;

/** The problem lines of `check`, which must finish in under a second. */
async function refusedFast(check: () => Promise<GraphCheck>): Promise<string[]> {
  const started = performance.now();
  const result = await check();
  const ms = performance.now() - started;
  ok(ms < 1000, `took ${ms} ms`);
  return result.problems.map(formatProblem);
}

function refusedTextFast(text: string): Promise<string[]> {
  return refusedFast(() => checkGraphText(text, "g.yaml", { env: NO_ENV }));
}

Deno.test("a graph file over the size limit is refused by its size, before it is read, in under a second", async () => {
  await withTempDir("limits_", async (dir) => {
    const file = `${dir}/huge.yaml`;
    // 2.6 MB and 200,000 symbols: the graph that used to overflow the stack.
    await Deno.writeTextFile(file, largeGraphYaml({ strategies: 1, symbols: 200_000 }));
    const size = (await Deno.stat(file)).size;
    assertEquals(await refusedFast(() => checkGraphFile(file, { env: NO_ENV })), [
      `${file}: the graph is ${size.toLocaleString("en-US")} bytes; ` +
      "a graph file may be at most 262,144 bytes (256 KiB)",
    ]);
  });
});

Deno.test("YAML text over the size limit is refused without parsing it", async () => {
  const text = largeGraphYaml({ strategies: 1, symbols: 1, bytes: MAX_GRAPH_FILE_BYTES + 1 });
  assertEquals(await refusedTextFast(text), [
    "g.yaml: the graph is 262,145 bytes; a graph file may be at most 262,144 bytes (256 KiB)",
  ]);
});

Deno.test("a graph with more strategies than allowed is refused at the first one over, in under a second", async () => {
  assertEquals(await refusedTextFast(largeGraphYaml({ strategies: 1_500, symbols: 1_000 })), [
    `g.yaml:${6 + 2 * MAX_GRAPH_STRATEGIES}:5: strategies[100]: ` +
    "strategy 101 of 1,500: a graph has at most 100 strategies",
  ]);
});

Deno.test("a graph naming more distinct symbols than allowed is refused at the first one over, in under a second", async () => {
  // Symbols alternate between the two strategies: the first one lists 10,000 distinct ones.
  const text = largeGraphYaml({ strategies: 2, symbols: 20_000 });
  const column = text.split("\n")[6]!.indexOf(poolSymbol(2_000)) + 1;
  assertEquals(await refusedTextFast(text), [
    `g.yaml:7:${column}: strategies[0].symbols[1000]: ` +
    "symbol 1,001 of 20,000 distinct symbols: a graph names at most 1,000 symbols",
  ]);
});

Deno.test("one list with more entries than allowed is refused, located at the list", async () => {
  const repeats = Array.from({ length: 5_000 }, () => "AAPL").join(", ");
  const text = "strategies:\n  - id: a\n    type: sma\n    params: { fast: 5, slow: 20 }\n" +
    `    symbols: [${repeats}]\n`;
  assertEquals(await refusedTextFast(text), [
    "g.yaml:5:14: strategies[0].symbols: 5,000 entries; a list or mapping holds at most 1,000",
  ]);
});

Deno.test("a graph just under every limit validates", async () => {
  const text = largeGraphYaml({
    strategies: MAX_GRAPH_STRATEGIES,
    symbols: MAX_GRAPH_SYMBOLS,
    bytes: MAX_GRAPH_FILE_BYTES,
  });
  assertEqual(new TextEncoder().encode(text).length, MAX_GRAPH_FILE_BYTES);
  const check = await checkGraphText(text, "g.yaml", { env: NO_ENV });
  assertEquals(check.problems.map(formatProblem), []);
  assertEqual(check.loaded?.config.strategies.length, MAX_GRAPH_STRATEGIES);
  assertEqual(check.loaded?.config.symbols.length, MAX_GRAPH_SYMBOLS);
});
