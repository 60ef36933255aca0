import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import type { AccountSnapshot } from "../model/account.ts";
import { Decimal } from "../model/decimal.ts";
import { allocationInput, node, sizes } from "./_test_inputs.ts";
import { EqualWeightPolicy } from "./equal_weight_policy.ts";

Deno.test("EqualWeightPolicy splits max_position and max_notional evenly across strategies", () => {
  const policy = new EqualWeightPolicy();
  const decisions = policy.prepare(allocationInput([node("fast"), node("slow")]));
  assertEquals(sizes(policy.envelopeFor("fast", "AAPL")), [50, "50000.00"]);
  assertEquals(sizes(policy.envelopeFor("slow", "AAPL")), [50, "50000.00"]);
  const first = decisions[0];
  assertEquals(
    first && {
      strategyId: first.strategyId,
      symbol: first.symbol,
      weight: first.weight,
      scale: first.scale,
      maxSize: first.maxSize,
      maxNotional: first.maxNotional,
      capital: first.capital,
      capitalSource: first.capitalSource,
    },
    {
      strategyId: "fast",
      symbol: "AAPL",
      weight: "0.5",
      scale: "1",
      maxSize: 50,
      maxNotional: "50000.00",
      capital: "100000",
      capitalSource: "sizing",
    },
  );
  assertEquals(decisions.length, 2);
  assertEquals(JSON.parse(JSON.stringify(decisions)), decisions);
});

Deno.test("EqualWeightPolicy uses exact fractions, floors shares and rounds notional down to cents", () => {
  const policy = new EqualWeightPolicy();
  policy.prepare(allocationInput(
    [node("a"), node("b", { symbols: ["AAPL", "MSFT"] }), node("c")],
    { maxPosition: 99 },
  ));
  // 99 / 3 = 33 exactly; 100000 / 3 = 33333.333.. -> 33333.33
  assertEquals(sizes(policy.envelopeFor("a", "AAPL")), [33, "33333.33"]);
  // b's notional share is split over its 2 symbols: 33333.333.. / 2 = 16666.666.. -> 16666.66
  assertEquals(sizes(policy.envelopeFor("b", "MSFT")), [33, "16666.66"]);
});

Deno.test("EqualWeightPolicy never exceeds a node's own max_position and max_notional", () => {
  const policy = new EqualWeightPolicy();
  policy.prepare(allocationInput([
    node("capped", { maxPosition: 20, maxNotional: new Decimal(10_000), symbols: ["A", "B"] }),
    node("free"),
  ]));
  // min(20, 50) = 20; min(10000, 50000) / 2 = 5000
  assertEquals(sizes(policy.envelopeFor("capped", "A")), [20, "5000.00"]);
  assertEquals(sizes(policy.envelopeFor("free", "AAPL")), [50, "50000.00"]);
  const capital = policy.capital();
  assertEquals(
    [capital.total, capital.allocated, capital.available].map(String),
    ["100000", "60000", "40000"],
  );
});

Deno.test("EqualWeightPolicy divides the net liquidation when it is below sizing.max_notional", () => {
  const policy = new EqualWeightPolicy();
  const account: AccountSnapshot = {
    accountId: "DU1",
    isPaper: true,
    currency: "USD",
    netLiquidation: new Decimal(80_000),
  };
  const decisions = policy.prepare(allocationInput([node("fast"), node("slow")]), account);
  assertEquals(sizes(policy.envelopeFor("fast", "AAPL")), [50, "40000.00"]);
  assertEquals(decisions[0]?.capital, "80000");
  assertEquals(decisions[0]?.capitalSource, "net_liquidation");
  assert(decisions[0]?.reason.includes("net liquidation 80000 (below sizing.max_notional 100000)"));
  assertEquals(policy.capital().total.toString(), "80000");
  assertEquals(policy.capital().available.toString(), "0");

  const rich = { ...account, netLiquidation: new Decimal(1_000_000) };
  policy.prepare(allocationInput([node("fast"), node("slow")]), rich);
  assertEquals(sizes(policy.envelopeFor("fast", "AAPL")), [50, "50000.00"]);
  assertEquals(policy.capital().total.toString(), "100000");
});

Deno.test("EqualWeightPolicy explains the numbers in the decision reason", () => {
  const policy = new EqualWeightPolicy();
  const [decision] = policy.prepare(allocationInput([node("fast"), node("slow")]));
  assertEquals(
    decision?.reason,
    "equal_weight: weight 1/2, scale 1; max_size = floor(min(node 100, sizing 100 x 1/2 x 1 = 50)) = 50; " +
      "max_notional = min(node 100000, capital 100000 x 1/2 x 1 = 50000) / 1 symbol(s) = 50000.00; " +
      "capital from sizing.max_notional 100000",
  );
});

Deno.test("EqualWeightPolicy refuses envelopes for pairs it did not allocate and never refreshes", () => {
  const policy = new EqualWeightPolicy();
  policy.prepare(allocationInput([node("fast")]));
  assertThrows(() => policy.envelopeFor("fast", "MSFT"), /no envelope for strategy "fast"/);
  assertThrows(() => policy.envelopeFor("other", "AAPL"), RangeError);
  policy.observe("AAPL", 100);
  assertEquals(policy.refresh(1), []);
  assertEquals(policy.observesCloses, false);
});
