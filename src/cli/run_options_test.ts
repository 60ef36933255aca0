import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { UsageError } from "../errors.ts";
import fc from "fast-check";
import { fileNameWarning, tickerOfFileName } from "./csv_data_flag.ts";
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

Deno.test("a CSV file named after another ticker than the symbol it feeds gets a warning", () => {
  assertEquals(
    fileNameWarning("/home/me/data/AAPL.csv", "MSFT"),
    "--data csv:/home/me/data/AAPL.csv: the file name says AAPL, but the graph trades MSFT; " +
      "its bars are replayed as MSFT's (give MSFT's file, or a folder holding MSFT.csv)",
  );
  assertEquals(fileNameWarning("AAPL_1d.csv", "MSFT")?.includes("says AAPL"), true);
  for (
    const [file, symbol] of [
      ["MSFT.csv", "MSFT"],
      ["msft_1d.csv", "MSFT"],
      ["BRK.B.csv", "BRK B"],
      ["BRK_B_daily.csv", "BRK.B"],
      ["data.csv", "MSFT"],
      ["prices2024.csv", "MSFT"],
      ["aapl.csv", "MSFT"], // lower case: not written as a ticker
    ]
  ) {
    assertEquals(fileNameWarning(file as string, symbol as string), undefined, `${file} ${symbol}`);
  }
  assertEquals(
    ["AAPL.csv", "SPY_1m.csv", "BRK.B.csv", "MSFT-daily.csv", "Data.csv", "AAPL2024.csv"].map(
      tickerOfFileName,
    ),
    ["AAPL", "SPY", "BRK.B", "MSFT", undefined, undefined],
  );
});

Deno.test("a file named SYMBOL or SYMBOL_anything is never warned about; any other ticker always is", () => {
  const ticker = fc.stringMatching(/^[A-Z]{1,5}$/);
  const suffix = fc.constantFrom("", "_1d", "_1m", "-daily", ".2024", " (1)");
  fc.assert(
    fc.property(ticker, ticker, suffix, fc.boolean(), (named, symbol, tail, lower) => {
      const base = lower ? named.toLowerCase() : named;
      const warning = fileNameWarning(`/data/${base}${tail}.csv`, symbol);
      if (named === symbol || lower) assertEquals(warning, undefined);
      else {assertEquals(
          warning?.includes(`the file name says ${named}, but the graph trades ${symbol}`),
          true,
        );}
    }),
    { seed: 61, numRuns: 500 },
  );
});
