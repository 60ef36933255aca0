import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal } from "../model/decimal.ts";
import { allocationInput, node, sizes } from "./_test_inputs.ts";
import { FixedWeightPolicy } from "./fixed_weight_policy.ts";

Deno.test("FixedWeightPolicy weights summing below 1 leave capital available", () => {
  const policy = new FixedWeightPolicy({ fast: new Decimal("0.5"), slow: new Decimal("0.3") });
  const decisions = policy.prepare(allocationInput([node("fast"), node("slow")]));
  assertEquals(sizes(policy.envelopeFor("fast", "AAPL")), [50, "50000.00"]);
  assertEquals(sizes(policy.envelopeFor("slow", "AAPL")), [30, "30000.00"]);
  assertEquals(decisions.map((d) => d.weight), ["0.5", "0.3"]);
  const capital = policy.capital();
  assertEquals(
    [capital.total, capital.allocated, capital.available].map(String),
    ["100000", "80000", "20000"],
  );
});

Deno.test("FixedWeightPolicy computes shares exactly (0.29 of 100 is 29, not 28)", () => {
  const policy = new FixedWeightPolicy({ a: new Decimal("0.29"), b: new Decimal("0.71") });
  policy.prepare(allocationInput([node("a", { symbols: ["X", "Y", "Z"] }), node("b")]));
  // 100000 x 0.29 = 29000 over 3 symbols = 9666.666.. -> 9666.66
  assertEquals(sizes(policy.envelopeFor("a", "Z")), [29, "9666.66"]);
  assertEquals(sizes(policy.envelopeFor("b", "AAPL")), [71, "71000.00"]);
});

Deno.test("FixedWeightPolicy applies the net liquidation cap to the weighted capital", () => {
  const policy = new FixedWeightPolicy({ fast: new Decimal("0.6"), slow: new Decimal("0.4") });
  const decisions = policy.prepare(allocationInput([node("fast"), node("slow")]), {
    accountId: "DU1",
    isPaper: true,
    currency: "USD",
    netLiquidation: new Decimal(50_000),
  });
  // 50000 x 0.6 = 30000; shares are not capped by capital: 100 x 0.6 = 60
  assertEquals(sizes(policy.envelopeFor("fast", "AAPL")), [60, "30000.00"]);
  assertEquals(decisions[1]?.capitalSource, "net_liquidation");
  assertEquals(policy.capital().allocated.toString(), "50000");
});

Deno.test("FixedWeightPolicy rejects bad weights and weights that do not match the strategies", () => {
  assertThrows(
    () => new FixedWeightPolicy({ a: new Decimal("0.7"), b: new Decimal("0.5") }),
    /sum to 1.2, must be in \(0, 1\]/,
  );
  assertThrows(() => new FixedWeightPolicy({ a: new Decimal(0) }), /must be > 0/);
  const policy = new FixedWeightPolicy({ a: new Decimal("0.5") });
  assertThrows(
    () => policy.prepare(allocationInput([node("a"), node("b")])),
    /no entry for strategy "b"/,
  );
  assertThrows(() => policy.prepare(allocationInput([node("c")])), /unknown strategy "a"/);
});
