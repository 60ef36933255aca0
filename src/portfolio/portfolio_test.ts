import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { toDecimal } from "../model/decimal.ts";
import type { Fill } from "../model/fill.ts";
import type { OrderSide } from "../model/order.ts";
import { Portfolio } from "./portfolio.ts";

interface FillSpec {
  execId: string;
  symbol?: string;
  side: OrderSide;
  quantity: number;
  price: number;
  commission?: number;
  orderId?: string;
}

function fill(spec: FillSpec): Fill {
  return {
    execId: spec.execId,
    orderId: spec.orderId ?? `order-${spec.execId}`,
    symbol: spec.symbol ?? "AAPL",
    side: spec.side,
    quantity: toDecimal(spec.quantity),
    price: toDecimal(spec.price),
    commission: toDecimal(spec.commission ?? 1),
    ts: 0,
  };
}

const prices: Record<string, number> = { AAPL: 12, MSFT: 300 };
const priceOf = (symbol: string) => prices[symbol];

Deno.test("Portfolio keeps separate books for two strategies trading the same symbol", () => {
  const portfolio = new Portfolio();
  portfolio.applyFill("fast", fill({ execId: "1", side: "BUY", quantity: 100, price: 10 }));
  portfolio.applyFill("slow", fill({ execId: "2", side: "SELL", quantity: 30, price: 11 }));
  assertEquals(portfolio.position("fast", "AAPL"), 100);
  assertEquals(portfolio.position("slow", "AAPL"), -30);
  assertEquals(portfolio.netPosition("AAPL").toString(), "70");
  assertEquals(portfolio.book("fast").positionFor("AAPL").avgCost.toString(), "10");
  assertEquals(portfolio.book("slow").positionFor("AAPL").avgCost.toString(), "11");
  // fast: 100 x (12 - 10) = 200; slow: -30 x (12 - 11) = -30
  assertEquals(portfolio.strategyTotals("fast", priceOf).unrealized.toString(), "200");
  assertEquals(portfolio.strategyTotals("slow", priceOf).unrealized.toString(), "-30");
});

Deno.test("Portfolio ignores a re-delivered execution id and reports it", () => {
  const portfolio = new Portfolio();
  const first = fill({ execId: "x1", side: "BUY", quantity: 10, price: 10 });
  assertEquals(portfolio.applyFill("fast", first), true);
  assertEquals(portfolio.applyFill("fast", first), false);
  assertEquals(portfolio.applyFill("slow", first), false);
  assertEquals(portfolio.position("fast", "AAPL"), 10);
  assertEquals(portfolio.position("slow", "AAPL"), 0);
  assertEquals(portfolio.hasExecution("x1"), true);
  assertEquals(portfolio.book("fast").trades(), 1);
});

Deno.test("Portfolio position is 0 for unknown strategies and symbols", () => {
  const portfolio = new Portfolio();
  assertEquals(portfolio.position("nobody", "AAPL"), 0);
  portfolio.register("fast", ["AAPL"]);
  assertEquals(portfolio.position("fast", "MSFT"), 0);
});

Deno.test("Portfolio position records stay live after later fills", () => {
  const portfolio = new Portfolio();
  const record = portfolio.positionRecord("fast", "AAPL");
  portfolio.applyFill("fast", fill({ execId: "1", side: "SELL", quantity: 5, price: 10 }));
  assertEquals(record.quantityNumber, -5);
});

Deno.test("Portfolio account totals sum realized, unrealized and commissions over strategies", () => {
  const portfolio = new Portfolio();
  portfolio.applyFill("fast", fill({ execId: "1", side: "BUY", quantity: 100, price: 10 }));
  portfolio.applyFill("fast", fill({ execId: "2", side: "SELL", quantity: 50, price: 11 }));
  portfolio.applyFill(
    "slow",
    fill({ execId: "3", symbol: "MSFT", side: "BUY", quantity: 10, price: 290, commission: 2 }),
  );
  const totals = portfolio.accountTotals(priceOf);
  // realized: 50 x (11 - 10) = 50; unrealized: 50 x (12 - 10) + 10 x (300 - 290) = 200
  assertEquals(totals.realized.toString(), "50");
  assertEquals(totals.unrealized.toString(), "200");
  assertEquals(totals.commissions.toString(), "4");
  assertEquals(totals.net.toString(), "246");
  assertEquals(totals.unpricedSymbols, []);
});

Deno.test("Portfolio totals list symbols without a price and leave their unrealized PnL out", () => {
  const portfolio = new Portfolio();
  portfolio.applyFill(
    "fast",
    fill({ execId: "1", symbol: "TSLA", side: "BUY", quantity: 1, price: 200 }),
  );
  const totals = portfolio.accountTotals(priceOf);
  assertEquals(totals.unrealized.toString(), "0");
  assertEquals(totals.unpricedSymbols, ["TSLA"]);
});

Deno.test("Portfolio reconcile reports per-symbol differences against broker net positions", () => {
  const portfolio = new Portfolio();
  portfolio.applyFill("fast", fill({ execId: "1", side: "BUY", quantity: 100, price: 10 }));
  portfolio.applyFill("slow", fill({ execId: "2", side: "SELL", quantity: 30, price: 10 }));
  portfolio.applyFill(
    "slow",
    fill({ execId: "3", symbol: "MSFT", side: "BUY", quantity: 5, price: 300 }),
  );
  const broker = [
    { symbol: "AAPL", quantity: toDecimal(70), avgCost: toDecimal(10) },
    { symbol: "TSLA", quantity: toDecimal(-2), avgCost: toDecimal(200) },
  ];
  const differences = portfolio.reconcile(broker).map((d) => [
    d.symbol,
    d.books.toString(),
    d.broker.toString(),
    d.difference.toString(),
  ]);
  assertEquals(differences, [
    ["MSFT", "5", "0", "-5"],
    ["TSLA", "0", "-2", "-2"],
  ]);
  assertEquals(
    portfolio.reconcile([
      { symbol: "AAPL", quantity: toDecimal(70), avgCost: toDecimal(10) },
      { symbol: "MSFT", quantity: toDecimal(5), avgCost: toDecimal(300) },
    ]),
    [],
  );
});

