import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { toDecimal } from "../model/decimal.ts";
import { ExposureLedger, worstCaseExposure } from "./exposure_ledger.ts";

const noPrices = () => undefined;

Deno.test("ExposureLedger moves filled quantity from working to filled", () => {
  const ledger = new ExposureLedger();
  ledger.orderSubmitted({ orderId: "a-1", symbol: "AAPL", quantity: 100, price: 10 });
  assertEquals(ledger.symbol("AAPL").workingBuys, 100);
  ledger.fillApplied({ orderId: "a-1", symbol: "AAPL", quantity: 40 });
  assertEquals(ledger.symbol("AAPL").filled, 40);
  assertEquals(ledger.symbol("AAPL").workingBuys, 60);
  assertEquals(ledger.workingQuantity("a-1"), 60);
  ledger.orderFinished("a-1");
  assertEquals(ledger.symbol("AAPL").workingBuys, 0);
  assertEquals(ledger.workingOrders, 0);
});

Deno.test("ExposureLedger forgets an order once it is completely filled", () => {
  const ledger = new ExposureLedger();
  ledger.orderSubmitted({ orderId: "a-1", symbol: "AAPL", quantity: toDecimal(-50) });
  ledger.fillApplied({ orderId: "a-1", symbol: "AAPL", quantity: toDecimal(-50) });
  assertEquals(ledger.workingOrders, 0);
  assertEquals(ledger.symbol("AAPL").workingSells, 0);
  assertEquals(ledger.symbol("AAPL").filled, -50);
  ledger.orderFinished("a-1");
  assertEquals(ledger.symbol("AAPL").filled, -50);
});

Deno.test("ExposureLedger counts fills of unknown orders as filled position only", () => {
  const ledger = new ExposureLedger();
  ledger.fillApplied({ orderId: "old", symbol: "MSFT", quantity: 7, price: 300 });
  assertEquals(ledger.symbol("MSFT"), {
    symbol: "MSFT",
    filled: 7,
    workingBuys: 0,
    workingSells: 0,
    lastPrice: 300,
  });
});

Deno.test("ExposureLedger worst-case exposure takes the larger of all buys or all sells filling", () => {
  const ledger = new ExposureLedger();
  ledger.fillApplied({ orderId: "f", symbol: "AAPL", quantity: 100 });
  ledger.orderSubmitted({ orderId: "b", symbol: "AAPL", quantity: 50 });
  ledger.orderSubmitted({ orderId: "s", symbol: "AAPL", quantity: -300 });
  // long case 150, short case 100 - 300 = -200 -> 200 x 10
  assertEquals(ledger.symbolExposure("AAPL", () => 10), 2000);
  // a proposed buy of 100 lifts the long case to 250
  assertEquals(worstCaseExposure(ledger.symbol("AAPL"), 10, 100), 2500);
});

Deno.test("ExposureLedger values symbols at the last seen price when no market price is known", () => {
  const ledger = new ExposureLedger();
  ledger.orderSubmitted({ orderId: "x", symbol: "AAPL", quantity: 10, price: 20 });
  ledger.fillApplied({ orderId: "y", symbol: "MSFT", quantity: -2, price: 300 });
  assertEquals(ledger.symbolExposure("AAPL", noPrices), 200);
  assertEquals(ledger.grossExposure(noPrices), 800);
  assertEquals(ledger.grossExposure((s) => (s === "AAPL" ? 21 : undefined)), 810);
});

Deno.test("ExposureLedger seeds filled positions from broker net positions", () => {
  const ledger = new ExposureLedger();
  ledger.setPositions([{ symbol: "AAPL", quantity: toDecimal(-30), avgCost: toDecimal(5) }]);
  assertEquals(ledger.symbol("AAPL").filled, -30);
  assertEquals(ledger.symbolExposure("AAPL", noPrices), 150);
});

Deno.test("ExposureLedger re-submitting an order id replaces its working quantity", () => {
  const ledger = new ExposureLedger();
  ledger.orderSubmitted({ orderId: "a", symbol: "AAPL", quantity: 10 });
  ledger.orderSubmitted({ orderId: "a", symbol: "AAPL", quantity: 4 });
  assertEquals(ledger.symbol("AAPL").workingBuys, 4);
});
