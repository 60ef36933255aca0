import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { BarSizeSetting, type Contract, EventName, SecType, WhatToShow } from "@stoqey/ib";
import { ManualClock } from "../../src/model/mod.ts";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";

const stock = (symbol: string): Contract => ({
  symbol,
  secType: SecType.STK,
  exchange: "SMART",
  currency: "USD",
});

sanitizedTest(
  "reqContractDetails returns the configured conId, and error 200 on the reqId for an unknown symbol",
  async () => {
    await using tws = await FakeTws.start({
      contracts: { QQQ: { conId: 320227571, primaryExch: "NASDAQ" } },
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqContractDetails(11, stock("QQQ"));
    const [reqId, details] = await client.waitForEvent(EventName.contractDetails) as [
      number,
      { contract: Contract },
    ];
    assertEquals([reqId, details.contract.conId, details.contract.symbol], [11, 320227571, "QQQ"]);
    assertEquals(await client.waitForEvent(EventName.contractDetailsEnd), [11]);
    client.ib.reqContractDetails(12, stock("ZZZZ"));
    await client.waitForEvent(EventName.error, { where: (_e, code) => code === 200 });
    assertEquals(client.errors(), [{
      code: 200,
      reqId: 12,
      message: "No security definition has been found for the request",
    }]);
    assertEquals(client.argsOf(EventName.contractDetailsEnd), [[11]]);
    assertEquals(tws.requests("REQ_CONTRACT_DATA").map((r) => r.contract.symbol), ["QQQ", "ZZZZ"]);
  },
);

sanitizedTest(
  "reqMktData subscribes, pushTick reaches it as tickPrice (plus the size tick except for bids), cancel stops it",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqMktData(21, stock("AAPL"), "", false, false);
    client.ib.reqMktData(22, stock("MSFT"), "", false, false);
    await tws.waitFor("REQ_MKT_DATA", { count: 2 });
    assertEquals(tws.count((r) => r.name === "REQ_MKT_DATA" && r.contract.symbol === "AAPL"), 1);
    assertEquals(tws.pushTick("AAPL", { kind: "bid", price: 190.1, size: 300 }), 1);
    assertEquals(tws.pushTick("AAPL", { kind: "last", price: "190.15", size: 100 }), 1);
    await client.waitForEvent(EventName.tickSize, { where: (_id, type) => type === 5 });
    assertEquals(client.argsOf(EventName.tickPrice), [[21, 1, 190.1, false], [
      21,
      4,
      190.15,
      false,
    ]]);
    // Client quirk: BID_SIZE is tick type 0, so decoder.js's `if (sizeTickType)` drops the bid
    // size that came with a TICK_PRICE; only ask and last sizes arrive that way.
    assertEquals(client.argsOf(EventName.tickSize), [[21, 5, 100]]);
    client.ib.cancelMktData(21);
    await tws.waitFor("CANCEL_MKT_DATA");
    assertEquals(tws.subscriptions().map((s) => [s.kind, s.reqId, s.symbol]), [[
      "marketData",
      22,
      "MSFT",
    ]]);
    assertEquals(tws.pushTick("AAPL", { kind: "last", price: 191 }), 0);
  },
);

sanitizedTest(
  "a client in delayed mode gets marketDataType 3 and delayed tick types; a new subscriber gets the latest quotes",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    tws.pushTick("SPY", { kind: "ask", price: 500.02, size: 10 });
    await using client = await IbTestClient.connect(tws, { clientId: 4 });
    client.ib.reqMarketDataType(3);
    client.ib.reqMktData(5, stock("SPY"), "", false, false);
    assertEquals(await client.waitForEvent(EventName.marketDataType), [5, 3]);
    assertEquals(await client.waitForEvent(EventName.tickPrice), [5, 67, 500.02, false]);
    tws.pushTick("SPY", { kind: "last", price: 500.5, size: 1 });
    assertEquals(await client.waitForEvent(EventName.tickPrice, { count: 2 }), [
      5,
      68,
      500.5,
      false,
    ]);
    tws.pushTickSize("SPY", { kind: "bid", size: 700 });
    assertEquals(
      await client.waitForEvent(EventName.tickSize, { where: (_id, type) => type === 69 }),
      [5, 69, 700],
    );
    assertEquals(tws.connections()[0]?.marketDataType, 3);
  },
);

