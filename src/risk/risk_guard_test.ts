import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal, toDecimal } from "../model/decimal.ts";
import type { OrderSide } from "../model/order.ts";
import { pnlOf, testAccount } from "./_test_account.ts";
import type { ProposedOrder, RiskCheck, RiskView } from "./risk_check.ts";
import { APPROVED, deny } from "./risk_decision.ts";
import { RiskGuard, type RiskGuardOptions, type RiskLimits } from "./risk_guard.ts";
import { TradingState, type TradingStateChange } from "./trading_state.ts";

const T0 = Date.UTC(2024, 0, 2, 15);

const LIMITS: RiskLimits = {
  maxOrderSize: 500,
  maxOrderNotional: new Decimal(50_000),
  maxOrdersPerMinute: 120,
};

interface OrderSpec {
  side?: OrderSide;
  quantity?: number;
  price?: number;
  position?: number;
  ts?: number;
  symbol?: string;
}

function order(spec: OrderSpec = {}): ProposedOrder {
  return {
    strategyId: "fast",
    symbol: spec.symbol ?? "AAPL",
    side: spec.side ?? "BUY",
    quantity: toDecimal(spec.quantity ?? 100),
    referencePrice: toDecimal(spec.price ?? 100),
    ts: spec.ts ?? T0,
    strategyPosition: spec.position ?? 0,
  };
}

function guard(
  limits: Partial<RiskLimits> = {},
  options: Partial<RiskGuardOptions> = {},
): RiskGuard {
  return new RiskGuard({ ...LIMITS, ...limits }, { price: () => undefined, ...options });
}

Deno.test("RiskGuard approves an order within every limit and counts the call", () => {
  const risk = guard();
  assertEquals(risk.check(order()), APPROVED);
  assertEquals(risk.checkCount, 1);
});

Deno.test("RiskGuard denies an order larger than max_order_size", () => {
  const decision = guard().check(order({ quantity: 600, price: 1 }));
  assertEquals(decision, deny("max_order_size", "order size 600 exceeds max_order_size 500"));
});

Deno.test("RiskGuard denies an order above max_order_notional and states the numbers", () => {
  const risk = guard({ maxOrderSize: 1000 });
  assertEquals(
    risk.check(order({ quantity: 600, price: 100 })),
    deny("max_order_notional", "order notional 60000.00 exceeds max_order_notional 50000"),
  );
  assertEquals(risk.check(order({ quantity: 500, price: 100 })), APPROVED);
  // exact decimals: 3 x 0.1 is exactly 0.3, so a 0.3 limit is not exceeded
  const tiny = guard({ maxOrderNotional: new Decimal("0.3") });
  assertEquals(tiny.check(order({ quantity: 3, price: 0.1 })), APPROVED);
});

Deno.test("RiskGuard max_symbol_exposure counts other strategies' working orders", () => {
  const account = testAccount();
  account.working("AAPL", 1000, 100);
  const risk = guard({
    maxOrderSize: 1000,
    maxOrderNotional: new Decimal(1e6),
    maxSymbolExposure: new Decimal(150_000),
  }, {
    exposure: account.exposure,
  });
  assertEquals(
    risk.check(order({ quantity: 600, price: 100 })),
    deny(
      "max_symbol_exposure",
      "AAPL gross exposure 160000.00 after this order exceeds max_symbol_exposure 150000",
    ),
  );
  assertEquals(risk.check(order({ quantity: 500, price: 100 })), APPROVED);
});

Deno.test("RiskGuard lets an order that does not increase exposure pass an exceeded cap", () => {
  const account = testAccount();
  account.held("AAPL", 2000);
  const risk = guard(
    { maxSymbolExposure: new Decimal(150_000), maxGrossExposure: new Decimal(1) },
    {
      exposure: account.exposure,
    },
  );
  assertEquals(risk.check(order({ side: "SELL", quantity: 100, position: 2000 })), APPROVED);
  assertEquals(risk.check(order({ side: "BUY", quantity: 1 })).approved, false);
});

Deno.test("RiskGuard max_gross_exposure sums every symbol at market prices", () => {
  const account = testAccount();
  account.held("MSFT", 100, 250);
  const risk = guard({ maxGrossExposure: new Decimal(50_000) }, {
    exposure: account.exposure,
    price: (symbol) => (symbol === "MSFT" ? 300 : undefined),
  });
  // MSFT 100 x 300 = 30000, plus AAPL 300 x 100 = 30000
  assertEquals(
    risk.check(order({ quantity: 300, price: 100 })),
    deny(
      "max_gross_exposure",
      "gross exposure 60000.00 after this order exceeds max_gross_exposure 50000",
    ),
  );
  assertEquals(risk.check(order({ quantity: 200, price: 100 })), APPROVED);
});

