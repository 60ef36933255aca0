import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Contract, EventName, OrderAction, OrderType, SecType } from "@stoqey/ib";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const AAPL: Contract = { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" };

sanitizedTest(
  "reqPositions reports the starting positions, then pushes the position a fill changes",
  async () => {
    await using tws = await FakeTws.start({
      accounts: ["DU1234567", "DU7654321"],
      positions: {
        AAPL: { quantity: 100, avgCost: "150.5" },
        MSFT: { quantity: -20, avgCost: 400, account: "DU7654321" },
      },
      fillPrices: { AAPL: 160 },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqPositions();
    await client.waitForEvent(EventName.positionEnd);
    const snapshot = client.argsOf(EventName.position) as [string, Contract, number, number][];
    assertEquals(
      snapshot.map(([account, c, qty, cost]) => [account, c.symbol, c.conId, qty, cost]),
      [
        ["DU1234567", "AAPL", 265598, 100, 150.5],
        ["DU7654321", "MSFT", 272093, -20, 400],
      ],
    );
    client.ib.placeOrder(1, AAPL, {
      action: OrderAction.BUY,
      orderType: OrderType.MKT,
      totalQuantity: 100,
      transmit: true,
    });
    const [account, contract, quantity, avgCost] = await client.waitForEvent(EventName.position, {
      count: 3,
    }) as [string, Contract, number, number];
    assertEquals([account, contract.symbol, quantity, avgCost], ["DU1234567", "AAPL", 200, 155.25]);
    client.ib.cancelPositions();
    await tws.waitFor("CANCEL_POSITIONS");
    assertEquals(tws.connections()[0]?.positionsSubscribed, false);
  },
);

sanitizedTest(
  "reqAccountSummary reports the requested tags per account, then pushes setAccountValue updates",
  async () => {
    await using tws = await FakeTws.start({
      accountSummary: {
        NetLiquidation: "250000.5",
        BuyingPower: 1000000,
        AccountType: { value: "INDIVIDUAL", currency: "" },
      },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqAccountSummary(9, "All", "NetLiquidation,BuyingPower,AccountType,Cushion");
    await client.waitForEvent(EventName.accountSummaryEnd);
    assertEquals(client.argsOf(EventName.accountSummary), [
      [9, "DU1234567", "NetLiquidation", "250000.5", "USD"],
      [9, "DU1234567", "BuyingPower", "1000000", "USD"],
      [9, "DU1234567", "AccountType", "INDIVIDUAL", ""],
    ]);
    tws.setAccountValue("NetLiquidation", 249000);
    assertEquals(
      await client.waitForEvent(EventName.accountSummary, { count: 4 }),
      [9, "DU1234567", "NetLiquidation", "249000", "USD"],
    );
    client.ib.cancelAccountSummary(9);
    await tws.waitFor("CANCEL_ACCOUNT_SUMMARY");
    assertEquals(
      tws.requests("REQ_ACCOUNT_SUMMARY")[0]?.tags,
      "NetLiquidation,BuyingPower,AccountType,Cushion",
    );
  },
);

sanitizedTest("the default account summary has NetLiquidation and BuyingPower", async () => {
  await using tws = await FakeTws.start({ settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.reqAccountSummary(2, "All", "NetLiquidation,BuyingPower");
  await client.waitForEvent(EventName.accountSummaryEnd);
  assertEquals(client.argsOf(EventName.accountSummary).map((a) => [a[2], a[3]]), [
    ["NetLiquidation", "100000"],
    ["BuyingPower", "400000"],
  ]);
});

sanitizedTest(
  "reqManagedAccts and reqIds answer with the accounts and the next unused order id",
  async () => {
    await using tws = await FakeTws.start({
      accounts: ["DU1", "DU2"],
      firstOrderId: 100,
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    assertEquals(client.argsOf(EventName.nextValidId), [[100]]);
    client.ib.placeOrder(100, AAPL, {
      action: OrderAction.BUY,
      orderType: OrderType.MKT,
      totalQuantity: 1,
      transmit: true,
    });
    client.ib.reqIds();
    client.ib.reqManagedAccts();
    assertEquals(await client.waitForEvent(EventName.nextValidId, { count: 2 }), [101]);
    assertEquals(await client.waitForEvent(EventName.managedAccounts, { count: 2 }), ["DU1,DU2"]);
  },
);
