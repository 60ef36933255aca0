import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { BarSizeSetting, type Contract, OrderAction, OrderType, SecType } from "@stoqey/ib";
import { SUPPORTED_SERVER_VERSIONS } from "./message_ids.ts";
import { parseClientRequest } from "./request_parser.ts";
import type { ClientRequest, RequestNamed } from "./request_types.ts";
import { encodeWithRealClient } from "./_real_client_codec.ts";
import type { Encoder } from "@stoqey/ib/dist/core/io/encoder.js";

const VERSIONS = Array.from(
  { length: SUPPORTED_SERVER_VERSIONS.max - SUPPORTED_SERVER_VERSIONS.min + 1 },
  (_, i) => SUPPORTED_SERVER_VERSIONS.min + i,
);
const AAPL: Contract = { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" };

function roundTrip(version: number, call: (encoder: Encoder) => void): ClientRequest {
  return parseClientRequest(encodeWithRealClient(version, call), version);
}

function named<N extends ClientRequest["name"]>(request: ClientRequest, name: N): RequestNamed<N> {
  assertEquals(request.name, name);
  return request as RequestNamed<N>;
}

Deno.test("PLACE_ORDER from the real encoder decodes at every supported version", () => {
  for (const version of VERSIONS) {
    const order = named(
      roundTrip(version, (e) =>
        e.placeOrder(41, { ...AAPL, conId: 265598 }, {
          action: OrderAction.SELL,
          totalQuantity: 25,
          orderType: OrderType.LMT,
          lmtPrice: 190.25,
          tif: "GTC",
          account: "DU1234567",
          orderRef: "pair-3",
          transmit: true,
        })),
      "PLACE_ORDER",
    );
    assertEquals(
      [order.orderId, order.contract.conId, order.contract.symbol, order.action, order.orderType],
      [41, 265598, "AAPL", "SELL", "LMT"],
    );
    assertEquals([order.totalQuantity.toString(), order.lmtPrice?.toString(), order.auxPrice], [
      "25",
      "190.25",
      undefined,
    ]);
    assertEquals([order.tif, order.account, order.orderRef, order.transmit], [
      "GTC",
      "DU1234567",
      "pair-3",
      true,
    ]);
  }
});

Deno.test("PLACE_ORDER without order.transmit decodes transmit as undefined", () => {
  const order = named(
    roundTrip(
      176,
      (e) =>
        e.placeOrder(1, AAPL, {
          action: OrderAction.BUY,
          totalQuantity: 1,
          orderType: OrderType.MKT,
        }),
    ),
    "PLACE_ORDER",
  );
  assertEquals([order.transmit, order.lmtPrice], [undefined, undefined]);
});

Deno.test("CANCEL_ORDER decodes across the 187-189 and 192 layout changes", () => {
  for (const version of VERSIONS) {
    const cancel = named(
      roundTrip(version, (e) => e.cancelOrder(77, { manualOrderCancelTime: "", extOperator: "" })),
      "CANCEL_ORDER",
    );
    assertEquals(cancel.orderId, 77, `v${version}`);
  }
});

Deno.test("market data, history, contract and account requests from the real encoder decode exactly", () => {
  for (const version of VERSIONS) {
    const mkt = named(
      roundTrip(version, (e) => e.reqMktData(3, AAPL, "233", false, false)),
      "REQ_MKT_DATA",
    );
    assertEquals([mkt.reqId, mkt.contract.symbol, mkt.genericTickList, mkt.snapshot], [
      3,
      "AAPL",
      "233",
      false,
    ]);
    const details = named(
      roundTrip(version, (e) => e.reqContractDetails(4, AAPL)),
      "REQ_CONTRACT_DATA",
    );
    assertEquals([details.reqId, details.contract.symbol, details.contract.exchange], [
      4,
      "AAPL",
      "SMART",
    ]);
    const history = named(
      roundTrip(
        version,
        (e) =>
          e.reqHistoricalData(
            5,
            AAPL,
            "20250102 16:00:00 UTC",
            "2 D",
            BarSizeSetting.MINUTES_FIVE,
            "TRADES",
            1,
            2,
            false,
          ),
      ),
      "REQ_HISTORICAL_DATA",
    );
    assertEquals(
      [
        history.reqId,
        history.endDateTime,
        history.duration,
        history.barSize,
        history.useRTH,
        history.formatDate,
      ],
      [5, "20250102 16:00:00 UTC", "2 D", "5 mins", true, 2],
    );
    const bars = named(
      roundTrip(version, (e) => e.reqRealTimeBars(6, AAPL, 5, "TRADES", false, [])),
      "REQ_REAL_TIME_BARS",
    );
    assertEquals([bars.reqId, bars.barSize, bars.whatToShow, bars.useRTH], [6, 5, "TRADES", false]);
    const executions = named(
      roundTrip(
        version,
        (e) => e.reqExecutions(7, { clientId: "2", time: "20250102-14:00:00", symbol: "AAPL" }),
      ),
      "REQ_EXECUTIONS",
    );
    assertEquals([
      executions.reqId,
      executions.filter.clientId,
      executions.filter.time,
      executions.filter.side,
    ], [
      7,
      2,
      "20250102-14:00:00",
      "",
    ]);
    const summary = named(
      roundTrip(version, (e) => e.reqAccountSummary(8, "All", "NetLiquidation,BuyingPower")),
      "REQ_ACCOUNT_SUMMARY",
    );
    assertEquals([summary.reqId, summary.group, summary.tags], [
      8,
      "All",
      "NetLiquidation,BuyingPower",
    ]);
    assertEquals(roundTrip(version, (e) => e.cancelMktData(3)), {
      name: "CANCEL_MKT_DATA",
      reqId: 3,
    });
    assertEquals(roundTrip(version, (e) => e.cancelRealTimeBars(6)), {
      name: "CANCEL_REAL_TIME_BARS",
      reqId: 6,
    });
    assertEquals(roundTrip(version, (e) => e.cancelAccountSummary(8)), {
      name: "CANCEL_ACCOUNT_SUMMARY",
      reqId: 8,
    });
    assertEquals(roundTrip(version, (e) => e.reqIds(1)), { name: "REQ_IDS", numIds: 1 });
    assertEquals(roundTrip(version, (e) => e.reqMarketDataType(3)), {
      name: "REQ_MARKET_DATA_TYPE",
      marketDataType: 3,
    });
    assertEquals(roundTrip(version, (e) => e.reqAutoOpenOrders(true)), {
      name: "REQ_AUTO_OPEN_ORDERS",
      autoBind: true,
    });
    for (
      const [call, name] of [
        [(e: Encoder) => e.reqOpenOrders(), "REQ_OPEN_ORDERS"],
        [(e: Encoder) => e.reqAllOpenOrders(), "REQ_ALL_OPEN_ORDERS"],
        [(e: Encoder) => e.reqManagedAccts(), "REQ_MANAGED_ACCTS"],
        [(e: Encoder) => e.reqCurrentTime(), "REQ_CURRENT_TIME"],
        [(e: Encoder) => e.reqPositions(), "REQ_POSITIONS"],
        [(e: Encoder) => e.cancelPositions(), "CANCEL_POSITIONS"],
      ] as const
    ) {
      assertEquals(roundTrip(version, call), { name });
    }
  }
});

Deno.test("a fixed-layout request with an extra field is a protocol error, not a silent misread", () => {
  assertThrows(
    () => parseClientRequest(["8", "1", "1", "surplus"], 176),
    /unexpected trailing field/,
  );
  assertThrows(
    () => parseClientRequest(["62", "1", "8", "All"], 176),
    /expected a field at position 3/,
  );
});

Deno.test("an unknown message id is recorded as UNSUPPORTED", () => {
  assertEquals(parseClientRequest(["6", "2", "1", "DU1"], 176), { name: "UNSUPPORTED", msgId: 6 });
});