Deno.test("Portfolio summary rows list trades, positions, PnL and commissions per strategy", () => {
  const portfolio = new Portfolio();
  portfolio.register("fast", ["AAPL", "MSFT"]);
  portfolio.register("idle", ["AAPL"]);
  portfolio.applyFill(
    "fast",
    fill({ execId: "1", side: "BUY", quantity: 100, price: 10, orderId: "o1" }),
  );
  portfolio.applyFill(
    "fast",
    fill({ execId: "2", side: "BUY", quantity: 100, price: 10, orderId: "o1" }),
  );
  portfolio.applyFill(
    "fast",
    fill({ execId: "3", side: "SELL", quantity: 50, price: 11, orderId: "o2" }),
  );
  const rows = portfolio.summaries(priceOf).map((row) => ({
    strategyId: row.strategyId,
    trades: row.trades,
    orders: row.orders,
    positions: row.positions.map((p) => `${p.symbol}:${p.quantity}@${p.avgCost}`),
    realized: row.realizedPnl.toString(),
    unrealized: row.unrealizedPnl.toString(),
    commissions: row.commissions.toString(),
    net: row.netPnl.toString(),
  }));
  assertEquals(rows, [
    {
      strategyId: "fast",
      trades: 3,
      orders: 2,
      positions: ["AAPL:150@10", "MSFT:0@0"],
      realized: "50",
      unrealized: "300",
      commissions: "3",
      net: "347",
    },
    {
      strategyId: "idle",
      trades: 0,
      orders: 0,
      positions: ["AAPL:0@0"],
      realized: "0",
      unrealized: "0",
      commissions: "0",
      net: "0",
    },
  ]);
  assertEquals(portfolio.strategyIds(), ["fast", "idle"]);
  assertEquals(portfolio.summary("unknown", priceOf).trades, 0);
});

Deno.test("Portfolio PnL estimate marks a symbol without a price at its last fill and nets strategies", () => {
  const cell: { price: number | undefined } = { price: undefined };
  const portfolio = new Portfolio({ priceCell: () => cell });
  portfolio.applyFill(
    "a",
    fill({ execId: "1", symbol: "TSLA", side: "BUY", quantity: 10, price: 200 }),
  );
  portfolio.applyFill(
    "b",
    fill({ execId: "2", symbol: "TSLA", side: "SELL", quantity: 4, price: 210 }),
  );
  // cash: -2000 + 840 - 2 commissions; 6 shares marked at the last fill (210): 1260
  assertEquals(portfolio.marketNetPnlEstimate(), 98);
  assertEquals(portfolio.marketNetPnl().toString(), "98");
  // at 220: 6 x 220 = 1320
  cell.price = 220;
  assertEquals(portfolio.marketNetPnlEstimate(), 158);
  assertEquals(portfolio.marketNetPnl().toString(), "158");
});

Deno.test("Portfolio market PnL estimate reads price cells and follows fills and price moves", () => {
  const cells = new Map<string, { price: number | undefined }>();
  const cellOf = (symbol: string) => {
    let cell = cells.get(symbol);
    if (cell === undefined) cells.set(symbol, cell = { price: undefined });
    return cell;
  };
  const lookup = (symbol: string) => cells.get(symbol)?.price;
  const exactAtLookup = () => portfolio.accountTotals(lookup).net.toNumber();
  const portfolio = new Portfolio({ priceCell: cellOf });
  portfolio.applyFill(
    "a",
    fill({ execId: "1", symbol: "TSLA", side: "BUY", quantity: 10, price: 200 }),
  );
  // no market price yet: marked at the last fill
  assertEquals(portfolio.marketNetPnlEstimate(), -1);
  cellOf("TSLA").price = 205.5; // the market moves
  assertEquals(portfolio.marketNetPnlEstimate(), 54);
  portfolio.applyFill(
    "b",
    fill({ execId: "2", symbol: "MSFT", side: "SELL", quantity: 3, price: 300 }),
  );
  cellOf("MSFT").price = 290.25; // a fill in a new symbol, then its price moves
  assertEquals(portfolio.marketNetPnlEstimate(), exactAtLookup());
  assertEquals(portfolio.marketNetPnlEstimate(), 54 - 1 + 3 * (300 - 290.25));
});

Deno.test("Portfolio market PnL estimate needs price cells", () => {
  assertThrows(() => new Portfolio().marketNetPnlEstimate(), /no price cells/);
});

Deno.test("Portfolio totals follow price changes, also when books share a symbol's price", () => {
  const portfolio = new Portfolio();
  portfolio.applyFill("a", fill({ execId: "1", side: "BUY", quantity: 10, price: 10 }));
  portfolio.applyFill("b", fill({ execId: "2", side: "SELL", quantity: 4, price: 11 }));
  const unrealized = (price: number) =>
    ["a", "b"].map((id) => portfolio.strategyTotals(id, () => price).unrealized.toString());
  assertEquals(unrealized(12.5), ["25", "-6"]);
  assertEquals(unrealized(9.75), ["-2.5", "5"]);
  assertEquals(unrealized(12.5), ["25", "-6"]); // a price seen before converts to the same value
  assertEquals(unrealized(0), ["-100", "44"]);
});
