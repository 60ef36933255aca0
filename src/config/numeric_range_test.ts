import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { Decimal } from "../model/decimal.ts";
import { NumberLiteral } from "./_numeric_source.ts";
import {
  decimalWithinRange,
  describeRange,
  numberFromText,
  numberWithinRange,
  numericRangeMessage,
  rangeJsonSchema,
} from "./numeric_range.ts";

const BPS = { min: 0, max: 1000 };
const POSITIVE = { greaterThan: 0, max: 1_000_000 };

Deno.test("describeRange states the kind and both bounds", () => {
  assertEquals(describeRange("integer", { min: 1, max: 65_535 }), "an integer >= 1 and <= 65535");
  assertEquals(describeRange("decimal", POSITIVE), "a finite number > 0 and <= 1000000");
  assertEquals(describeRange("number", { min: -10, max: 10 }), "a finite number >= -10 and <= 10");
});

Deno.test("numericRangeMessage shows a YAML number by its source text and strings quoted", () => {
  const bps = { kind: "decimal", range: BPS } as const;
  assertEquals(
    numericRangeMessage(bps, new NumberLiteral("1e309")),
    "must be a finite number >= 0 and <= 1000, got 1e309",
  );
  assertEquals(
    numericRangeMessage(bps, "NaN"),
    'must be a finite number >= 0 and <= 1000, got "NaN"',
  );
  assertEquals(
    numericRangeMessage(bps, -Infinity),
    "must be a finite number >= 0 and <= 1000, got -Infinity",
  );
  assertEquals(
    numericRangeMessage({ kind: "number", range: POSITIVE, alternative: '"max"' }, [1]),
    'must be "max" or a finite number > 0 and <= 1000000, got a list',
  );
});

Deno.test("decimalWithinRange compares exact decimals, including past the float range", () => {
  assertEquals(decimalWithinRange(new Decimal("1000"), BPS), true);
  assertEquals(decimalWithinRange(new Decimal("1000.0000000000000000000001"), BPS), false);
  assertEquals(decimalWithinRange(new Decimal("1e309"), BPS), false);
  assertEquals(decimalWithinRange(new Decimal("-1e309"), BPS), false);
  assertEquals(decimalWithinRange(new Decimal(NaN), BPS), false);
  assertEquals(decimalWithinRange(new Decimal(0), POSITIVE), false);
});

Deno.test("numberWithinRange refuses non-finite numbers and unsafe integers", () => {
  assertEquals(numberWithinRange(0.5, "number", POSITIVE), true);
  assertEquals(numberWithinRange(Infinity, "number", { min: 0, max: Infinity }), false);
  assertEquals(numberWithinRange(NaN, "number", BPS), false);
  assertEquals(numberWithinRange(2 ** 53, "integer", { min: 0, max: 2 ** 60 }), false);
  assertEquals(numberWithinRange(1.5, "integer", BPS), false);
});

Deno.test("rangeJsonSchema gives the JSON Schema bound keywords", () => {
  assertEquals(rangeJsonSchema(BPS), { minimum: 0, maximum: 1000 });
  assertEquals(rangeJsonSchema(POSITIVE), { exclusiveMinimum: 0, maximum: 1_000_000 });
});

Deno.test("numberFromText reads decimal notation only, finite and in range", () => {
  assertEquals(numberFromText(" 60 ", "number", POSITIVE), 60);
  assertEquals(numberFromText("1e3", "integer", BPS), 1000);
  assertEquals(numberFromText(".5", "number", POSITIVE), 0.5);
  for (const text of ["1e309", "-1e309", "Infinity", "NaN", "0x10", "", " ", "1_000", "5s"]) {
    assertEquals(numberFromText(text, "number", POSITIVE), undefined, text);
  }
  assertEquals(numberFromText("1000.5", "number", BPS), undefined);
  assertEquals(numberFromText("7.5", "integer", BPS), undefined);
  // The JS number of this text is 7, but the text is not an integer.
  assertEquals(numberFromText("7.0000000000000000001", "integer", BPS), undefined);
  assertEquals(numberFromText("9007199254740993", "integer", { min: 0, max: 2 ** 60 }), undefined);
});
