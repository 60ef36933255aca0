import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { decimalSourceOf } from "./_numeric_source.ts";
import { formatProblem } from "./problems.ts";
import { parseYamlSource } from "./yaml_source.ts";

const TEXT = [
  "# comment",
  "sizing:",
  "  max_position: 100",
  "  max_notional: 12345678901234567.89",
  "strategies:",
  "  - id: a",
  "    params: { fast: 10 }",
  "  - id: b",
  "empty:",
  "",
].join("\n");

Deno.test("parseYamlSource turns the document into plain data", () => {
  const source = parseYamlSource(TEXT, "g.yaml");
  assertEquals(source.fatal, false);
  assertEquals(source.problems, []);
  assertEquals(source.value, {
    sizing: { max_position: 100, max_notional: 12345678901234567.89 },
    strategies: [{ id: "a", params: { fast: 10 } }, { id: "b" }],
    empty: null,
  });
});

Deno.test("parseYamlSource keeps the source text of numbers for exact decimals", () => {
  const source = parseYamlSource(TEXT, "g.yaml");
  const sizing = (source.value as { sizing: object }).sizing;
  assertEquals(decimalSourceOf(sizing, "max_notional"), "12345678901234567.89");
  assertEquals(decimalSourceOf(sizing, "max_position"), "100");
});

Deno.test("positionOf points at values, keys, parent maps of missing keys and keys of empty values", () => {
  const source = parseYamlSource(TEXT, "g.yaml");
  assertEquals(source.positionOf(["sizing", "max_position"]), { line: 3, col: 17 });
  assertEquals(source.positionOf(["sizing", "max_position"], "key"), { line: 3, col: 3 });
  assertEquals(source.positionOf(["strategies", 0, "params", "fast"]), { line: 7, col: 21 });
  assertEquals(source.positionOf(["strategies", 1, "params"]), { line: 8, col: 5 });
  assertEquals(source.positionOf(["sizing", "nope", "deeper"]), { line: 3, col: 3 });
  assertEquals(source.positionOf(["empty"]), { line: 9, col: 1 });
  assertEquals(source.positionOf([]), { line: 2, col: 1 });
  assertEquals(source.positionOf(["strategies", 7]), { line: 6, col: 3 });
});

Deno.test("duplicate keys are errors naming the key and its first line, and the data still loads", () => {
  const source = parseYamlSource("a:\n  b: 1\n  c: 2\n  b: 3\n", "g.yaml");
  assertEquals(source.fatal, false);
  assertEquals(source.problems.map(formatProblem), [
    'g.yaml:4:3: a.b: duplicate key "b" (first defined on line 2); each key may appear once',
  ]);
  assertEquals(source.value, { a: { b: 3, c: 2 } });
});

Deno.test("YAML syntax errors are fatal and reported with line:col", () => {
  const source = parseYamlSource("a: [1, 2\nb: 3\n", "g.yaml");
  assertEquals(source.fatal, true);
  assertEquals(source.value, undefined);
  assertEquals(source.problems.length > 0, true);
  assertEquals(source.problems[0]?.line, 2);
  assertEquals(source.problems.every((problem) => problem.severity === "error"), true);
});

Deno.test("aliases are expanded and a __proto__ key stays a plain key", () => {
  const source = parseYamlSource("base: &b { x: 1 }\ncopy: *b\n__proto__: 5\n", "g.yaml");
  const value = source.value as Record<string, unknown>;
  assertEquals(value.copy, { x: 1 });
  assertEquals(Object.hasOwn(value, "__proto__"), true);
  assertEquals(Object.getPrototypeOf(value), Object.prototype);
});

Deno.test("an empty document is null", () => {
  assertEquals(parseYamlSource("# nothing\n", "g.yaml").value, null);
});

Deno.test("numbers reached through an alias keep their source text", () => {
  const source = parseYamlSource("a: &money 12345678901234567.89\nb: *money\n", "g.yaml");
  const value = source.value as Record<string, unknown>;
  assertEquals(decimalSourceOf(value, "b"), "12345678901234567.89");
});
