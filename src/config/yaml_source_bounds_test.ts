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
  // The root mapping is level 1, so the 32nd "[" (column 38) is level 33.
  assertEquals(source.problems.map(formatProblem), [`g.yaml:2:38: ${NESTING}`]);
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("a graph at every other limit is well within the value and line limits", () => {
  const strategies = Array.from({ length: 100 }, (_, k) => {
    const symbols = Array.from({ length: 10 }, (_, i) => `S${k * 10 + i}`).join(", ");
    return `  - id: s${k}\n    type: sma\n    symbols: [${symbols}]\n    params: { fast: 10, slow: 30 }\n`;
  });
  const csv = Array.from({ length: 1_000 }, (_, i) => `    S${i}: data/S${i}.csv\n`);
  const text = `venue:\n  type: sim\n  csv:\n${csv.join("")}strategies:\n${strategies.join("")}`;
  const { source, ms } = timedParse(text);
  assertEquals(source.problems, []);
  ok(ms < 300, `took ${ms} ms`);
});

Deno.test("a compact block sequence 120,000 levels deep is one nesting problem, found before parsing", () => {
  const deep = `${"- ".repeat(120_000)}x\n`;
  // Two such lines overflowed the YAML parser's stack; one took it a second and two problems.
  for (
    const text of [`strategies:\n  ${deep}`, deep + deep, `${"- ".repeat(3_000)}x\n`.repeat(40)]
  ) {
    const { source, ms } = timedParse(text);
    assertEqual(source.fatal, true);
    assertEqual(source.problems.length, 1, source.problems.map(formatProblem).join("\n"));
    assertEqual(source.problems[0]?.message, NESTING);
    ok(ms < 100, `took ${ms} ms`);
  }
  const { source } = timedParse(`strategies:\n  ${deep}`);
  // strategies: is level 1, the dash at column 3 level 2, the 32nd dash (column 65) level 33.
  assertEquals([source.problems[0]?.line, source.problems[0]?.col], [2, 65]);
});

Deno.test("a graph denser than 25,000 values is refused before parsing, at the value over the limit", () => {
  const row = `  - [${Array(120).fill("a").join(",")}]\n`;
  const { source, ms } = timedParse(`junk:\n${row.repeat(999)}`);
  assertEqual(source.fatal, true);
  // The key junk, its mapping and its list make 3 values, each row 121 more: value 25,001 is
  // the 71st "a" of row 207 (line 208).
  assertEquals(source.problems.map(formatProblem), [
    `g.yaml:208:146: the graph has more than 25,000 values (keys, scalars, lists and mappings, ` +
    `aliases expanded); a graph has at most 25,000`,
  ]);
  // The YAML parser took 1.1 s over this text (3.9 s for validate with the launcher).
  ok(ms < 300, `took ${ms} ms`);
  // Empty values count: the mapping and 12,500 keys k with empty values make 25,001.
  const empties = timedParse("k:\n".repeat(13_000));
  assertEquals(empties.source.problems.map((p) => [p.line, p.col]), [[12_500, 1]]);
  ok(empties.ms < 300, `took ${empties.ms} ms`);
});

Deno.test("a graph of more than 25,000 lines is refused before parsing, at the first line over", () => {
  // 120,000 blank or comment lines cost the YAML parser half a second.
  for (const filler of ["\n", "# note\n", "-\n"]) {
    const { source, ms } = timedParse(`name: x\n${filler.repeat(120_000)}`);
    assertEquals(source.problems.map(formatProblem), [
      "g.yaml:25001:1: the graph has more than 25,000 lines; a graph has at most 25,000",
    ]);
    ok(ms < 100, `took ${ms} ms`);
  }
  assertEquals(parseYamlSource(`name: x${"\n".repeat(24_999)}`, "g.yaml").problems, []);
});

