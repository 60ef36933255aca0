import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { Decimal, toDecimal } from "../model/decimal.ts";
import type { OrderSide } from "../model/order.ts";
import { type TestAccount, testAccount } from "./_test_account.ts";
import { GroupExposureCheck } from "./group_exposure_check.ts";
import type { ProposedOrder } from "./risk_check.ts";
import { APPROVED, deny } from "./risk_decision.ts";
import { RiskGuard } from "./risk_guard.ts";

function order(symbol: string, side: OrderSide, quantity: number, position = 0): ProposedOrder {
  return {
    strategyId: "s",
    symbol,
    side,
    quantity: toDecimal(quantity),
    referencePrice: toDecimal(100),
    ts: 0,
    strategyPosition: position,
  };
}

function setup(): { guard: RiskGuard; account: TestAccount } {
  const account = testAccount();
  // tech already holds MSFT 400 x 100 = 40000 and a working AAPL buy of 200 x 100 = 20000
  account.held("MSFT", 400, 100);
  account.working("AAPL", 200, 100);
  const sectors = new GroupExposureCheck({
    groups: { aapl: "tech", MSFT: "tech", XOM: "energy" },
    caps: { tech: new Decimal(80_000) },
  });
  const guard = new RiskGuard({
    maxOrderSize: 10_000,
    maxOrderNotional: new Decimal(10_000_000),
    maxOrdersPerMinute: 1000,
  }, { price: () => 100, exposure: account.exposure, checks: [sectors] });
  return { guard, account };
}

Deno.test("GroupExposureCheck denies an order that lifts its group above the cap", () => {
  const { guard } = setup();
  // 40000 + (200 + 250) x 100 = 85000 > 80000
  assertEquals(
    guard.check(order("AAPL", "BUY", 250)),
    deny(
      "max_group_exposure",
      "group tech gross exposure 85000.00 after this order exceeds max_group_exposure 80000",
    ),
  );
  // 40000 + (200 + 200) x 100 = 80000: at the cap, allowed
  assertEquals(guard.check(order("AAPL", "BUY", 200)), APPROVED);
});

Deno.test("GroupExposureCheck ignores symbols outside any group and groups without a cap", () => {
  const { guard } = setup();
  assertEquals(guard.check(order("TSLA", "BUY", 5000)), APPROVED);
  assertEquals(guard.check(order("XOM", "BUY", 5000)), APPROVED);
});

Deno.test("GroupExposureCheck lets an exposure-reducing order through an exceeded cap", () => {
  const { guard, account } = setup();
  account.held("MSFT", 600, 100);
  // tech now 100000 + 20000 working; selling MSFT lowers it
  assertEquals(guard.check(order("MSFT", "SELL", 100, 1000)), APPROVED);
  assertEquals(guard.check(order("MSFT", "BUY", 1)).approved, false);
});

Deno.test("GroupExposureCheck maps symbols upper-case and reports their group", () => {
  const check = new GroupExposureCheck({ groups: { aapl: "tech" }, caps: {} });
  assertEquals(check.groupOf("AAPL"), "tech");
  assertEquals(check.groupOf("XOM"), undefined);
  assertEquals(check.name, "max_group_exposure");
});
