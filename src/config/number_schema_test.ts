import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { z } from "zod";
import { exactNumbers } from "./exact_numbers.ts";
import { integerSchema, numberSchema } from "./number_schema.ts";
import { parseYamlSource } from "./yaml_source.ts";

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  return schema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
}

Deno.test("integerSchema accepts safe integers within its range", () => {
  const port = integerSchema({ min: 1, max: 65_535 });
  assertEquals(port.parse(1), 1);
  assertEquals(port.parse(65_535), 65_535);
});

Deno.test("integerSchema gives one message naming the range for every kind of bad input", () => {
  const port = integerSchema({ min: 1, max: 65_535 });
  const expected = (got: string) => [`must be an integer >= 1 and <= 65535, got ${got}`];
  assertEquals(messagesOf(port, 0), expected("0"));
  assertEquals(messagesOf(port, 70_000), expected("70000"));
  assertEquals(messagesOf(port, 1.5), expected("1.5"));
  assertEquals(messagesOf(port, 2 ** 60), expected(String(2 ** 60)));
  assertEquals(messagesOf(port, Infinity), expected("Infinity"));
  assertEquals(messagesOf(port, -Infinity), expected("-Infinity"));
  assertEquals(messagesOf(port, NaN), expected("NaN"));
  assertEquals(messagesOf(port, "80"), expected('"80"'));
});

Deno.test("numberSchema rejects non-finite numbers and values outside an exclusive lower bound", () => {
  const volatility = numberSchema({ greaterThan: 0, max: 10 });
  assertEquals(volatility.parse(0.25), 0.25);
  const expected = (got: string) => [`must be a finite number > 0 and <= 10, got ${got}`];
  assertEquals(messagesOf(volatility, 0), expected("0"));
  assertEquals(messagesOf(volatility, 1e308), expected("1e+308"));
  assertEquals(messagesOf(volatility, Infinity), expected("Infinity"));
});

Deno.test("a missing required number is reported as missing, not as out of range", () => {
  const schema = z.strictObject({ bars: integerSchema({ min: 1, max: 10 }) });
  assertEquals(messagesOf(schema, {}), ["Invalid input: expected number, received undefined"]);
});

Deno.test("number fields in YAML name a number the JS value cannot hold by its source text", () => {
  const holder = exactNumbers(z.strictObject({
    seed: integerSchema({ min: 0, max: 4_294_967_295 }).optional(),
    drift: numberSchema({ min: -10, max: 10 }).optional(),
  }));
  const messages = (text: string) => messagesOf(holder, parseYamlSource(text, "g.yaml").value);
  const seed = (got: string) => [`must be an integer >= 0 and <= 4294967295, got ${got}`];
  assertEquals(messages("seed: 1e309"), seed("1e309"));
  assertEquals(messages("seed: 0x10"), seed("0x10"));
  assertEquals(messages("seed: 9007199254740993"), seed("9007199254740993"));
  assertEquals(messages("seed: 7.00000000000000000001"), seed("7.00000000000000000001"));
  assertEquals(messages("drift: -.inf"), ["must be a finite number >= -10 and <= 10, got -.inf"]);
  assertEquals(messages("drift: .NaN"), ["must be a finite number >= -10 and <= 10, got .NaN"]);
  assertEquals(messages("seed: 1e3\ndrift: -0.5"), []);
});
