import assert from "node:assert/strict";
import { Decimal, type OrderSide, toDecimal } from "../../model/mod.ts";
import { PositionLedger } from "./position_ledger.ts";

function trade(
  ledger: PositionLedger,
  side: OrderSide,
  quantity: number,
  price: string,
  symbol = "AAPL",
): void {
  ledger.apply({
    symbol,
    side,
    quantity: toDecimal(quantity),
    price: toDecimal(price),
    commission: toDecimal(1),
  });
}

function position(ledger: PositionLedger, symbol = "AAPL"): [string, string] | undefined {
  const held = ledger.position(symbol);
  return held && [held.quantity.toString(), held.avgCost.toString()];
}

Deno.test("PositionLedger averages the cost of buys into a long position", () => {
  const ledger = new PositionLedger();
  trade(ledger, "BUY", 10, "100");
  trade(ledger, "BUY", 30, "104");
  assert.deepEqual(position(ledger), ["40", "103"]);
  assert.equal(ledger.realizedPnl().toString(), "0");
  assert.equal(ledger.commissions().toString(), "2");
});

Deno.test("PositionLedger realizes PnL on a reduction and keeps the average", () => {
  const ledger = new PositionLedger();
  trade(ledger, "BUY", 40, "103");
  trade(ledger, "SELL", 10, "110");
  assert.deepEqual(position(ledger), ["30", "103"]);
  assert.equal(ledger.realizedPnl().toString(), "70");
});

Deno.test("PositionLedger opens the remainder at the fill price when a trade crosses zero", () => {
  const ledger = new PositionLedger();
  trade(ledger, "BUY", 10, "100");
  trade(ledger, "SELL", 25, "90");
  assert.deepEqual(position(ledger), ["-15", "90"]);
  assert.equal(ledger.realizedPnl().toString(), "-100");
  trade(ledger, "BUY", 5, "80");
  assert.deepEqual(position(ledger), ["-10", "90"]);
  assert.equal(ledger.realizedPnl().toString(), "-50");
});

Deno.test("PositionLedger leaves flat symbols out of positions and values open ones at last prices", () => {
  const ledger = new PositionLedger();
  trade(ledger, "BUY", 10, "100", "AAPL");
  trade(ledger, "SELL", 10, "101", "AAPL");
  trade(ledger, "SELL", 5, "50", "MSFT");
  trade(ledger, "BUY", 2, "20", "SPY");
  assert.deepEqual(ledger.positions().map((p) => p.symbol), ["MSFT", "SPY"]);
  assert.equal(ledger.position("AAPL"), undefined);
  const prices: Record<string, number> = { MSFT: 48, AAPL: 500 };
  assert.equal(ledger.unrealizedPnl((symbol) => prices[symbol]).toString(), "10");
});

Deno.test("PositionLedger reopening a flat symbol costs it at the fill price", () => {
  const ledger = new PositionLedger();
  const book = (side: OrderSide, quantity: string, price: string) =>
    ledger.apply({
      symbol: "AAPL",
      side,
      quantity: new Decimal(quantity),
      price: new Decimal(price),
      commission: toDecimal(1),
    });
  book("BUY", "10", "100");
  book("SELL", "10", "101");
  book("SELL", "3", "99.37");
  assert.equal(ledger.position("AAPL")?.quantity.toString(), "-3");
  assert.equal(ledger.position("AAPL")?.avgCost.toString(), "99.37");
  book("BUY", "3", "98");
  book("BUY", "123456789012345678", "98765.432109876543210987");
  // q x p has more than 34 digits: the mean is rounded, as the general formula rounds it
  assert.equal(
    ledger.position("AAPL")?.avgCost.toString(),
    new Decimal("123456789012345678").times("98765.432109876543210987").div("123456789012345678")
      .toString(),
  );
  assert.equal(ledger.realizedPnl().toString(), "14.11");
});
