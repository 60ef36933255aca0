import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import { decimalSchema, exactDecimals, isDecimalSchema, rawDecimal } from "./decimal_schema.ts";
import { parseYamlSource } from "./yaml_source.ts";

const holder = exactDecimals(z.strictObject({
  money: decimalSchema({ gt: 0 }),
  count: z.number().int(),
}));

Deno.test("decimalSchema takes the digits from the YAML source, not the float", () => {
  const source = parseYamlSource("money: 12345678901234567.89\ncount: 3\n", "g.yaml");
  const parsed = holder.parse(source.value);
  assertEquals(parsed.money.toString(), "12345678901234567.89");
  assertEquals(parsed.count, 3);
  // The JS number alone would have lost the cents:
  assertEquals(new Decimal(12345678901234567.89).toString(), "12345678901234568");
});

Deno.test("decimalSchema accepts numbers and numeric strings from plain objects", () => {
  assertEquals(holder.parse({ money: 0.1, count: 1 }).money.toString(), "0.1");
  assertEquals(holder.parse({ money: "1e-3", count: 1 }).money.toString(), "0.001");
});

Deno.test("decimalSchema enforces its bounds on the exact value", () => {
  const ratio = decimalSchema({ gt: 0, lte: 1 });
  assertEquals(ratio.safeParse("1.0000000000000000000001").success, false);
  assertEquals(ratio.safeParse("1").success, true);
  assertEquals(ratio.safeParse(0).success, false);
  assertEquals(decimalSchema({ gte: 0 }).safeParse("0").success, true);
  assertEquals(
    ratio.safeParse("ten").error?.issues[0]?.message,
    'expected a decimal number, got "ten"',
  );
  assertEquals(
    decimalSchema({ gt: 0 }).safeParse("-2.50").error?.issues[0]?.message,
    "must be > 0 (got -2.5)",
  );
});

Deno.test("isDecimalSchema sees through optional and default wrappers", () => {
  const decimal = decimalSchema();
  assertEquals(isDecimalSchema(decimal.optional()), true);
  assertEquals(isDecimalSchema(decimal.default(() => new Decimal(1))), true);
  assertEquals(isDecimalSchema(z.number()), false);
});

Deno.test("exactDecimals works on records of decimals", () => {
  const weights = exactDecimals(z.record(z.string(), decimalSchema({ gt: 0 })));
  const source = parseYamlSource("a: 0.30000000000000000001\nb: 0.7\n", "g.yaml");
  const parsed = weights.parse(source.value);
  assertEquals(parsed.a?.toString(), "0.30000000000000000001");
  assertEquals(parsed.a?.plus(parsed.b ?? 0).toString(), "1.00000000000000000001");
});

Deno.test("rawDecimal reads exact decimals from raw data and skips non-numbers", () => {
  const source = parseYamlSource("x: 0.1000000000000000000001\ny: abc\nz: '2.5'\n", "g.yaml");
  const raw = source.value as object;
  assertEquals(rawDecimal(raw, "x")?.toString(), "0.1000000000000000000001");
  assertEquals(rawDecimal(raw, "y"), undefined);
  assertEquals(rawDecimal(raw, "z")?.toString(), "2.5");
  assertEquals(rawDecimal({ n: Infinity }, "n"), undefined);
});
