import assert from "node:assert/strict";
import fc from "fast-check";
import { checkVenueRules } from "./venue_rules.ts";

function csvGraph(keys: readonly string[]): Record<string, unknown> {
  return {
    venue: {
      type: "sim",
      feed: "csv",
      csv: Object.fromEntries(keys.map((key, i) => [key, `data/${i}.csv`])),
    },
    strategies: [{ id: "s", type: "sma", symbols: [...new Set(keys.map((k) => k.toUpperCase()))] }],
  };
}

Deno.test("venue.csv keys differing only in case are an error at the later key", () => {
  // Issue 8 follow-up: aapl: and AAPL: collapsed into one symbol without a word.
  const findings = checkVenueRules(csvGraph(["aapl", "MSFT", "AAPL"]));
  assert.deepEqual(findings, [{
    path: ["venue", "csv", "AAPL"],
    target: "key",
    message: '"AAPL" and "aapl" are both symbol AAPL (symbols are not case-sensitive); ' +
      "keep one of them",
    severity: "error",
  }]);
});

Deno.test("venue.symbols keys differing only in case are an error too", () => {
  const graph = {
    venue: { type: "sim", symbols: { Nvda: { drift: 0.1 }, NVDA: { drift: 0.2 } } },
    strategies: [{ id: "s", type: "sma", symbols: ["NVDA"] }],
  };
  const errors = checkVenueRules(graph).filter((finding) => finding.severity === "error");
  assert.deepEqual(errors.map((finding) => finding.path), [["venue", "symbols", "NVDA"]]);
});

Deno.test("an ibkr venue on a live-trading port gets a warning naming --live and IBKR_LIVE_ACK", () => {
  for (const port of [7496, 4001]) {
    const findings = checkVenueRules({ venue: { type: "ibkr", port } });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, "warning");
    assert.deepEqual(findings[0]?.path, ["venue", "port"]);
    assert.match(
      findings[0]?.message ?? "",
      new RegExp(`^live-trading port ${port} .*: runs need --live and IBKR_LIVE_ACK`),
    );
  }
  for (
    const venue of [{ type: "ibkr", port: 7497 }, { type: "ibkr", port: 4002 }, { type: "ibkr" }]
  ) {
    assert.deepEqual(checkVenueRules({ venue }), [], JSON.stringify(venue));
  }
});

Deno.test("every repeat of a symbol in another case is reported once, at its key; distinct symbols never", () => {
  const symbol = fc.stringMatching(/^[a-z]{1,5}$/);
  const casing = fc.array(fc.boolean(), { minLength: 5, maxLength: 5 });
  const spell = (text: string, upper: readonly boolean[]) =>
    [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
  fc.assert(
    fc.property(
      fc.uniqueArray(symbol, { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.nat(), casing), { maxLength: 12 }),
      (symbols, spellings) => {
        const keys: string[] = [];
        for (const [pick, upper] of spellings) {
          const key = spell(symbols[pick % symbols.length] as string, upper);
          if (!keys.includes(key)) keys.push(key);
        }
        for (const text of symbols) {
          if (!keys.some((k) => k.toLowerCase() === text)) keys.push(text);
        }
        const reported = checkVenueRules(csvGraph(keys))
          .filter((finding) => finding.severity === "error")
          .map((finding) => finding.path[2]);
        const expected = keys.filter((key, i) =>
          keys.findIndex((other) => other.toUpperCase() === key.toUpperCase()) < i
        );
        assert.deepEqual(reported, expected);
      },
    ),
    { seed: 31, numRuns: 300 },
  );
});
