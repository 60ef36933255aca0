import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import fc from "fast-check";
import { type Fill, type PriceCell, toDecimal } from "../model/mod.ts";
import { Portfolio } from "./portfolio.ts";

class Cell implements PriceCell {
  price: number | undefined = undefined;
}

function setup() {
  const cells = new Map<string, Cell>();
  const cellOf = (symbol: string) => {
    let cell = cells.get(symbol);
    if (cell === undefined) cells.set(symbol, cell = new Cell());
    return cell;
  };
  return { cells, portfolio: new Portfolio({ priceCell: cellOf }) };
}

let sequence = 0;
function fill(symbol: string, side: "BUY" | "SELL", quantity: number, cents: number): Fill {
  return {
    execId: `x-${++sequence}`,
    orderId: "o",
    symbol,
    side,
    quantity: toDecimal(quantity),
    price: toDecimal(cents / 100),
    commission: toDecimal(Math.max(1, quantity * 0.005)),
    ts: 0,
  };
}

Deno.test("Portfolio.marketNetPnl is exact where the float estimate is not", () => {
  const { cells, portfolio } = setup();
  portfolio.applyFill("s", fill("AAPL", "BUY", 1, 12702));
  cells.get("AAPL")!.price = 27.02;
  assertEquals(portfolio.marketNetPnl().toString(), "-101");
  assertEquals(portfolio.marketNetPnlEstimate(), -100.99999999999999);
  assert(Math.abs(portfolio.marketNetPnlEstimate() + 101) <= portfolio.marketNetPnlErrorBound());
});

Deno.test("the PnL estimate stays within its error bound of the exact PnL, which equals the books (fast-check)", () => {
  const fillArb = fc.record({
    strategy: fc.constantFrom("a", "b", "c"),
    symbol: fc.constantFrom("AAPL", "MSFT", "TSLA"),
    side: fc.constantFrom("BUY" as const, "SELL" as const),
    quantity: fc.integer({ min: 1, max: 5_000 }),
    cents: fc.integer({ min: 1, max: 1_000_000 }),
  });
  fc.assert(
    fc.property(
      fc.array(fillArb, { minLength: 1, maxLength: 80 }),
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
      (fills, marks) => {
        const { cells, portfolio } = setup();
        for (const f of fills) {
          portfolio.applyFill(f.strategy, fill(f.symbol, f.side, f.quantity, f.cents));
        }
        ["AAPL", "MSFT", "TSLA"].forEach((symbol, i) => {
          const cell = cells.get(symbol);
          if (cell !== undefined) cell.price = (marks[i] as number) / 100;
        });
        const estimate = portfolio.marketNetPnlEstimate();
        const bound = portfolio.marketNetPnlErrorBound();
        const exact = portfolio.marketNetPnl();
        assert(
          exact.minus(estimate).abs().lessThanOrEqualTo(bound),
          `estimate ${estimate} is ${
            exact.minus(estimate).toString()
          } from ${exact.toString()} (bound ${bound})`,
        );
        // The books keep average costs to 10 places: they agree with the cash flow to well
        // under a cent.
        const books = portfolio.accountTotals((symbol) => cells.get(symbol)?.price).net;
        assert(books.minus(exact).abs().lessThan("0.0001"), `${books} vs ${exact}`);
      },
    ),
    { numRuns: 500, seed: 3 },
  );
});
