import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { Decimal } from "../model/decimal.ts";
import { checkGraphRules } from "./graph_rules.ts";
import type { HardLimits } from "./safety_limits.ts";

const HARD: HardLimits = {
  maxPosition: 1000,
  maxNotional: new Decimal(100_000),
  maxPositionSource: "code default",
  maxNotionalSource: "IBKR_MAX_NOTIONAL",
};

const node = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "sma",
  symbols: ["AAPL"],
  ...extra,
});

function messages(raw: unknown): string[] {
  return checkGraphRules(raw, HARD).map((finding) =>
    `${finding.severity} ${finding.path.join(".")}: ${finding.message}`
  );
}

Deno.test("rules skip values of the wrong type, which the schema reports", () => {
  assertEquals(messages(null), []);
  assertEquals(messages({ strategies: "x", limits: 5, sizing: { max_position: "a" } }), []);
  assertEquals(messages({ strategies: [7, null, node("a", { max_position: -3 })] }), []);
  assertEquals(messages({ capital_policy: { type: "fixed", weights: "all" }, strategies: [] }), []);
});

Deno.test("node sizes are checked against the graph limits once those tighten the hard limits", () => {
  assertEquals(
    messages({
      limits: { max_position: 300 },
      strategies: [node("a", { max_position: 400, max_notional: 100_000.01 })],
    }),
    [
      "error strategies.0.max_position: 400 exceeds the hard limit 300 on shares (limits.max_position)",
      "error strategies.0.max_notional: 100000.01 exceeds the hard limit 100000 on notional (from IBKR_MAX_NOTIONAL)",
    ],
  );
});

Deno.test("a graph limit above the hard limit is an error and does not loosen anything", () => {
  assertEquals(
    messages({ limits: { max_position: 5000 }, strategies: [node("a", { max_position: 2000 })] }),
    [
      "error limits.max_position: 5000 exceeds the hard limit 1000 (code default; IBKR_MAX_POSITION overrides it); a graph may only tighten the hard limits",
      "error strategies.0.max_position: 2000 exceeds the hard limit 1000 on shares (code default; IBKR_MAX_POSITION overrides it)",
    ],
  );
});

Deno.test("values equal to the limits are allowed", () => {
  assertEquals(
    messages({
      limits: { max_position: 300, max_notional: 5000 },
      sizing: { max_position: 300, max_notional: "5000.00" },
      risk: { max_order_size: 300, max_order_notional: 5000 },
      strategies: [node("a", { max_position: 300, max_notional: 5000 })],
    }),
    [],
  );
});

Deno.test("ids are compared exactly and symbols case-insensitively", () => {
  assertEquals(
    messages({
      strategies: [
        node("a", { symbols: ["aapl", "AAPL", "msft"] }),
        node("b", { symbols: ["AAPL"] }),
        node("a"),
      ],
    }),
    [
      'error strategies.2.id: duplicate strategy id "a" (also strategies[0].id); ids must be unique',
      "warning strategies.0.symbols.1: symbol AAPL is listed twice (also symbols[0]); the repeat is ignored",
    ],
  );
});

Deno.test("fixed weights must cover exactly the strategy ids", () => {
  assertEquals(
    messages({
      strategies: [node("trend"), node("revert")],
      capital_policy: { type: "fixed", weights: { trend: 0.5, other: 0.5 } },
    }),
    [
      'error capital_policy.weights.other: "other" is not a strategy id of this graph, allowed: trend, revert',
      'error capital_policy.weights: no weight for strategy "revert"; every strategy needs a weight',
    ],
  );
});

Deno.test("csv feed needs a file for every traded symbol", () => {
  assertEquals(
    messages({
      venue: { type: "sim", feed: "csv", csv: { aapl: "a.csv" }, bars: 10 },
      strategies: [node("a", { symbols: ["AAPL", "MSFT"] })],
    }),
    [
      "error venue.csv: no CSV file for symbol MSFT (traded by a)",
      'warning venue.bars: key "bars" is ignored with feed csv (synthetic feed only)',
    ],
  );
});
