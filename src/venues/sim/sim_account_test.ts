import assert from "node:assert/strict";
import { type OrderSide, toDecimal } from "../../model/mod.ts";
import { PositionLedger } from "./position_ledger.ts";
import { SimAccount } from "./sim_account.ts";

function fill(side: OrderSide, quantity: number, price: number, commission: number) {
  return {
    symbol: "AAPL",
    side,
    quantity: toDecimal(quantity),
    price: toDecimal(price),
    commission: toDecimal(commission),
  };
}

Deno.test("SimAccount reports the SIM paper account in USD with the initial cash", async () => {
  const account = new SimAccount({
    initialCash: toDecimal(250_000),
    ledger: new PositionLedger(),
    lastPrice: () => undefined,
  });
  const snapshot = await account.snapshot();
  assert.deepEqual(
    { ...snapshot, netLiquidation: snapshot.netLiquidation?.toString() },
    { accountId: "SIM", isPaper: true, currency: "USD", netLiquidation: "250000" },
  );
});

Deno.test("SimAccount net liquidation adds realized and unrealized PnL and subtracts commissions", () => {
  const ledger = new PositionLedger();
  let last: number | undefined = 100;
  const account = new SimAccount({
    initialCash: toDecimal(1_000_000),
    ledger,
    lastPrice: () => last,
  });
  ledger.apply(fill("BUY", 100, 100, 1));
  ledger.apply(fill("SELL", 40, 110, 1));
  last = 105;
  // realized 40 x 10 = 400, commissions 2, unrealized 60 x (105 - 100) = 300
  assert.equal(account.snapshotNow().netLiquidation?.toString(), "1000698");
  last = undefined;
  assert.equal(account.snapshotNow().netLiquidation?.toString(), "1000398");
});

Deno.test("SimAccount refuses negative initial cash", () => {
  assert.throws(
    () =>
      new SimAccount({
        initialCash: toDecimal(-1),
        ledger: new PositionLedger(),
        lastPrice: () => undefined,
      }),
    /initial cash must be >= 0/,
  );
});
