/**
 * Property: whatever large list, large mapping or deep nest a graph holds,
 * wherever it sits, loading it (as YAML text, flow or block style, or as a
 * plain object) never throws, never overflows the stack and never reports a
 * stack overflow: the result is a loaded graph or at least one error.
 *
 * Plain objects get the large sizes (the loader refuses them before anything
 * else looks at them, so they cost milliseconds); YAML text gets sizes its
 * parser reads quickly. Fixed seeds: the same documents on every run.
 *
 * @module
 */
import { ok } from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import {
  checkGraphText,
  formatProblem,
  type GraphCheck,
  graphFromObject,
  StrategyRegistry,
} from "../../src/config/mod.ts";
import { GraphValidationError } from "../../src/errors.ts";

const NO_ENV = () => undefined;
const registry = new StrategyRegistry();

/** A valid graph the generated bulk is placed into. */
function baseGraph(): Record<string, unknown> {
  return {
    name: "bulk",
    venue: { type: "sim", feed: "synthetic" },
    strategies: [{ id: "a", type: "sma", symbols: ["AAPL"], params: { fast: 5, slow: 20 } }],
  };
}

/** Where the bulk goes: each a place that some rule or the schema reads. */
const SITES = [
  ["extra"],
  ["strategies", 0, "symbols"],
  ["strategies", 0, "params", "fast"],
  ["strategies", 0, "params", "bulk"],
  ["venue", "symbols"],
  ["capital_policy"],
  ["strategies"],
] as const;

type Bulk =
  | { readonly kind: "list"; readonly size: number; readonly item: unknown }
  | { readonly kind: "map"; readonly size: number; readonly item: unknown }
  | { readonly kind: "deep"; readonly depth: number; readonly list: boolean };

function bulkArbitrary(maxSize: number, maxDepth: number): fc.Arbitrary<Bulk> {
  const item = fc.oneof(
    fc.constantFrom("AAPL", "x", Number.NaN, Number.POSITIVE_INFINITY, 7, null, true),
    fc.constant({ id: "a", type: "sma", symbols: ["MSFT"], params: { fast: 5, slow: 20 } }),
  );
  return fc.oneof(
    fc.record({ kind: fc.constant("list" as const), size: fc.nat(maxSize), item }),
    fc.record({ kind: fc.constant("map" as const), size: fc.nat(maxSize), item }),
    fc.record({ kind: fc.constant("deep" as const), depth: fc.nat(maxDepth), list: fc.boolean() }),
  );
}

function build(bulk: Bulk): unknown {
  switch (bulk.kind) {
    case "list":
      return Array.from({ length: bulk.size }, () => bulk.item);
    case "map":
      return Object.fromEntries(Array.from({ length: bulk.size }, (_, i) => [`S${i}`, bulk.item]));
    case "deep": {
      let value: unknown = "AAPL";
      for (let i = 0; i < bulk.depth; i++) value = bulk.list ? [value] : { a: value };
      return value;
    }
  }
}

function placed(site: (typeof SITES)[number], bulk: Bulk): Record<string, unknown> {
  const graph = baseGraph();
  let container: Record<string | number, unknown> = graph;
  for (const segment of site.slice(0, -1)) {
    container = container[segment] as Record<string | number, unknown>;
  }
  container[site.at(-1) as string | number] = build(bulk);
  return graph;
}

function judge(check: GraphCheck): void {
  const lines = check.problems.map(formatProblem);
  ok(
    check.loaded !== undefined || check.problems.some((p) => p.severity === "error"),
    "no verdict",
  );
  ok(lines.every((line) => !/call stack|too much recursion/i.test(line)), lines.join("\n"));
}

Deno.test("a plain graph with any large list, mapping or deep nest anywhere loads or is refused, never throws", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...SITES),
      bulkArbitrary(300_000, 100_000),
      async (site, bulk) => {
        try {
          const loaded = await graphFromObject(placed(site, bulk), { env: NO_ENV, registry });
          judge({ file: "<plain>", problems: [...loaded.warnings], loaded });
        } catch (error) {
          if (!(error instanceof GraphValidationError)) throw error;
          judge({ file: "<plain>", problems: error.problems });
        }
      },
    ),
    { numRuns: 60, seed: 81_234 },
  );
});

Deno.test("a YAML graph with any large list, mapping or deep nest anywhere loads or is refused, never throws", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...SITES),
      bulkArbitrary(3_000, 3_000),
      fc.boolean(),
      async (site, bulk, flow) => {
        const graph = placed(site, bulk);
        // JSON is YAML in flow style; deep block style costs the square of its depth in indentation.
        const text = flow || bulk.kind === "deep" && bulk.depth > 300
          ? JSON.stringify(graph)
          : stringify(graph);
        judge(await checkGraphText(text, "g.yaml", { env: NO_ENV, registry }));
      },
    ),
    { numRuns: 40, seed: 42_017 },
  );
});
