import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal, toDecimal } from "../model/decimal.ts";
import type { Fill } from "../model/fill.ts";
import type { OrderSide } from "../model/order.ts";
import { SymbolPosition } from "./symbol_position.ts";

let seq = 0;
function fill(side: OrderSide, quantity: number, price: number, commission = 1): Fill {
  seq += 1;
  return {
    execId: `e${seq}`,
    orderId: `o${seq}`,
    symbol: "AAPL",
    side,
    quantity: toDecimal(quantity),
    price: toDecimal(price),
    commission: toDecimal(commission),
    ts: seq,
  };
}

function state(position: SymbolPosition): string[] {
  return [
    position.quantity.toString(),
    position.avgCost.toString(),
    position.realizedPnl.toString(),
    position.commissions.toString(),
  ];
}

Deno.test("SymbolPosition opening a long sets quantity and average cost to the fill", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 100, 10));
  assertEquals(state(position), ["100", "10", "0", "1"]);
  assertEquals(position.quantityNumber, 100);
});

Deno.test("SymbolPosition adding to a long averages the cost by quantity", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 100, 10));
  position.applyFill(fill("BUY", 50, 13));
  // (100 x 10 + 50 x 13) / 150 = 1650 / 150 = 11
  assertEquals(state(position), ["150", "11", "0", "2"]);
});

Deno.test("SymbolPosition reducing a long realizes PnL and keeps the average cost", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 100, 10));
  position.applyFill(fill("SELL", 40, 12.5));
  // 40 x (12.5 - 10) = 100
  assertEquals(state(position), ["60", "10", "100", "2"]);
});

Deno.test("SymbolPosition closing a short realizes PnL and resets the average cost", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("SELL", 30, 20));
  position.applyFill(fill("BUY", 30, 18, 0.5));
  // short 30 at 20 covered at 18: 30 x (20 - 18) = 60
  assertEquals(state(position), ["0", "0", "60", "1.5"]);
  assertEquals(position.quantityNumber, 0);
});

Deno.test("SymbolPosition flipping through zero realizes the closed part and costs the new side at the fill price", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 100, 10));
  position.applyFill(fill("SELL", 150, 12));
  // close 100 at 12: +200; new short 50 at 12
  assertEquals(state(position), ["-50", "12", "200", "2"]);
  position.applyFill(fill("BUY", 80, 11));
  // cover 50 at 11: +50; new long 30 at 11
  assertEquals(state(position), ["30", "11", "250", "3"]);
});

Deno.test("SymbolPosition commissions never enter the average cost", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 10, 100, 7.25));
  assertEquals(position.avgCost.toString(), "100");
  assertEquals(position.commissions.toString(), "7.25");
});

Deno.test("SymbolPosition unrealized PnL is quantity times price minus average cost", () => {
  const long = new SymbolPosition("AAPL");
  long.applyFill(fill("BUY", 100, 10));
  assertEquals(long.unrealizedPnl(new Decimal("10.25")).toString(), "25");
  const short = new SymbolPosition("AAPL");
  short.applyFill(fill("SELL", 100, 10));
  assertEquals(short.unrealizedPnl(new Decimal("10.25")).toString(), "-25");
  assertEquals(new SymbolPosition("AAPL").unrealizedPnl(new Decimal(5)).toString(), "0");
});

Deno.test("SymbolPosition counts executions and distinct orders", () => {
  const position = new SymbolPosition("AAPL");
  const first = fill("BUY", 10, 10);
  position.applyFill(first);
  position.applyFill({ ...first, execId: "partial-2" });
  position.applyFill(fill("SELL", 5, 11));
  assertEquals(position.fills, 3);
  assertEquals(position.orders, 2);
});

Deno.test("SymbolPosition decimal prices stay exact", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 3, 0.1));
  position.applyFill(fill("SELL", 3, 0.3));
  assertEquals(position.realizedPnl.toString(), "0.6");
});

Deno.test("SymbolPosition rejects a fill of another symbol or a non-positive quantity", () => {
  const position = new SymbolPosition("AAPL");
  assertThrows(() => position.applyFill({ ...fill("BUY", 1, 1), symbol: "MSFT" }), RangeError);
  assertThrows(() => position.applyFill(fill("BUY", 0, 1)), /must be positive/);
});

Deno.test("SymbolPosition keeps a repeating average cost to ten decimal places", () => {
  const position = new SymbolPosition("AAPL");
  position.applyFill(fill("BUY", 1, 10));
  position.applyFill(fill("BUY", 2, 10.01));
  assertEquals(position.avgCost.toString(), "10.0066666667");
});

Deno.test("SymbolPosition opening from flat costs the fill price as the weighted mean would", () => {
  const general = (quantity: Decimal, price: Decimal) =>
    quantity.times(price).div(quantity).toDecimalPlaces(10).toString();
  const cases: [string, string][] = [
    ["5", "74.11"],
    ["3", "10.12345678905"], // more than ten places: rounded half-even like the mean
    ["7", "0.00012345678901234567"],
    ["123456789012345678", "98765.432109876543210987"], // q x p needs more than 34 digits
  ];
  for (const [quantity, price] of cases) {
    for (const side of ["BUY", "SELL"] as const) {
      const position = new SymbolPosition("AAPL");
      const opening = {
        ...fill(side, 1, 1),
        quantity: new Decimal(quantity),
        price: new Decimal(price),
      };
      position.applyFill(opening);
      assertEquals(position.avgCost.toString(), general(new Decimal(quantity), new Decimal(price)));
      assertEquals(position.quantity.toString(), side === "BUY" ? quantity : `-${quantity}`);
    }
  }
});
