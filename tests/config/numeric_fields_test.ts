import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import {
  checkGraphText,
  formatPath,
  formatProblem,
  type GraphProblem,
  StrategyRegistry,
} from "../../src/config/mod.ts";
import { parseYamlSource } from "../../src/config/yaml_source.ts";
import { graphWithLiteral, type NumericField, numericFields } from "./_numeric_fields.ts";

const NO_ENV = () => undefined;
/** The largest hard limits the environment may set. */
const WIDEST_ENV = (name: string) =>
  ({ IBKR_MAX_POSITION: "1000000000", IBKR_MAX_NOTIONAL: "1000000000000" })[name];
const registry = new StrategyRegistry();
const FIELDS = numericFields();

/** Literals no numeric field may accept, with how the message shows them. */
const NEVER_ALLOWED: readonly { readonly literal: string; readonly shown: string }[] = [
  { literal: "1e309", shown: "1e309" },
  { literal: "-1e309", shown: "-1e309" },
  { literal: ".inf", shown: ".inf" },
  { literal: "-.inf", shown: "-.inf" },
  { literal: ".nan", shown: ".nan" },
  { literal: "NaN", shown: '"NaN"' },
  { literal: "Infinity", shown: '"Infinity"' },
  { literal: "0x10", shown: "0x10" },
  { literal: "1e15", shown: "1e15" },
];

function isAtOrAbove(problem: GraphProblem, field: NumericField): boolean {
  const path = formatPath(field.path);
  // The fixed-weights sum rule also reports at the weights map.
  return problem.path === path || path.startsWith(`${problem.path}.`);
}

Deno.test("the graph schema has numeric fields in every section", () => {
  const sections = new Set(FIELDS.map((field) => String(field.path[0])));
  assertEquals([...sections].sort(), [
    "capital_policy",
    "limits",
    "risk",
    "settings",
    "sizing",
    "strategies",
    "venue",
  ]);
  ok(FIELDS.length >= 35, `only ${FIELDS.length} numeric fields found`);
});

Deno.test("every numeric field of the graph has a lower and an upper bound", () => {
  for (const field of FIELDS) {
    ok(field.maximum !== undefined, `${field.documented} has no maximum`);
    ok(
      field.minimum !== undefined || field.exclusiveMinimum !== undefined,
      `${field.documented} has no minimum`,
    );
  }
});

Deno.test("every numeric field is listed with its maximum in the Numbers table of docs/graph_reference.md", async () => {
  const lines = (await Deno.readTextFile("docs/graph_reference.md")).split("\n");
  for (const field of FIELDS) {
    const row = lines.find((line) => line.startsWith(`| \`${field.documented}\` `));
    ok(row !== undefined, `docs/graph_reference.md has no row for \`${field.documented}\``);
    const maximum = new RegExp(`(?<![0-9])${field.maximum}(?![0-9])`);
    ok(maximum.test(row), `${row} does not state the maximum ${field.maximum}`);
  }
});

Deno.test("every numeric field rejects huge, infinite, NaN, hex and out-of-range literals at its own position", async () => {
  for (const field of FIELDS) {
    for (const { literal, shown } of NEVER_ALLOWED) {
      const text = graphWithLiteral(field, literal);
      const check = await checkGraphText(text, "g.yaml", { env: NO_ENV, registry });
      const errors = check.problems.filter((problem) => problem.severity === "error");
      const where = `${field.documented} = ${literal}:\n${text}\n${errors.map(formatProblem)}`;
      assertEquals(check.loaded, undefined, where);
      const position = parseYamlSource(text, "g.yaml").positionOf(field.path);
      const own = errors.filter((problem) => problem.path === formatPath(field.path));
      assertEquals(own.length, 1, where);
      assertEquals([own[0]?.line, own[0]?.col], [position.line, position.col], where);
      ok(own[0]?.message.startsWith("must be "), where);
      ok(own[0]?.message.endsWith(`, got ${shown}`), where);
      ok(errors.every((problem) => isAtOrAbove(problem, field)), where);
    }
  }
});

Deno.test("every numeric field accepts its documented bounds", async () => {
  for (const field of FIELDS) {
    const bounds = [field.minimum, field.maximum].filter((bound) => bound !== undefined);
    for (const bound of bounds) {
      const text = graphWithLiteral(field, String(bound));
      const check = await checkGraphText(text, "g.yaml", { env: WIDEST_ENV, registry });
      const errors = check.problems.filter((problem) => problem.severity === "error");
      // A share or money bound may still exceed the hard limits in force; that rule is separate.
      const other = errors.filter((problem) => !problem.message.includes("exceeds the hard limit"));
      assertEquals(other.map(formatProblem), [], `${field.documented} = ${bound}`);
    }
  }
});
