import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { toDecimal } from "../../src/model/mod.ts";
import { ContractRegistry, DEFAULT_CONTRACTS } from "./contract_registry.ts";
import {
  contractDataEndMessage,
  contractDataMessage,
  historicalDataMessage,
  marketDataTypeMessage,
  realTimeBarMessage,
  tickPriceMessage,
  tickSizeMessage,
} from "./market_data_messages.ts";
import { SUPPORTED_SERVER_VERSIONS } from "./message_ids.ts";
import { type OpenOrderFields, openOrderMessage } from "./open_order_message.ts";
import {
  accountSummaryEndMessage,
  accountSummaryMessage,
  commissionReportMessage,
  currentTimeMessage,
  errorMessage,
  executionDataEndMessage,
  executionDataMessage,
  managedAccountsMessage,
  nextValidIdMessage,
  openOrderEndMessage,
  orderStatusMessage,
  positionEndMessage,
  positionMessage,
} from "./server_messages.ts";
import { decodeWithRealClient } from "./_real_client_codec.ts";
import type { WireValue } from "./wire.ts";

const AAPL = new ContractRegistry(DEFAULT_CONTRACTS).get("AAPL")!.wire;
const d = toDecimal;
const VERSIONS = Array.from(
  { length: SUPPORTED_SERVER_VERSIONS.max - SUPPORTED_SERVER_VERSIONS.min + 1 },
  (_, i) => SUPPORTED_SERVER_VERSIONS.min + i,
);

function limitOrder(overrides: Partial<OpenOrderFields> = {}): OpenOrderFields {
  return {
    orderId: 12,
    contract: AAPL,
    action: "BUY",
    totalQuantity: d(100),
    orderType: "LMT",
    lmtPrice: d("189.5"),
    auxPrice: undefined,
    tif: "DAY",
    ocaGroup: "",
    account: "DU1234567",
    openClose: "",
    origin: 0,
    orderRef: "sma-1",
    clientId: 3,
    permId: 1900000001,
    outsideRth: false,
    hidden: false,
    goodAfterTime: "",
    goodTillDate: "",
    parentId: 0,
    status: "Submitted",
    ...overrides,
  };
}

/** Decodes and fails on any decoder error (505 underrun or unprocessed data). */
function decodeCleanly(fields: WireValue[], version: number): unknown[][] {
  const result = decodeWithRealClient(fields, version);
  assertEquals(result.errors, [], `v${version} ${fields[0]}: ${JSON.stringify(result.errors)}`);
  return result.events;
}

Deno.test("OPEN_ORDER for a plain STK limit order is 128 fields at server version 176", () => {
  assertEquals(openOrderMessage(limitOrder(), 176).length, 128);
});

Deno.test("OPEN_ORDER field count follows the decoder's version gates from 166 to 193", () => {
  const counts = Object.fromEntries(
    [166, 170, 176, 177, 183, 184, 185, 189, 193].map((
      v,
    ) => [v, openOrderMessage(limitOrder(), v).length]),
  );
  assertEquals(counts, {
    166: 123,
    170: 128,
    176: 128,
    177: 127,
    183: 128,
    184: 129,
    185: 130,
    189: 131,
    193: 133,
  });
});

Deno.test("the real decoder reads OPEN_ORDER without error at every supported version", () => {
  for (const version of VERSIONS) {
    for (
      const order of [
        limitOrder(),
        limitOrder({ orderType: "MKT", lmtPrice: undefined, status: "Filled" }),
      ]
    ) {
      const [event] = decodeCleanly(openOrderMessage(order, version), version);
      const [name, orderId, contract, decoded, state] = event as [
        string,
        number,
        Record<string, unknown>,
        Record<string, unknown>,
        Record<string, unknown>,
      ];
      assertEquals([name, orderId], ["openOrder", 12]);
      assertEquals([contract.conId, contract.symbol, contract.secType, contract.exchange], [
        265598,
        "AAPL",
        "STK",
        "SMART",
      ]);
      assertEquals(
        [decoded.action, decoded.totalQuantity, decoded.orderType, decoded.lmtPrice, decoded.tif],
        ["BUY", 100, order.orderType, order.lmtPrice?.toNumber(), "DAY"],
      );
      assertEquals([decoded.account, decoded.orderRef, decoded.clientId, decoded.permId], [
        "DU1234567",
        "sma-1",
        3,
        1900000001,
      ]);
      assertEquals(state.status, order.status);
    }
  }
});

