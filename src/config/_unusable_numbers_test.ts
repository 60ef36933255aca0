import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { NumberLiteral } from "./_numeric_source.ts";
import { findUnusableNumbers, isUnderAny, withoutNumbers } from "./_unusable_numbers.ts";
import { parseYamlSource } from "./yaml_source.ts";

function yaml(text: string): unknown {
  return parseYamlSource(text, "g.yaml").value;
}

Deno.test("findUnusableNumbers finds non-finite and non-decimal numbers at any depth", () => {
  const params = yaml(
    "fast: 10\nslow: 1e309\nbands: [1, .nan, { width: 0x10, ok: 2.5 }]\nnote: Infinity\n",
  );
  assertEquals(findUnusableNumbers(params), [
    { path: ["slow"], input: new NumberLiteral("1e309") },
    { path: ["bands", 1], input: new NumberLiteral(".nan") },
    { path: ["bands", 2, "width"], input: new NumberLiteral("0x10") },
  ]);
});

Deno.test("findUnusableNumbers reports plain non-finite JS numbers by value", () => {
  assertEquals(findUnusableNumbers({ a: 1, b: [NaN], c: { d: -Infinity } }), [
    { path: ["b", 0], input: NaN },
    { path: ["c", "d"], input: -Infinity },
  ]);
});

Deno.test("withoutNumbers copies the data without the unusable numbers", () => {
  const params = yaml("fast: 10\nslow: .inf\nlist: [1, -.inf, 3]\n");
  const unusable = findUnusableNumbers(params);
  assertEquals(withoutNumbers(params, unusable), { fast: 10, list: [1, undefined, 3] });
  assertEquals(withoutNumbers(params, []), params);
  assertEquals(isUnderAny(["list", 1], unusable), true);
  assertEquals(isUnderAny(["list", 0], unusable), false);
});
