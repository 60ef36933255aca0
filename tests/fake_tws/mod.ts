/**
 * A protocol-level fake TWS for integration tests, and a harness for the
 * real `@stoqey/ib` client. See README.md in this folder.
 *
 * @example
 * ```ts
 * import { FakeTws, sanitizedTest } from "../fake_tws/mod.ts";
 *
 * sanitizedTest("the venue buys 10 AAPL", async () => {
 *   await using tws = await FakeTws.start({ fillPrices: { AAPL: 190 } });
 *   // ... run the venue against 127.0.0.1:tws.port ...
 *   const orders = tws.requests("PLACE_ORDER");
 * });
 * ```
 *
 * @module
 */
export { FakeTws } from "./fake_tws.ts";
export type { ConnectionInfo, SubscriptionInfo } from "./connection_views.ts";
export type {
  AccountValueInput,
  CommissionSchedule,
  ContractSpec,
  DecimalInput,
  FakeTwsOptions,
  FillMode,
  HistoricalBarInput,
  HistoricalBarSource,
  HistoricalQuery,
  PositionSpec,
  RejectRule,
} from "./fake_tws_options.ts";
export { DEFAULT_CONTRACTS } from "./contract_registry.ts";
export { DEFAULT_ACCOUNT_SUMMARY, type FakePosition } from "./account_book.ts";
export type { FakeExecution, FakeOrder, OrderStatusName } from "./order_book.ts";
export type { RealTimeBarInput } from "./market_desk.ts";
export { syntheticHistoricalBars } from "./historical_bars.ts";
export { formatIbDateTime, parseIbDateTime } from "./ib_time.ts";
export { SUPPORTED_SERVER_VERSIONS } from "./message_ids.ts";
export type {
  ClientRequest,
  ClientRequestName,
  ContractFields,
  PlaceOrderRequest,
  ReceivedMeta,
  ReceivedNamed,
  ReceivedRequest,
  RequestNamed,
} from "./request_types.ts";
export type { RequestMatcher, WaitForOptions } from "./traffic_log.ts";
export {
  type IbEvent,
  IbTestClient,
  type IbTestClientOptions,
  type WaitForEventOptions,
} from "./ib_test_client.ts";
export { sanitizedTest } from "./sanitizers.ts";
