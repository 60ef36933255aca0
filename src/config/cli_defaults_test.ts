import { deepStrictEqual as assertEquals, ok, rejects as assertRejects } from "node:assert/strict";
import { GraphValidationError } from "../errors.ts";
import { singleSmaGraph } from "./cli_defaults.ts";
import { graphFromObject } from "./load_graph.ts";
import { formatProblem } from "./problems.ts";

Deno.test("singleSmaGraph turns --symbol AAPL --fast 10 --slow 30 --size 100 into one valid sma node", async () => {
  const { config } = await graphFromObject(
    singleSmaGraph({ symbol: "AAPL", fast: 10, slow: 30, size: 100 }),
    { env: () => undefined },
  );
  assertEquals(config.name, "default_graph");
  assertEquals(config.strategies.map((node) => [node.id, node.type, node.symbols, node.params]), [
    ["sma_aapl", "sma", ["AAPL"], { fast: 10, slow: 30, size: 100, mode: "long_only" }],
  ]);
});

Deno.test("singleSmaGraph makes a slug id from odd symbols and leaves size to the envelope", () => {
  const graph = singleSmaGraph({ symbol: "BRK B", fast: 5, slow: 20, mode: "long_short" });
  assertEquals(graph.strategies, [{
    id: "sma_brk_b",
    type: "sma",
    symbols: ["BRK B"],
    params: { fast: 5, slow: 20, mode: "long_short" },
  }]);
});

Deno.test("a non-finite number in the single-SMA graph is a problem, never passed to the strategy", async () => {
  const graph = singleSmaGraph({ symbol: "AAPL", fast: NaN, slow: Infinity, size: 1e309 });
  await assertRejects(
    () => graphFromObject(graph, { env: () => undefined }),
    (error: unknown) => {
      ok(error instanceof GraphValidationError);
      assertEquals(error.problems.map(formatProblem), [
        "<command line>: strategies[0].params.fast: must be a finite number in decimal notation, got NaN",
        "<command line>: strategies[0].params.slow: must be a finite number in decimal notation, got Infinity",
        "<command line>: strategies[0].params.size: must be a finite number in decimal notation, got Infinity",
      ]);
      return true;
    },
  );
});
