import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal, toDecimal } from "./decimal.ts";
import {
  DECIMAL_PRECISION,
  decimalFromUnits,
  decimalToNumber,
  significantDigitsBound,
} from "./decimal_number.ts";

/** A deterministic generator (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(next: () => number, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += String(Math.floor(next() * 10));
  return text;
}

Deno.test("decimalToNumber gives the same double as toNumber for prices, quantities and money", () => {
  const samples = [
    "0",
    "-0",
    "5",
    "-5",
    "74.11",
    "0.0001",
    "0.1",
    "-2907.376379769135802469135802469168",
    "106.8733333333333333333333333333333",
    "9007199254740991",
    "9007199254740993",
    "123456789012345678901234567890",
    "1e-30",
    "1.5e25",
    "1e22",
    "12345678901234567e5",
    "99999999999999999999",
  ];
  for (const text of samples) {
    const value = new Decimal(text);
    assertEquals(Object.is(decimalToNumber(value), value.toNumber()), true, text);
  }
  for (const special of [new Decimal(NaN), new Decimal(Infinity), new Decimal(-Infinity)]) {
    assertEquals(Object.is(decimalToNumber(special), special.toNumber()), true);
  }
});

Deno.test("decimalToNumber matches toNumber on random decimals of every length and scale", () => {
  const next = random(7);
  for (let i = 0; i < 20_000; i++) {
    const integerDigits = Math.floor(next() * 24);
    const fractionDigits = Math.floor(next() * 24);
    const sign = next() < 0.3 ? "-" : "";
    const text = `${sign}${digits(next, integerDigits) || "0"}.${
      digits(next, fractionDigits) || "0"
    }`;
    const value = new Decimal(text);
    assertEquals(Object.is(decimalToNumber(value), value.toNumber()), true, text);
  }
  for (let i = 0; i < 20_000; i++) {
    const double = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    const value = toDecimal(double);
    assertEquals(decimalToNumber(value), double, String(double));
  }
});

Deno.test("decimalFromUnits scales an integer exactly", () => {
  assertEquals(decimalFromUnits(7411, 2).toString(), "74.11");
  assertEquals(decimalFromUnits(-5, 4).toString(), "-0.0005");
  assertEquals(decimalFromUnits(120, 0).toString(), "120");
  assertEquals(
    decimalFromUnits(9007199254740991, 6).equals(new Decimal("9007199254.740991")),
    true,
  );
  assertThrows(() => decimalFromUnits(1.5, 2), RangeError);
  assertThrows(() => decimalFromUnits(1, 23), RangeError);
});

Deno.test("significantDigitsBound is never below the significant digits", () => {
  const next = random(11);
  for (let i = 0; i < 5_000; i++) {
    const text = `${digits(next, 1 + Math.floor(next() * 30))}e${Math.floor(next() * 40 - 20)}`;
    const value = new Decimal(text);
    assertEquals(significantDigitsBound(value) >= value.precision(), true, text);
  }
  assertEquals(significantDigitsBound(new Decimal(NaN)), Number.POSITIVE_INFINITY);
});

Deno.test("DECIMAL_PRECISION is the precision Decimal is configured with", () => {
  assertEquals(Decimal.precision, DECIMAL_PRECISION);
});
