import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import { decimalSchema, rawDecimal } from "./decimal_schema.ts";
import { exactNumbers, numericKindOf } from "./exact_numbers.ts";
import { integerSchema } from "./number_schema.ts";
import { parseYamlSource } from "./yaml_source.ts";

const MONEY = { greaterThan: 0, max: 1e18 };

const holder = exactNumbers(z.strictObject({
  money: decimalSchema(MONEY),
  count: integerSchema({ min: 0, max: 10 }),
}));

function yaml(text: string): unknown {
  return parseYamlSource(text, "g.yaml").value;
}

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  return schema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
}

Deno.test("decimalSchema takes the digits from the YAML source, not the float", () => {
  const parsed = holder.parse(yaml("money: 12345678901234567.89\ncount: 3\n"));
  assertEquals(parsed.money.toString(), "12345678901234567.89");
  assertEquals(parsed.count, 3);
  // The JS number alone would have lost the cents:
  assertEquals(new Decimal(12345678901234567.89).toString(), "12345678901234568");
});

Deno.test("decimalSchema accepts numbers and numeric strings from plain objects", () => {
  assertEquals(holder.parse({ money: 0.1, count: 1 }).money.toString(), "0.1");
  assertEquals(holder.parse({ money: "1e-3", count: 1 }).money.toString(), "0.001");
});

Deno.test("decimalSchema enforces its range on the exact value", () => {
  const ratio = decimalSchema({ greaterThan: 0, max: 1 });
  assertEquals(ratio.safeParse("1.0000000000000000000001").success, false);
  assertEquals(ratio.safeParse("1").success, true);
  assertEquals(ratio.safeParse(0).success, false);
  assertEquals(decimalSchema({ min: 0, max: 1 }).safeParse("0").success, true);
  assertEquals(messagesOf(ratio, "ten"), ['must be a finite number > 0 and <= 1, got "ten"']);
  assertEquals(messagesOf(ratio, "-2.50"), ["must be a finite number > 0 and <= 1, got -2.50"]);
});

Deno.test("decimalSchema rejects a huge exponent that decimal.js would hold as a finite value", () => {
  const bps = decimalSchema({ min: 0, max: 1000 });
  // decimal.js keeps 1e309 finite; only the upper bound stops it.
  assertEquals(new Decimal("1e309").isFinite(), true);
  assertEquals(messagesOf(bps, "1e309"), ["must be a finite number >= 0 and <= 1000, got 1e309"]);
  assertEquals(messagesOf(bps, "1e99999999999999999"), [
    "must be a finite number >= 0 and <= 1000, got 1e99999999999999999",
  ]);
});

Deno.test("decimalSchema rejects non-finite JS numbers and NaN spellings", () => {
  const bps = decimalSchema({ min: 0, max: 1000 });
  for (const input of [Infinity, -Infinity, NaN]) {
    assertEquals(messagesOf(bps, input), [
      `must be a finite number >= 0 and <= 1000, got ${input}`,
    ]);
  }
  for (const input of ["NaN", "Infinity", "0x10", ""]) {
    assertEquals(messagesOf(bps, input), [
      `must be a finite number >= 0 and <= 1000, got ${JSON.stringify(input)}`,
    ]);
  }
});

Deno.test("decimal fields in YAML name a rejected number by its source text", () => {
  for (const text of ["1e309", "-1e309", ".inf", "-.inf", ".nan", "0x10", "0o17"]) {
    assertEquals(messagesOf(holder, yaml(`money: ${text}\ncount: 1\n`)), [
      `must be a finite number > 0 and <= 1000000000000000000, got ${text}`,
    ]);
  }
});

Deno.test("numericKindOf sees through optional and default wrappers", () => {
  const decimal = decimalSchema(MONEY);
  assertEquals(numericKindOf(decimal.optional()), "decimal");
  assertEquals(numericKindOf(decimal.default(() => new Decimal(1))), "decimal");
  assertEquals(numericKindOf(z.number()), undefined);
});

Deno.test("exactNumbers works on records of decimals", () => {
  const weights = exactNumbers(z.record(z.string(), decimalSchema({ greaterThan: 0, max: 1 })));
  const parsed = weights.parse(yaml("a: 0.30000000000000000001\nb: 0.7\n"));
  assertEquals(parsed.a?.toString(), "0.30000000000000000001");
  assertEquals(parsed.a?.plus(parsed.b ?? 0).toString(), "1.00000000000000000001");
});

Deno.test("rawDecimal reads exact decimals from raw data and skips what is not a finite number", () => {
  const raw = yaml(
    "x: 0.1000000000000000000001\ny: abc\nz: '2.5'\nhuge: 1e309\ninf: .inf\nhex: 0x10\n",
  ) as object;
  assertEquals(rawDecimal(raw, "x")?.toString(), "0.1000000000000000000001");
  assertEquals(rawDecimal(raw, "y"), undefined);
  assertEquals(rawDecimal(raw, "z")?.toString(), "2.5");
  // Read from the source text, as the schema reads it: exact, not Infinity.
  assertEquals(rawDecimal(raw, "huge")?.toString(), "1e+309");
  assertEquals(rawDecimal(raw, "inf"), undefined);
  assertEquals(rawDecimal(raw, "hex"), undefined);
  assertEquals(rawDecimal({ n: Infinity }, "n"), undefined);
});
