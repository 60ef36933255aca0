import { deepStrictEqual as assertEquals, ok, throws as assertThrows } from "node:assert/strict";
import { z } from "zod";
import { NumberLiteral } from "./_numeric_source.ts";
import { decimalSchema } from "./decimal_schema.ts";
import { exactNumbers, exactNumericInput, rawField } from "./exact_numbers.ts";
import { integerSchema, numberSchema } from "./number_schema.ts";
import { parseYamlSource } from "./yaml_source.ts";

function yaml(text: string): Record<string, unknown> {
  return parseYamlSource(text, "g.yaml").value as Record<string, unknown>;
}

Deno.test("exactNumericInput hands decimals their source text and floats their JS number", () => {
  const raw = yaml("money: 12345678901234567.89\nratio: 0.25\n");
  assertEquals(exactNumericInput(raw, "money", { kind: "decimal" }), "12345678901234567.89");
  assertEquals(exactNumericInput(raw, "ratio", { kind: "number" }), 0.25);
});

Deno.test("exactNumericInput wraps numbers that cannot be used as written", () => {
  const raw = yaml("huge: 1e309\ninf: .inf\nhex: 0x10\nlost: 9007199254740993\nfine: 12\n");
  for (const [key, kind] of [["huge", "number"], ["inf", "decimal"], ["hex", "integer"]] as const) {
    const input = exactNumericInput(raw, key, { kind });
    ok(input instanceof NumberLiteral, key);
    assertEquals(input.text, { huge: "1e309", inf: ".inf", hex: "0x10" }[key]);
  }
  ok(exactNumericInput(raw, "lost", { kind: "integer" }) instanceof NumberLiteral);
  assertEquals(exactNumericInput(raw, "fine", { kind: "integer" }), 12);
  // Out of its range, a number is shown as written.
  const range = { min: 0, max: 10 };
  assertEquals(exactNumericInput(raw, "fine", { kind: "integer", range }), new NumberLiteral("12"));
});

Deno.test("exactNumericInput leaves values without a YAML source alone", () => {
  assertEquals(exactNumericInput({ n: Infinity }, "n", { kind: "decimal" }), Infinity);
  assertEquals(exactNumericInput({ n: "5" }, "n", { kind: "integer" }), "5");
});

Deno.test("exactNumbers covers every option of a union of objects", () => {
  const schema = exactNumbers(z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("a"), bps: decimalSchema({ min: 0, max: 10 }) }),
    z.strictObject({ type: z.literal("b"), port: integerSchema({ min: 1, max: 9 }) }),
  ]));
  const issues = (text: string) =>
    schema.safeParse(yaml(text)).error?.issues.map((issue) => issue.message);
  assertEquals(issues("type: a\nbps: 1e309"), [
    "must be a finite number >= 0 and <= 10, got 1e309",
  ]);
  assertEquals(issues("type: b\nport: .inf"), ["must be an integer >= 1 and <= 9, got .inf"]);
});

Deno.test("exactNumbers refuses schemas without numeric fields or with a key of two kinds", () => {
  assertThrows(() => exactNumbers(z.strictObject({ name: z.string() })), TypeError);
  assertThrows(
    () =>
      exactNumbers(z.union([
        z.strictObject({ x: decimalSchema({ min: 0, max: 1 }) }),
        z.strictObject({ x: numberSchema({ min: 0, max: 1 }) }),
      ])),
    /key "x" is decimal in one option, number in another/,
  );
});

Deno.test("rawField reads a raw value exactly as its schema does, or not at all", () => {
  const money = decimalSchema({ greaterThan: 0, max: 1e12 });
  const raw = yaml("ok: 123456789012.3456789\nhuge: 1e309\nword: lots\n");
  assertEquals(rawField(raw, "ok", money)?.toString(), "123456789012.3456789");
  assertEquals(rawField(raw, "huge", money), undefined);
  assertEquals(rawField(raw, "word", money), undefined);
  assertEquals(rawField(raw, "missing", money), undefined);
});
