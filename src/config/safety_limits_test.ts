import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal } from "../model/decimal.ts";
import { InvalidEnvironmentError } from "../errors.ts";
import { CODE_SAFETY_LIMITS, hardLimitsFromEnv, tightenLimits } from "./safety_limits.ts";

const envOf = (values: Record<string, string>) => (name: string) => values[name];

Deno.test("hard limits default to the code values when the environment is silent", () => {
  const limits = hardLimitsFromEnv(envOf({}));
  assertEquals(limits.maxPosition, 10_000);
  assertEquals(limits.maxNotional.toString(), "1000000");
  assertEquals(limits.maxPositionSource, "code default");
  assertEquals(limits.maxNotional.eq(CODE_SAFETY_LIMITS.maxNotional), true);
});

Deno.test("IBKR_MAX_POSITION and IBKR_MAX_NOTIONAL replace the code defaults", () => {
  const limits = hardLimitsFromEnv(envOf({
    IBKR_MAX_POSITION: " 25000 ",
    IBKR_MAX_NOTIONAL: "1234567.891",
  }));
  assertEquals(limits.maxPosition, 25_000);
  assertEquals(limits.maxNotional.toString(), "1234567.891");
  assertEquals(limits.maxPositionSource, "IBKR_MAX_POSITION");
  assertEquals(limits.maxNotionalSource, "IBKR_MAX_NOTIONAL");
});

Deno.test("an empty variable counts as unset", () => {
  assertEquals(hardLimitsFromEnv(envOf({ IBKR_MAX_POSITION: "" })).maxPosition, 10_000);
});

Deno.test("invalid environment values are clear errors", () => {
  for (const value of ["abc", "0", "-5", "1.5", "1e3", "Infinity", "NaN", "0x10", "00"]) {
    assertThrows(
      () => hardLimitsFromEnv(envOf({ IBKR_MAX_POSITION: value })),
      (error: unknown) =>
        error instanceof InvalidEnvironmentError && error.variable === "IBKR_MAX_POSITION" &&
        error.message ===
          `IBKR_MAX_POSITION must be a positive whole number of shares, e.g. 5000 (got ${
            JSON.stringify(value)
          })`,
    );
  }
  for (const value of ["lots", "0", "-1", "Infinity", "-Infinity", "NaN", "0x10", "-1e309"]) {
    assertThrows(
      () => hardLimitsFromEnv(envOf({ IBKR_MAX_NOTIONAL: value })),
      (error: unknown) =>
        error instanceof InvalidEnvironmentError && error.exitCode === 1 &&
        error.message.startsWith("IBKR_MAX_NOTIONAL must be a positive decimal amount"),
    );
  }
});

Deno.test("environment values above the documented maximum are errors, read from their exact text", () => {
  for (const value of ["1000000001", "99999999999999999999", "9007199254740993"]) {
    assertThrows(
      () => hardLimitsFromEnv(envOf({ IBKR_MAX_POSITION: value })),
      (error: unknown) =>
        error instanceof InvalidEnvironmentError && error.variable === "IBKR_MAX_POSITION" &&
        error.message ===
          `IBKR_MAX_POSITION must be at most 1000000000 shares (got ${JSON.stringify(value)})`,
    );
  }
  // 1e309 is Infinity as a JS number but a finite Decimal: the range stops it either way.
  for (const value of ["1e309", "1000000000000.01", "1e9999999999999999999"]) {
    assertThrows(
      () => hardLimitsFromEnv(envOf({ IBKR_MAX_NOTIONAL: value })),
      (error: unknown) =>
        error instanceof InvalidEnvironmentError && error.variable === "IBKR_MAX_NOTIONAL" &&
        error.message.startsWith("IBKR_MAX_NOTIONAL must be "),
    );
  }
  assertThrows(
    () => hardLimitsFromEnv(envOf({ IBKR_MAX_NOTIONAL: "1e309" })),
    { message: 'IBKR_MAX_NOTIONAL must be at most 1000000000000 (got "1e309")' },
  );
});

Deno.test("the largest documented environment values are accepted exactly", () => {
  const limits = hardLimitsFromEnv(envOf({
    IBKR_MAX_POSITION: "1000000000",
    IBKR_MAX_NOTIONAL: "999999999999.999999999999",
  }));
  assertEquals(limits.maxPosition, 1_000_000_000);
  assertEquals(limits.maxNotional.toString(), "999999999999.999999999999");
});

Deno.test("tightenLimits keeps the tighter of hard and graph values", () => {
  const hard = { maxPosition: 1000, maxNotional: new Decimal(50_000) };
  const tight = tightenLimits(hard, { maxPosition: 200, maxNotional: new Decimal(90_000) });
  assertEquals(tight.maxPosition, 200);
  assertEquals(tight.maxNotional.toString(), "50000");
  assertEquals(tightenLimits(hard, {}).maxPosition, 1000);
});
