import { deepStrictEqual as assertEquals, equal as assertEqual, ok } from "node:assert/strict";
import { formatProblem } from "./problems.ts";
import { parseYamlSource, type YamlSource } from "./yaml_source.ts";

const NESTING =
  "lists and mappings nest more than 32 levels deep here; a graph nests at most 32 levels";

function timedParse(text: string): { source: YamlSource; ms: number } {
  const started = performance.now();
  const source = parseYamlSource(text, "g.yaml");
  return { source, ms: performance.now() - started };
}

Deno.test("flow collections nested deeper than 32 levels are refused before parsing, at the first one too deep", () => {
  const { source, ms } = timedParse(
    `name: x\ndeep: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
  );
  assertEqual(source.fatal, true);
  assertEqual(source.value, undefined);
  assertEquals(source.problems.map(formatProblem), [`g.yaml:2:39: ${NESTING}`]);
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("brackets in quoted scalars and comments do not count as nesting", () => {
  const brackets = "[".repeat(40);
  const source = parseYamlSource(`a: "${brackets}"\nb: '${brackets}' # ${brackets}\n`, "g.yaml");
  assertEquals(source.problems, []);
  assertEquals(source.value, { a: brackets, b: brackets });
});

Deno.test("block mappings nested deeper than 32 levels stop the conversion with a located problem", () => {
  const text = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1\n";
  const source = parseYamlSource(text, "g.yaml");
  assertEqual(source.fatal, true);
  assertEquals(source.problems.map(formatProblem), [
    `g.yaml:33:65: ${Array.from({ length: 32 }, (_, i) => `k${i}`).join(".")}: ${NESTING}`,
  ]);
});

Deno.test("an alias bomb stops at the first value over budget with one problem", () => {
  const lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"];
  for (let i = 1; i < 9; i++) {
    lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`);
  }
  const { source, ms } = timedParse(lines.join("\n") + "\n");
  assertEqual(source.fatal, true);
  assertEqual(source.problems.length, 1);
  ok(/more than 250,000 values|more than 10,000 times/.test(source.problems[0]!.message));
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("thousands of aliases to one anchor resolve in linear time", () => {
  const items = Array.from({ length: 5_000 }, (_, i) => `  - { id: s${i}, params: *p }`);
  const text = `base: &p { fast: 10, slow: 30 }\nstrategies:\n${items.join("\n")}\n`;
  const { source, ms } = timedParse(text);
  assertEquals(source.problems, []);
  const strategies = (source.value as { strategies: { params: unknown }[] }).strategies;
  assertEquals(strategies[4_999]?.params, { fast: 10, slow: 30 });
  assertEquals(source.positionOf(["strategies", 4_999, "params", "slow"]), { line: 1, col: 28 });
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("a duplicate key in an anchored mapping is reported once, however often it is aliased", () => {
  const source = parseYamlSource("a: &m { x: 1, x: 2 }\nb: *m\nc: *m\n", "g.yaml");
  assertEquals(source.problems.map(formatProblem), [
    'g.yaml:1:15: a.x: duplicate key "x" (first defined on line 1); each key may appear once',
  ]);
  assertEquals(source.value, { a: { x: 2 }, b: { x: 2 }, c: { x: 2 } });
});

Deno.test("positionOf in a large mapping finds the entry that counts: the last of repeated keys", () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `k${i}: ${i}`);
  const source = parseYamlSource(`m:\n  ${keys.join("\n  ")}\n  k7: again\n`, "g.yaml");
  assertEquals(source.positionOf(["m", "k999"]), { line: 1_001, col: 9 });
  assertEquals(source.positionOf(["m", "k7"]), { line: 1_002, col: 7 });
});

Deno.test("an alias that refers to itself is a located problem, not a loop", () => {
  const source = parseYamlSource("a: &x [1, *x]\n", "g.yaml");
  assertEquals(source.problems.map(formatProblem), ["g.yaml:1:11: a[1]: alias refers to itself"]);
  assertEquals(source.value, { a: [1, null] });
});
