import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { formatPath } from "./problems.ts";
import { checkGraphSize, graphSizeProblem } from "./graph_size.ts";

function found(raw: unknown): string[] {
  return checkGraphSize(raw).map((finding) => `${formatPath(finding.path)}: ${finding.message}`);
}

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { x: value };
  return value;
}

Deno.test("checkGraphSize accepts a graph within every limit", () => {
  assertEquals(found({ strategies: [{ id: "a", symbols: ["AAPL", "MSFT"] }], settings: {} }), []);
});

Deno.test("checkGraphSize counts symbols case-insensitively across strategies, and ignores non-strings", () => {
  const half = Array.from({ length: 600 }, (_, i) => `s${i}`);
  const graph = {
    strategies: [
      { symbols: half },
      { symbols: half.map((s) => s.toUpperCase()) },
      { symbols: Array.from({ length: 900 }, () => 7) },
    ],
  };
  assertEquals(found(graph), []);
});

Deno.test("checkGraphSize reports too many strategies and too many symbols together, each at the first one over", () => {
  const strategies = Array.from({ length: 150 }, (_, k) => ({
    symbols: Array.from({ length: 10 }, (_, i) => `S${k}_${i}`),
  }));
  assertEquals(found({ strategies }), [
    "strategies[100]: strategy 101 of 150: a graph has at most 100 strategies",
    "strategies[100].symbols[0]: symbol 1,001 of 1,500 distinct symbols: a graph names at most 1,000 symbols",
  ]);
  const wide = Array.from({ length: 4 }, (_, k) => ({
    symbols: Array.from({ length: 300 }, (_, i) => `S${k}_${i}`),
  }));
  assertEquals(found({ strategies: wide }), [
    "strategies[3].symbols[100]: symbol 1,001 of 1,200 distinct symbols: a graph names at most 1,000 symbols",
  ]);
});

Deno.test("checkGraphSize reports the first list or mapping with too many entries, in document order", () => {
  const big = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i]));
  assertEquals(found({ venue: { symbols: big }, risk: { x: big } }), [
    "venue.symbols: 1,001 entries; a list or mapping holds at most 1,000",
  ]);
  // A sparse list is judged by its length, not walked.
  assertEquals(found({ strategies: [{ params: { p: new Array(1e9) } }] }), [
    "strategies[0].params.p: 1,000,000,000 entries; a list or mapping holds at most 1,000",
  ]);
});

Deno.test("checkGraphSize reports nesting deeper than 32 levels, and stops on a cyclic object", () => {
  assertEquals(found(nested(32)), []);
  assertEquals(found(nested(33)), [
    `${
      "x.".repeat(31)
    }x: lists and mappings nest more than 32 levels deep here; a graph nests at most 32 levels`,
  ]);
  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;
  assertEquals(found(cyclic).length, 1);
});

Deno.test("checkGraphSize reports the value that takes a graph over 25,000 values, keys counted", () => {
  const lists = Array.from({ length: 30 }, () => Array.from({ length: 1_000 }, () => 0));
  const [finding] = checkGraphSize({ data: lists });
  // The root, the key "data", the outer list and 24 inner lists of 1,001 values make 24,027
  // values; the 25th inner list is value 24,028 and its scalar 972 is value 25,001.
  assertEquals(formatPath(finding?.path ?? []), "data[24][972]");
  assertEquals(finding?.target, "value");
  assertEquals(
    finding?.message,
    "the graph has more than 25,000 values (keys, scalars, lists and mappings, aliases " +
      "expanded); a graph has at most 25,000",
  );
  const maps = Array.from(
    { length: 13 },
    () => Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i])),
  );
  // 3 + 12 maps of 2,001 values make 24,015; in the 13th, key k492 is value 25,001.
  const [key] = checkGraphSize({ data: maps });
  assertEquals([formatPath(key?.path ?? []), key?.target], ["data[12].k492", "key"]);
});

Deno.test("graphSizeProblem refuses more than 256 KiB, counting text in UTF-8 bytes", () => {
  assertEquals(graphSizeProblem(262_144), undefined);
  assertEquals(
    graphSizeProblem(262_145),
    "the graph is 262,145 bytes; a graph file may be at most 262,144 bytes (256 KiB)",
  );
  assertEquals(graphSizeProblem("é".repeat(131_072)), undefined);
  assertEquals(
    graphSizeProblem("é".repeat(131_072) + "€"),
    "the graph is 262,147 bytes; a graph file may be at most 262,144 bytes (256 KiB)",
  );
  assertEquals(graphSizeProblem("😀".repeat(65_536)), undefined);
  assertEquals(
    graphSizeProblem("😀".repeat(65_536) + "a")?.startsWith("the graph is 262,145"),
    true,
  );
});
