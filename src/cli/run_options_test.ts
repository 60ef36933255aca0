import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { UsageError } from "../errors.ts";
import { parseRunFlags, type RawRunFlags } from "./run_options.ts";

const GRAPH = "graphs/sma_pair.yaml";

function usageMessage(raw: RawRunFlags, graph: string | undefined): string {
  try {
    parseRunFlags(graph, raw);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${JSON.stringify(raw)}`);
}

/** Texts no numeric flag accepts: not finite, not decimal notation, or not a number at all. */
const NEVER_NUMBERS = ["1e309", "-1e309", "Infinity", "-Infinity", "NaN", "0x10", "", "ten"];

Deno.test("numeric run flags within their ranges are parsed", () => {
  const flags = parseRunFlags(GRAPH, {
    seed: "4294967295",
    bars: "1e3",
    speed: "60",
    port: "7497",
    clientId: "0",
    duration: "3600",
  });
  assertEquals(
    [flags.seed, flags.bars, flags.speed, flags.port, flags.clientId, flags.durationSeconds],
    [4_294_967_295, 1000, 60, 7497, 0, 3600],
  );
  assertEquals(parseRunFlags(GRAPH, { speed: "max" }).speed, "max");
  assertEquals(parseRunFlags(GRAPH, { speed: "0.5" }).speed, 0.5);
});

Deno.test("integer run flags reject huge, infinite, NaN, hex and out-of-range values naming the range", () => {
  const cases = [
    ["seed", "seed", "an integer >= 0 and <= 4294967295"],
    ["bars", "bars", "an integer >= 1 and <= 10000000"],
    ["port", "port", "an integer >= 1 and <= 65535"],
    ["clientId", "client-id", "an integer >= 0 and <= 2147483647"],
    ["duration", "duration", "an integer >= 1 and <= 31622400"],
  ] as const;
  for (const [key, flag, allowed] of cases) {
    for (const text of [...NEVER_NUMBERS, "-1", "4294967296", "1.5", "7.0000000000000000001"]) {
      assertEquals(
        usageMessage({ [key]: text }, GRAPH),
        `--${flag} must be ${allowed}, got ${JSON.stringify(text)}`,
        `${flag} ${text}`,
      );
    }
  }
});

Deno.test("--speed is max or a finite multiplier in (0, 1000000]", () => {
  for (const text of [...NEVER_NUMBERS, "0", "-5", "1000001", "fast"]) {
    assertEquals(
      usageMessage({ speed: text }, GRAPH),
      `--speed must be "max" or a finite number > 0 and <= 1000000, got ${JSON.stringify(text)}`,
    );
  }
});

Deno.test("the single-SMA flags reject non-finite and out-of-range numbers", () => {
  const sma = { symbol: "AAPL", fast: "10", slow: "30" };
  assertEquals(parseRunFlags(undefined, { ...sma, size: "1000000000" }).sma?.size, 1_000_000_000);
  for (const text of NEVER_NUMBERS) {
    assertEquals(
      usageMessage({ ...sma, fast: text }, undefined),
      `--fast must be an integer >= 1 and <= 5000, got ${JSON.stringify(text)}`,
    );
    assertEquals(
      usageMessage({ ...sma, slow: text }, undefined),
      `--slow must be an integer >= 2 and <= 5000, got ${JSON.stringify(text)}`,
    );
    assertEquals(
      usageMessage({ ...sma, size: text }, undefined),
      `--size must be an integer >= 1 and <= 1000000000, got ${JSON.stringify(text)}`,
    );
  }
  assertThrows(() => parseRunFlags(undefined, { ...sma, size: "1000000001" }), UsageError);
});
