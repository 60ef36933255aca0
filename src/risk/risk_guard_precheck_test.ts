import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { Decimal, toDecimal } from "../model/decimal.ts";
import type { OrderSide } from "../model/order.ts";
import type { PriceCell } from "../model/price_cell.ts";
import { testAccount } from "./_test_account.ts";
import type { ProposedOrder } from "./risk_check.ts";
import type { RiskDecision } from "./risk_decision.ts";
import { RiskGuard, type RiskLimits } from "./risk_guard.ts";
import type { TradingStateChange } from "./trading_state.ts";

const T0 = Date.UTC(2024, 0, 2, 15);

const LIMITS: RiskLimits = {
  maxOrderSize: 500,
  maxOrderNotional: new Decimal(50_000),
  maxOrdersPerMinute: 1000,
  dailyLossLimit: new Decimal(1000),
};

function order(
  spec: { side?: OrderSide; quantity?: Decimal; price?: Decimal; position?: number; ts?: number } =
    {},
): ProposedOrder {
  return {
    strategyId: "fast",
    symbol: "AAPL",
    side: spec.side ?? "BUY",
    quantity: spec.quantity ?? toDecimal(10),
    referencePrice: spec.price ?? toDecimal(100),
    ts: spec.ts ?? T0,
    strategyPosition: spec.position ?? 0,
  };
}

/** A guard over a float account PnL, with or without the float pre-check. */
function lossGuard(pnl: () => number, precheck: boolean) {
  const calls = { decimal: 0 };
  const changes: TradingStateChange[] = [];
  const risk = new RiskGuard(LIMITS, {
    price: () => undefined,
    pnl: {
      exact: () => {
        calls.decimal++;
        return toDecimal(pnl());
      },
      estimate: pnl,
      // Without the pre-check the estimate is never trusted.
      estimateErrorBound: () => (precheck ? 0 : Number.POSITIVE_INFINITY),
    },
    onStateChange: (change) => changes.push(change),
  });
  return { risk, calls, changes };
}

Deno.test("RiskGuard skips the Decimal account PnL while the session PnL is far above the daily loss limit", () => {
  let pnl = 250.25;
  const { risk, calls } = lossGuard(() => pnl, true);
  risk.startSession(T0);
  assertEquals(calls.decimal, 1); // the session baseline
  for (let i = 0; i < 10; i++) {
    pnl -= 50;
    assertEquals(risk.check(order({ ts: T0 + i })).approved, true);
  }
  assertEquals(calls.decimal, 1);
  pnl = 250.25 - 1000; // exactly at the limit: judged in Decimal
  assertEquals(risk.check(order({ ts: T0 + 20 })).approved, false);
  assertEquals(calls.decimal, 2);
  assertEquals(risk.state, "REDUCING");
});

Deno.test("RiskGuard daily loss decisions and messages are the same with and without the float pre-check", () => {
  const baseline = 1234.5678;
  const steps = [0, -999.99, -999.9999999999, -1000, -1000.0000000001, -1000.01, -400, -1500];
  const run = (precheck: boolean) => {
    let pnl = baseline;
    const guard = lossGuard(() => pnl, precheck);
    guard.risk.startSession(T0);
    const decisions: RiskDecision[] = [];
    steps.forEach((step, i) => {
      pnl = baseline + step;
      decisions.push(guard.risk.check(order({ ts: T0 + i })));
      decisions.push(guard.risk.check(order({ side: "SELL", position: 50, ts: T0 + i })));
    });
    return { decisions, changes: guard.changes, state: guard.risk.state };
  };
  const exact = run(false);
  assertEquals(run(true), exact);
  assertEquals(exact.changes.length, 1);
});

Deno.test("RiskGuard compares order size and notional exactly when the float rounds onto the limit", () => {
  const risk = new RiskGuard({ ...LIMITS, dailyLossLimit: undefined }, { price: () => undefined });
  assertEquals(risk.check(order({ quantity: toDecimal(500), price: toDecimal(1) })).approved, true);
  // 500.000...1 is 500 as a double, but larger than max_order_size
  const overSize = risk.check(
    order({ quantity: new Decimal("500.0000000000000000001"), price: toDecimal(1) }),
  );
  assertEquals(overSize.approved ? "" : overSize.rule, "max_order_size");
  assertEquals(
    risk.check(order({ quantity: toDecimal(500), price: toDecimal(100) })).approved,
    true,
  );
  const overNotional = risk.check(
    order({ quantity: toDecimal(500), price: new Decimal("100.0000000000000000001") }),
  );
  assertEquals(overNotional.approved ? "" : overNotional.rule, "max_order_notional");
});

Deno.test("RiskGuard uses referencePriceNumber for its screens and the Decimal near the limit", () => {
  const risk = new RiskGuard({ ...LIMITS, dailyLossLimit: undefined }, { price: () => undefined });
  const withNumber = (quantity: number, price: number): ProposedOrder => ({
    ...order({ quantity: toDecimal(quantity), price: toDecimal(price) }),
    referencePriceNumber: price,
  });
  assertEquals(risk.check(withNumber(500, 100)).approved, true);
  assertEquals(risk.check(withNumber(3, 0.1)).approved, true);
  assertEquals(risk.check(withNumber(499, 100.21)).approved, false);
});

/** A cell whose price the test sets, standing in for the market data service. */
class TestCell implements PriceCell {
  price: number | undefined = undefined;
}

Deno.test("RiskGuard values exposure through price cells exactly as through the price lookup", () => {
  const cells = new Map<string, TestCell>();
  const cellOf = (symbol: string) => {
    let cell = cells.get(symbol);
    if (cell === undefined) cells.set(symbol, cell = new TestCell());
    return cell;
  };
  const limits = {
    ...LIMITS,
    dailyLossLimit: undefined,
    maxOrderSize: 10_000,
    maxOrderNotional: new Decimal(1e9),
    maxGrossExposure: new Decimal(100_000),
  };
  const cellAccount = testAccount({ priceCell: cellOf });
  const lookupAccount = testAccount();
  const withCells = new RiskGuard(limits, {
    price: (symbol) => cells.get(symbol)?.price,
    exposure: cellAccount.exposure,
  });
  const lookup = new RiskGuard(limits, {
    price: (symbol) => cells.get(symbol)?.price,
    exposure: lookupAccount.exposure,
  });
  for (const account of [cellAccount, lookupAccount]) {
    account.held("MSFT", 200, 250);
    account.held("IBM", -100, 150);
  }
  assertEquals(withCells.exposure.symbol("MSFT").priceCell, cells.get("MSFT"));
  const decide = () =>
    [withCells, lookup].map((risk) =>
      risk.check(order({ quantity: toDecimal(300), price: toDecimal(100) }))
    );
  // no market prices yet: last fill prices, 50000 + 15000 + 30000 = 95000
  const [first, second] = decide();
  assertEquals(first, second);
  assertEquals(first?.approved, true);
  cells.get("MSFT")!.price = 300; // 60000 + 15000 + 30000 > 100000
  const [third, fourth] = decide();
  assertEquals(third, fourth);
  assertEquals(third?.approved, false);
});

Deno.test("AccountExposure entries carry no price cell without a cell source", () => {
  const account = testAccount();
  account.held("AAPL", 1);
  assertEquals(account.exposure.symbol("AAPL").priceCell, undefined);
});