sanitizedTest("reqRealTimeBars receives the bars pushed for its symbol", async () => {
  await using tws = await FakeTws.start({ settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.reqRealTimeBars(31, stock("MSFT"), 5, WhatToShow.TRADES, false);
  await tws.waitFor("REQ_REAL_TIME_BARS");
  const bar = {
    time: 1735830000,
    open: 410,
    high: 411.5,
    low: 409.75,
    close: 411,
    volume: 1200,
    wap: 410.6,
    count: 37,
  };
  assertEquals(tws.pushRealTimeBar("MSFT", bar), 1);
  assertEquals(tws.pushRealTimeBar("AAPL", bar), 0);
  assertEquals(await client.waitForEvent(EventName.realtimeBar), [
    31,
    1735830000,
    410,
    411.5,
    409.75,
    411,
    1200,
    410.6,
    37,
  ]);
  client.ib.cancelRealTimeBars(31);
  await tws.waitFor("CANCEL_REAL_TIME_BARS");
  assertEquals(tws.subscriptions("MSFT"), []);
});

sanitizedTest(
  "reqHistoricalData returns the bar source's bars and the finished marker",
  async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 21, 0));
    await using tws = await FakeTws.start({
      clock,
      settleMs: 0,
      historicalBars: (q) =>
        [0, 1, 2].map((i) => ({
          time: (q.endMs - (3 - i) * q.barSizeMs) / 1000,
          open: 100 + i,
          high: 101 + i,
          low: 99 + i,
          close: 100.5 + i,
          volume: 1000 * (i + 1),
          count: 10,
        })),
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqHistoricalData(
      41,
      stock("AAPL"),
      "",
      "3 D",
      BarSizeSetting.DAYS_ONE,
      WhatToShow.TRADES,
      1,
      2,
      false,
    );
    await client.waitForEvent(EventName.historicalData, {
      where: (_id, date) => String(date).startsWith("finished"),
    });
    const bars = client.argsOf(EventName.historicalData);
    assertEquals(bars.map((b) => b.slice(0, 6)), [
      [41, "20241230", 100, 101, 99, 100.5],
      [41, "20241231", 101, 102, 100, 101.5],
      [41, "20250101", 102, 103, 101, 102.5],
      [41, "finished-20241230 21:00:00 UTC-20250102 21:00:00 UTC", -1, -1, -1, -1],
    ]);
    const request = tws.requests("REQ_HISTORICAL_DATA")[0]!;
    assertEquals([request.duration, request.barSize, request.useRTH, request.formatDate], [
      "3 D",
      "1 day",
      true,
      2,
    ]);
  },
);

sanitizedTest(
  "synthetic history answers a 5-minute request with duration/barSize bars",
  async () => {
    await using tws = await FakeTws.start({
      clock: new ManualClock(Date.UTC(2025, 0, 2, 15, 0)),
      settleMs: 0,
    });
    await using client = await IbTestClient.connect(tws, { clientId: 1 });
    client.ib.reqHistoricalData(
      42,
      stock("SPY"),
      "",
      "3600 S",
      BarSizeSetting.MINUTES_FIVE,
      WhatToShow.TRADES,
      0,
      2,
      false,
    );
    await client.waitForEvent(EventName.historicalData, {
      where: (_id, date) => String(date).startsWith("finished"),
    });
    const bars = client.argsOf(EventName.historicalData).slice(0, -1);
    assertEquals(bars.length, 12);
    assertEquals(bars.at(-1)![1], String(Date.UTC(2025, 0, 2, 14, 55) / 1000));
  },
);

sanitizedTest("reqCurrentTime answers with the fake clock in epoch seconds", async () => {
  await using tws = await FakeTws.start({ clock: new ManualClock(1735830000_500), settleMs: 0 });
  await using client = await IbTestClient.connect(tws, { clientId: 1 });
  client.ib.reqCurrentTime();
  assertEquals(await client.waitForEvent(EventName.currentTime), [1735830000]);
});
