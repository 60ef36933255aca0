import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { z } from "zod";
import { describeValue, type LocatedIssue, parseWithIssues, withKeyHints } from "./zod_problems.ts";

function issuesOf(schema: z.ZodType, data: unknown): LocatedIssue[] {
  const result = parseWithIssues(schema, data);
  return result.success ? [] : result.issues;
}

const schema = z.strictObject({
  max_position: z.number().int().min(1).optional(),
  heartbeat: z.number().int().min(5).optional(),
  ratio: z.number().max(1).optional(),
  mode: z.enum(["long_only", "long_short"]).optional(),
  symbols: z.array(z.string()).min(1).optional(),
  name: z.string().optional(),
  required_flag: z.boolean(),
});

Deno.test("parseWithIssues writes readable messages for each kind of issue", () => {
  const issues = issuesOf(schema, {
    max_position: 1.5,
    heartbeat: 3,
    ratio: 2,
    mode: "sideways",
    symbols: [],
    name: null,
  });
  assertEquals(issues.map((issue) => [issue.path.join("."), issue.message]), [
    ["max_position", "expected an integer, got 1.5"],
    ["heartbeat", "must be >= 5 (got 3)"],
    ["ratio", "must be <= 1 (got 2)"],
    ["mode", 'must be one of long_only, long_short (got "sideways")'],
    ["symbols", "must not be empty"],
    ["name", "expected a string, got null (empty value)"],
    ["required_flag", "missing required key"],
  ]);
});

Deno.test("unknown keys become one issue per key at the key, with a suggestion", () => {
  const issues = issuesOf(schema, { required_flag: true, max_postion: 1, zzz: 2 });
  assertEquals(issues, [
    {
      path: ["max_postion"],
      target: "key",
      message: 'unknown key "max_postion", did you mean "max_position"?',
    },
    {
      path: ["zzz"],
      target: "key",
      message:
        'unknown key "zzz", allowed: max_position, heartbeat, ratio, mode, symbols, name, required_flag',
    },
  ]);
});

Deno.test("key hints explain keys that belong to another variant", () => {
  const hinted = withKeyHints(z.strictObject({ type: z.literal("ibkr") }), {
    bars: "is only valid with venue type sim",
  });
  assertEquals(issuesOf(z.object({ venue: hinted }), { venue: { type: "ibkr", bars: 5 } }), [
    {
      path: ["venue", "bars"],
      target: "key",
      message: 'key "bars" is only valid with venue type sim',
    },
  ]);
});

Deno.test("a bad discriminator names the allowed values", () => {
  const union = z.discriminatedUnion("type", [
    z.object({ type: z.literal("sim") }),
    z.object({ type: z.literal("ibkr") }),
  ]);
  assertEquals(
    issuesOf(union, { type: "alpaca" })[0]?.message,
    'must be one of sim, ibkr (got "alpaca")',
  );
  assertEquals(issuesOf(union, {})[0]?.message, "missing required key (one of sim, ibkr)");
});

Deno.test("describeValue names values the way messages show them", () => {
  assertEquals(
    [undefined, null, [1], { a: 1 }, "x", 3, true].map(describeValue),
    ["nothing", "null (empty value)", "a list", "a mapping", '"x"', "3", "true"],
  );
});

Deno.test("a misspelt discriminator (capital_policy.type, venue.type) suggests the closest type", () => {
  const union = z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("equal_weight") }),
    z.strictObject({ type: z.literal("vol_target") }),
  ]);
  assertEquals(issuesOf(union, { type: "equal_weigth" }).map((issue) => issue.message), [
    'must be one of equal_weight, vol_target (got "equal_weigth", did you mean "equal_weight"?)',
  ]);
  assertEquals(issuesOf(union, { type: "kelly" }).map((issue) => issue.message), [
    'must be one of equal_weight, vol_target (got "kelly")',
  ]);
});