Deno.test("tokens the YAML parser reports one error each for are refused before parsing, once", () => {
  // Each took the parser 1 to 30 s and gave 80,000 to 250,000 errors.
  for (const junk of ["]".repeat(250_000), "&a ".repeat(80_000), `- *x${"- ".repeat(120_000)}`]) {
    const { source, ms } = timedParse(`name: x\n${junk}\n`);
    assertEqual(source.problems.length, 1, source.problems.map(formatProblem).join("\n"));
    assertEquals([source.problems[0]?.line, source.fatal], [2, true]);
    ok(ms < 100, `took ${ms} ms`);
  }
});

Deno.test("brackets in quoted scalars and comments do not count as nesting", () => {
  const brackets = "[".repeat(40);
  const source = parseYamlSource(`a: "${brackets}"\nb: '${brackets}' # ${brackets}\n`, "g.yaml");
  assertEquals(source.problems, []);
  assertEquals(source.value, { a: brackets, b: brackets });
});

Deno.test("block mappings nested deeper than 32 levels are refused before parsing, at the first one too deep", () => {
  const text = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1\n";
  const source = parseYamlSource(text, "g.yaml");
  assertEqual(source.fatal, true);
  assertEquals(source.problems.map(formatProblem), [`g.yaml:33:65: ${NESTING}`]);
});

Deno.test("lists nested deeper than 32 levels through aliases stop the conversion with a located problem", () => {
  // The text nests 17 levels deep; c's alias puts the 16 lists of a inside 16 more.
  const lists = (n: number, inner: string) => `${"[".repeat(n)}${inner}${"]".repeat(n)}`;
  const text = `a: &d ${lists(16, "1")}\nb: ${lists(3, "*d")}\nc: ${lists(16, "*d")}\n`;
  const source = parseYamlSource(text, "g.yaml");
  assertEqual(source.fatal, true);
  // c is level 2: the list 31 levels inside it is the 16th of a, written at column 22.
  assertEquals(source.problems.map(formatProblem), [
    `g.yaml:1:22: c${"[0]".repeat(31)}: ${NESTING}`,
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
  ok(/more than 25,000 values|more than 10,000 times/.test(source.problems[0]!.message));
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("thousands of aliases to one anchor resolve in linear time", () => {
  const items = Array.from({ length: 2_400 }, (_, i) => `  - { id: s${i}, params: *p }`);
  const text = `base: &p { fast: 10, slow: 30 }\nstrategies:\n${items.join("\n")}\n`;
  const { source, ms } = timedParse(text);
  assertEquals(source.problems, []);
  const strategies = (source.value as { strategies: { params: unknown }[] }).strategies;
  assertEquals(strategies[2_399]?.params, { fast: 10, slow: 30 });
  assertEquals(source.positionOf(["strategies", 2_399, "params", "slow"]), { line: 1, col: 28 });
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("aliases of an anchor on a map key resolve to the key in linear time", () => {
  // 10,000 aliases of a key anchor: each used to search the whole document (27 s for these 40 KB).
  const rows = Array.from(
    { length: 1_000 },
    (_, i) => `  x${i}: [${Array(10).fill("*k").join(",")}]`,
  );
  const { source, ms } = timedParse(`junk:\n  &k kk: 1\n${rows.join("\n")}\n`);
  assertEquals(source.problems, []);
  const junk = (source.value as { junk: Record<string, unknown> }).junk;
  assertEquals([junk.kk, junk.x999], [1, Array(10).fill("kk")]);
  assertEquals(source.positionOf(["junk", "x999", 9]), { line: 1_002, col: 37 });
  ok(ms < 1000, `took ${ms} ms`);
});

Deno.test("an alias without an anchor before it is a located problem, not a silent null", () => {
  const source = parseYamlSource("? [&a x]\n: 1\nb: *a\nc: *later\nd: &later 2\n", "g.yaml");
  assertEquals(source.problems.map(formatProblem), [
    "g.yaml:1:3: map keys must be plain scalars (names), not lists or maps",
    "g.yaml:3:4: b: alias *a has no anchor &a before it " +
    "(anchors inside keys that are lists or mappings do not count)",
    "g.yaml:4:4: c: alias *later has no anchor &later before it " +
    "(anchors inside keys that are lists or mappings do not count)",
  ]);
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