Deno.test("RiskGuard daily loss breach switches to REDUCING: only reducing orders without a flip pass", () => {
  let pnl = new Decimal(0);
  const changes: TradingStateChange[] = [];
  const risk = guard({ dailyLossLimit: new Decimal(1000) }, {
    pnl: pnlOf(() => pnl),
    onStateChange: (change) => changes.push(change),
  });
  assertEquals(risk.check(order()), APPROVED);
  pnl = new Decimal("-1000.5");
  const opening = risk.check(order({ ts: T0 + 1 }));
  assertEquals(opening.approved, false);
  assertEquals(opening.approved ? "" : opening.rule, "daily_loss");
  assertEquals(
    opening.approved ? "" : opening.reason,
    "trading is REDUCING after session PnL -1000.5 (account PnL -1000.5 now, 0 at the previous session's close) reached daily_loss_limit 1000: BUY 100 against position 0 does not reduce it without flipping",
  );
  assertEquals(risk.state, "REDUCING");
  assertEquals(changes, [{
    from: "ACTIVE",
    to: "REDUCING",
    reason:
      "session PnL -1000.5 (account PnL -1000.5 now, 0 at the previous session's close) breached daily_loss_limit 1000",
    ts: T0 + 1,
  }]);
  assertEquals(risk.check(order({ side: "SELL", quantity: 50, position: 100 })), APPROVED);
  assertEquals(risk.check(order({ side: "SELL", quantity: 100, position: 100 })), APPROVED);
  assertEquals(risk.check(order({ side: "SELL", quantity: 150, position: 100 })).approved, false);
  assertEquals(risk.check(order({ side: "BUY", quantity: 10, position: 100 })).approved, false);
  assertEquals(risk.check(order({ side: "BUY", quantity: 10, position: -20 })), APPROVED);
});

Deno.test("RiskGuard REDUCING persists within the session day and clears on the next one", () => {
  let pnl = new Decimal(0);
  const changes: TradingStateChange[] = [];
  const risk = guard({ dailyLossLimit: new Decimal(1000) }, {
    pnl: pnlOf(() => pnl),
    onStateChange: (change) => changes.push(change),
  });
  risk.startSession(T0);
  pnl = new Decimal(-1200);
  assertEquals(risk.check(order()).approved, false);
  pnl = new Decimal(500);
  assertEquals(risk.check(order({ ts: T0 + 3_600_000 })).approved, false);
  assertEquals(risk.state, "REDUCING");
  const nextDay = Date.UTC(2024, 0, 3, 14, 30);
  assertEquals(risk.check(order({ ts: nextDay })), APPROVED);
  assertEquals(risk.state, "ACTIVE");
  assertEquals(changes.map((c) => `${c.from}->${c.to}:${c.reason}`), [
    "ACTIVE->REDUCING:session PnL -1200 (account PnL -1200 now, 0 at the previous session's close) breached daily_loss_limit 1000",
    "REDUCING->ACTIVE:new session day",
  ]);
  // the new day's baseline is the PnL at its start (500)
  assertEquals(risk.sessionPnl().toString(), "0");
  pnl = new Decimal(-600); // -1100 since the new baseline
  assertEquals(risk.check(order({ ts: nextDay + 1 })).approved, false);
});

Deno.test("RiskGuard daily loss is measured from the PnL at session start", () => {
  let pnl = new Decimal(-500);
  const risk = guard({ dailyLossLimit: new Decimal(1000) }, { pnl: pnlOf(() => pnl) });
  risk.startSession(T0);
  pnl = new Decimal(-1400);
  assertEquals(risk.check(order()), APPROVED);
  assertEquals(risk.sessionPnl().toString(), "-900");
  pnl = new Decimal(-1500);
  assertEquals(risk.check(order()).approved, false);
});

Deno.test("RiskGuard without an explicit session start baselines at the first order of the day", () => {
  let pnl = new Decimal(-700);
  const risk = guard({ dailyLossLimit: new Decimal(1000) }, { pnl: pnlOf(() => pnl) });
  assertEquals(risk.sessionEndsAt, Number.NEGATIVE_INFINITY);
  assertEquals(risk.check(order()), APPROVED);
  assertEquals(risk.sessionEndsAt, Date.UTC(2024, 0, 3, 5));
  assertEquals(risk.sessionPnl().toString(), "0");
  pnl = new Decimal(-1700);
  assertEquals(risk.check(order()).approved, false);
});