Deno.test("the real decoder reads every session and order message without error at every supported version", () => {
  const execution = {
    orderId: 12,
    contract: AAPL,
    execId: "0001.0001.01.01",
    time: "20250102 14:30:00 UTC",
    account: "DU1234567",
    side: "BOT",
    shares: d(40),
    price: d("189.25"),
    permId: 1900000001,
    clientId: 3,
    cumQty: d(40),
    avgPrice: d("189.25"),
    orderRef: "sma-1",
  };
  for (const version of VERSIONS) {
    const decode = (fields: WireValue[]) => decodeCleanly(fields, version)[0];
    assertEquals(decode(nextValidIdMessage(5)), ["nextValidId", 5]);
    assertEquals(decode(managedAccountsMessage(["DU1", "DU2"])), ["managedAccounts", "DU1,DU2"]);
    assertEquals(decode(currentTimeMessage(1735830000)), ["currentTime", 1735830000]);
    assertEquals(decode(openOrderEndMessage()), ["openOrderEnd"]);
    assertEquals(decode(positionEndMessage()), ["positionEnd"]);
    assertEquals(decode(executionDataEndMessage(9)), ["execDetailsEnd", 9]);
    assertEquals(decode(accountSummaryEndMessage(4)), ["accountSummaryEnd", 4]);
    const status = decode(orderStatusMessage({
      orderId: 12,
      status: "Filled",
      filled: d(100),
      remaining: d(0),
      avgFillPrice: d("189.3"),
      permId: 1900000001,
      parentId: 0,
      lastFillPrice: d("189.4"),
      clientId: 3,
    }));
    assertEquals(status, [
      "orderStatus",
      12,
      "Filled",
      100,
      0,
      189.3,
      1900000001,
      0,
      189.4,
      3,
      "",
      0,
    ]);
    const [name, reqId, contract, exec] = decode(executionDataMessage(-1, execution, version)) as [
      string,
      number,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    assertEquals([name, reqId, contract.conId, contract.symbol], [
      "execDetails",
      -1,
      265598,
      "AAPL",
    ]);
    assertEquals([
      exec.execId,
      exec.side,
      exec.shares,
      exec.price,
      exec.cumQty,
      exec.avgPrice,
      exec.orderRef,
      exec.permId,
    ], [
      "0001.0001.01.01",
      "BOT",
      40,
      189.25,
      40,
      189.25,
      "sma-1",
      1900000001,
    ]);
    const [, report] = decode(
      commissionReportMessage({ execId: "x", commission: d("1.25"), currency: "USD" }),
    ) as [string, Record<string, unknown>];
    assertEquals(report, {
      execId: "x",
      commission: 1.25,
      currency: "USD",
      realizedPNL: undefined,
      yield: undefined,
      yieldRedemptionDate: 0,
    });
    const [, account, posContract, quantity, avgCost] = decode(
      positionMessage("DU1", { contract: AAPL, quantity: d(-30), avgCost: d("101.5") }),
    ) as [string, string, Record<string, unknown>, number, number];
    assertEquals([account, posContract.symbol, quantity, avgCost], ["DU1", "AAPL", -30, 101.5]);
    assertEquals(
      decode(
        accountSummaryMessage(4, {
          account: "DU1",
          tag: "NetLiquidation",
          value: "100000",
          currency: "USD",
        }),
      ),
      ["accountSummary", 4, "DU1", "NetLiquidation", "100000", "USD"],
    );
  }
});

Deno.test("ERR_MSG with id -1 is info for the real client; with an id it is an error", () => {
  const info = decodeWithRealClient(
    errorMessage(-1, 1100, "Connectivity between IB and TWS has been lost."),
    176,
  );
  assertEquals([info.infos, info.errors, info.events], [
    [["Connectivity between IB and TWS has been lost.", 1100]],
    [],
    [],
  ]);
  const error = decodeWithRealClient(errorMessage(7, 201, "Order rejected - reason:x"), 176);
  assertEquals([error.infos, error.errors], [[], [["Order rejected - reason:x", 201, 7]]]);
});

Deno.test("the real decoder reads every market data message without error at every supported version", () => {
  for (const version of VERSIONS) {
    const events = (fields: WireValue[]) => decodeCleanly(fields, version);
    assertEquals(events(tickPriceMessage(3, { tickType: 4, price: d("190.1"), size: d(200) })), [
      ["tickPrice", 3, 4, 190.1, false],
      ["tickSize", 3, 5, 200],
    ]);
    assertEquals(events(tickSizeMessage(3, { tickType: 0, size: d(300) })), [[
      "tickSize",
      3,
      0,
      300,
    ]]);
    assertEquals(events(marketDataTypeMessage(3, 3)), [["marketDataType", 3, 3]]);
    const [[name, reqId, details]] = events(contractDataMessage(8, AAPL, version)) as [
      [string, number, { contract: Record<string, unknown>; longName: string; minTick: number }],
    ];
    assertEquals([
      name,
      reqId,
      details.contract.conId,
      details.contract.symbol,
      details.longName,
      details.minTick,
    ], [
      "contractDetails",
      8,
      265598,
      "AAPL",
      "APPLE INC",
      0.01,
    ]);
    assertEquals(events(contractDataEndMessage(8)), [["contractDetailsEnd", 8]]);
    const bar = {
      open: d(1),
      high: d(2),
      low: d("0.5"),
      close: d("1.5"),
      volume: d(10),
      wap: d("1.25"),
      count: 4,
    };
    assertEquals(events(realTimeBarMessage(5, { time: 1735830000, ...bar })), [[
      "realtimeBar",
      5,
      1735830000,
      1,
      2,
      0.5,
      1.5,
      10,
      1.25,
      4,
    ]]);
    assertEquals(
      events(
        historicalDataMessage(6, { start: "s", end: "e", bars: [{ date: "20250102", ...bar }] }),
      ),
      [
        ["historicalData", 6, "20250102", 1, 2, 0.5, 1.5, 10, 4, 1.25, undefined],
        ["historicalData", 6, "finished-s-e", -1, -1, -1, -1, -1, -1, -1, false],
      ],
    );
  }
});
