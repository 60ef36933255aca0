import { deepStrictEqual as assertEquals } from "node:assert/strict";
import {
  formatPath,
  formatProblem,
  type GraphProblem,
  hasErrors,
  sortProblems,
  uniqueProblems,
} from "./problems.ts";

const base: GraphProblem = {
  file: "graphs/x.yaml",
  line: 4,
  col: 3,
  path: "sizing.max_postion",
  message: 'unknown key "max_postion", did you mean "max_position"?',
  severity: "error",
};

Deno.test("formatPath writes list indexes in brackets and odd keys quoted", () => {
  assertEquals(formatPath(["strategies", 0, "params", "fast"]), "strategies[0].params.fast");
  assertEquals(formatPath(["venue", "symbols", "BRK B"]), 'venue.symbols["BRK B"]');
  assertEquals(formatPath([]), "");
  assertEquals(formatPath([2]), "[2]");
});

Deno.test("formatProblem renders file:LINE:COL: path: message", () => {
  assertEquals(
    formatProblem(base),
    'graphs/x.yaml:4:3: sizing.max_postion: unknown key "max_postion", did you mean "max_position"?',
  );
});

Deno.test("formatProblem puts warning: after the location and drops empty paths and positions", () => {
  assertEquals(
    formatProblem({ ...base, severity: "warning", path: "", message: "m" }),
    "graphs/x.yaml:4:3: warning: m",
  );
  const { line: _line, col: _col, ...unlocated } = base;
  assertEquals(
    formatProblem({ ...unlocated, file: "<command line>" }).startsWith("<command line>: sizing"),
    true,
  );
});

Deno.test("sortProblems orders by line and column, unlocated last, stable for ties", () => {
  const a = { ...base, line: 9, col: 1, message: "a" };
  const b = { ...base, line: 2, col: 5, message: "b" };
  const c = { ...base, line: 2, col: 5, message: "c" };
  const { line: _l, col: _c, ...d } = { ...base, message: "d" };
  assertEquals(sortProblems([d, a, b, c]).map((p) => p.message), ["b", "c", "a", "d"]);
});

Deno.test("uniqueProblems drops exact repeats and hasErrors ignores warnings", () => {
  assertEquals(uniqueProblems([base, { ...base }, { ...base, severity: "warning" }]).length, 2);
  assertEquals(hasErrors([{ ...base, severity: "warning" }]), false);
  assertEquals(hasErrors([{ ...base, severity: "warning" }, base]), true);
});