Deno.test("RiskGuard explicit reset returns to ACTIVE with a fresh daily-loss window", () => {
  let pnl = new Decimal(0);
  const risk = guard({ dailyLossLimit: new Decimal(100) }, { pnl: pnlOf(() => pnl) });
  risk.startSession(T0);
  pnl = new Decimal(-150);
  assertEquals(risk.check(order()).approved, false);
  risk.reset(T0 + 10);
  assertEquals(risk.state, "ACTIVE");
  assertEquals(risk.check(order({ ts: T0 + 11 })), APPROVED);
});

Deno.test("RiskGuard HALTED blocks every order, reducing ones included, until reset", () => {
  const changes: TradingStateChange[] = [];
  const risk = guard({}, { onStateChange: (change) => changes.push(change) });
  risk.halt("strategy fast threw", T0);
  assertEquals(
    risk.check(order({ side: "SELL", quantity: 10, position: 100 })),
    deny("trading_state", "trading is HALTED: no orders are allowed until a reset"),
  );
  risk.reset(T0 + 1);
  assertEquals(risk.check(order({ ts: T0 + 2 })), APPROVED);
  assertEquals(changes.map((c) => `${c.from}->${c.to}`), ["ACTIVE->HALTED", "HALTED->ACTIVE"]);
});

Deno.test("RiskGuard order_rate limits approved orders per sliding minute of market time", () => {
  const risk = guard({ maxOrdersPerMinute: 2 });
  assertEquals(risk.check(order({ ts: T0 })), APPROVED);
  assertEquals(risk.check(order({ ts: T0 + 1000, quantity: 9999 })).approved, false);
  assertEquals(risk.check(order({ ts: T0 + 2000 })), APPROVED);
  assertEquals(
    risk.check(order({ ts: T0 + 3000 })),
    deny(
      "order_rate",
      "2 orders were already approved in the last 60 s of market time: max_orders_per_minute 2",
    ),
  );
  assertEquals(risk.check(order({ ts: T0 + 60_000 })), APPROVED);
  assertEquals(risk.checkCount, 5);
});

Deno.test("RiskGuard runs extra checks after its own with a view of the proposed exposure", () => {
  const seen: number[] = [];
  const extra: RiskCheck = {
    name: "max_symbol_after",
    check(proposed: ProposedOrder, view: RiskView) {
      seen.push(view.signedQuantity, view.symbolExposure(proposed.symbol));
      return view.symbolExposure(proposed.symbol) > 15_000
        ? deny("max_symbol_after", "too much")
        : APPROVED;
    },
  };
  const risk = guard({}, { checks: [extra] });
  assertEquals(risk.check(order({ side: "SELL", quantity: 100, price: 100 })), APPROVED);
  assertEquals(
    risk.check(order({ quantity: 200, price: 100 })),
    deny("max_symbol_after", "too much"),
  );
  assertEquals(risk.check(order({ quantity: 501 })).approved, false);
  assertEquals(seen, [-100, 10_000, 200, 20_000]);
});

Deno.test("RiskGuard denies a non-positive quantity", () => {
  assertEquals(guard().check(order({ quantity: 0 })).approved, false);
});

Deno.test("RiskGuard requires a PnL source when a daily loss limit is set", () => {
  assertThrows(() => guard({ dailyLossLimit: new Decimal(1) }), /options.pnl is required/);
});

Deno.test("RiskGuard.evaluateDailyLoss switches to REDUCING on a breach without waiting for an order", () => {
  let pnl = toDecimal(0);
  const guard = new RiskGuard({
    maxOrderSize: 1000,
    maxOrderNotional: toDecimal(1_000_000),
    dailyLossLimit: toDecimal(500),
    maxOrdersPerMinute: 100,
  }, { price: () => 100, pnl: pnlOf(() => pnl) });
  const ts = Date.UTC(2024, 0, 2, 15);
  guard.startSession(ts);
  assertEquals(guard.evaluateDailyLoss(ts + 1), TradingState.ACTIVE);
  pnl = toDecimal(-499.99);
  assertEquals(guard.evaluateDailyLoss(ts + 2), TradingState.ACTIVE);
  pnl = toDecimal(-500);
  assertEquals(guard.evaluateDailyLoss(ts + 3), TradingState.REDUCING);
  assertEquals(guard.evaluateDailyLoss(ts + 86_400_000), TradingState.ACTIVE);
});
