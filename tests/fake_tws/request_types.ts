/**
 * Client requests as the fake decodes them. Each has the message `name` as
 * discriminant; {@link ReceivedRequest} adds where and when it arrived.
 *
 * @module
 */
import type { Decimal } from "../../src/model/mod.ts";

/** The contract fields most requests carry (conId through tradingClass). */
export interface ContractFields {
  /** IB contract id; 0 when the client did not send one. */
  readonly conId: number;
  /** Ticker symbol. */
  readonly symbol: string;
  /** Security type, e.g. `STK`. */
  readonly secType: string;
  /** Expiry for derivatives; empty for stocks. */
  readonly lastTradeDateOrContractMonth: string;
  /** Strike; undefined when empty. */
  readonly strike: Decimal | undefined;
  /** Option right; empty for stocks. */
  readonly right: string;
  /** Multiplier; empty for stocks. */
  readonly multiplier: string;
  /** Routing exchange, e.g. `SMART`. */
  readonly exchange: string;
  /** Primary listing exchange. */
  readonly primaryExch: string;
  /** Currency, e.g. `USD`. */
  readonly currency: string;
  /** Local symbol. */
  readonly localSymbol: string;
  /** Trading class. */
  readonly tradingClass: string;
}

/** START_API: the first message after the handshake. */
export interface StartApiRequest {
  readonly name: "START_API";
  readonly clientId: number;
  readonly optionalCapabilities: string;
}

/** REQ_MKT_DATA. */
export interface ReqMktDataRequest {
  readonly name: "REQ_MKT_DATA";
  readonly reqId: number;
  readonly contract: ContractFields;
  readonly genericTickList: string;
  readonly snapshot: boolean;
  readonly regulatorySnapshot: boolean;
}

/** Messages that cancel a subscription by request id. */
export interface CancelByReqIdRequest {
  readonly name:
    | "CANCEL_MKT_DATA"
    | "CANCEL_REAL_TIME_BARS"
    | "CANCEL_HISTORICAL_DATA"
    | "CANCEL_ACCOUNT_SUMMARY";
  readonly reqId: number;
}

/**
 * PLACE_ORDER. The head of the message (through `goodTillDate`) has the same
 * layout at every supported server version and is decoded; the full message
 * is in `raw` of the {@link ReceivedRequest}.
 */
export interface PlaceOrderRequest {
  readonly name: "PLACE_ORDER";
  readonly orderId: number;
  readonly contract: ContractFields;
  readonly secIdType: string;
  readonly secId: string;
  /** `BUY` or `SELL` (as sent). */
  readonly action: string;
  readonly totalQuantity: Decimal;
  /** `MKT`, `LMT`, ... */
  readonly orderType: string;
  readonly lmtPrice: Decimal | undefined;
  readonly auxPrice: Decimal | undefined;
  readonly tif: string;
  readonly ocaGroup: string;
  readonly account: string;
  readonly openClose: string;
  readonly origin: number;
  readonly orderRef: string;
  /** `undefined` when the client left the field empty (stoqey/ib does unless `order.transmit` is set). */
  readonly transmit: boolean | undefined;
  readonly parentId: number;
  readonly outsideRth: boolean;
  readonly hidden: boolean;
  /** Undefined for BAG orders, whose combo legs precede these fields. */
  readonly goodAfterTime: string | undefined;
  /** Undefined for BAG orders. */
  readonly goodTillDate: string | undefined;
}

/** CANCEL_ORDER. */
export interface CancelOrderRequest {
  readonly name: "CANCEL_ORDER";
  readonly orderId: number;
  readonly manualOrderCancelTime: string;
}

/** Messages with no parameters beyond their version. */
export interface ParameterlessRequest {
  readonly name:
    | "REQ_OPEN_ORDERS"
    | "REQ_ALL_OPEN_ORDERS"
    | "REQ_MANAGED_ACCTS"
    | "REQ_CURRENT_TIME"
    | "REQ_POSITIONS"
    | "CANCEL_POSITIONS";
}

/** REQ_AUTO_OPEN_ORDERS. */
export interface ReqAutoOpenOrdersRequest {
  readonly name: "REQ_AUTO_OPEN_ORDERS";
  readonly autoBind: boolean;
}

/** REQ_IDS. */
export interface ReqIdsRequest {
  readonly name: "REQ_IDS";
  readonly numIds: number;
}

/** REQ_EXECUTIONS with its filter; empty filter fields mean "any". */
export interface ReqExecutionsRequest {
  readonly name: "REQ_EXECUTIONS";
  readonly reqId: number;
  readonly filter: {
    readonly clientId: number;
    readonly acctCode: string;
    /** `yyyymmdd-hh:mm:ss` (UTC) or `yyyymmdd hh:mm:ss [zone]`; empty for all. */
    readonly time: string;
    readonly symbol: string;
    readonly secType: string;
    readonly exchange: string;
    readonly side: string;
  };
}

/** REQ_CONTRACT_DATA. */
export interface ReqContractDataRequest {
  readonly name: "REQ_CONTRACT_DATA";
  readonly reqId: number;
  readonly contract: ContractFields;
  readonly includeExpired: boolean;
  readonly secIdType: string;
  readonly secId: string;
  readonly issuerId: string;
}

/** REQ_HISTORICAL_DATA. */
export interface ReqHistoricalDataRequest {
  readonly name: "REQ_HISTORICAL_DATA";
  readonly reqId: number;
  readonly contract: ContractFields;
  readonly includeExpired: boolean;
  /** Empty for "now". */
  readonly endDateTime: string;
  /** E.g. `5 mins`, `1 day`. */
  readonly barSize: string;
  /** E.g. `2 D`, `1 Y`. */
  readonly duration: string;
  readonly useRTH: boolean;
  readonly whatToShow: string;
  /** 1 = text dates, 2 = epoch seconds. */
  readonly formatDate: number;
  readonly keepUpToDate: boolean;
  readonly chartOptions: string;
}

/** REQ_REAL_TIME_BARS. */
export interface ReqRealTimeBarsRequest {
  readonly name: "REQ_REAL_TIME_BARS";
  readonly reqId: number;
  readonly contract: ContractFields;
  readonly barSize: number;
  readonly whatToShow: string;
  readonly useRTH: boolean;
  readonly options: string;
}

/** REQ_MARKET_DATA_TYPE: 1 live, 2 frozen, 3 delayed, 4 delayed frozen. */
export interface ReqMarketDataTypeRequest {
  readonly name: "REQ_MARKET_DATA_TYPE";
  readonly marketDataType: number;
}

/** REQ_ACCOUNT_SUMMARY. */
export interface ReqAccountSummaryRequest {
  readonly name: "REQ_ACCOUNT_SUMMARY";
  readonly reqId: number;
  readonly group: string;
  /** Comma-separated tag names. */
  readonly tags: string;
}

/** A message id the fake does not implement; recorded, never answered. */
export interface UnsupportedRequest {
  readonly name: "UNSUPPORTED";
  readonly msgId: number;
}

/** Every decoded client message. */
export type ClientRequest =
  | StartApiRequest
  | ReqMktDataRequest
  | CancelByReqIdRequest
  | PlaceOrderRequest
  | CancelOrderRequest
  | ParameterlessRequest
  | ReqAutoOpenOrdersRequest
  | ReqIdsRequest
  | ReqExecutionsRequest
  | ReqContractDataRequest
  | ReqHistoricalDataRequest
  | ReqRealTimeBarsRequest
  | ReqMarketDataTypeRequest
  | ReqAccountSummaryRequest
  | UnsupportedRequest;

/** Name of any decoded client message. */
export type ClientRequestName = ClientRequest["name"];

/**
 * The request type for one message name (requests sharing an interface, such
 * as the cancels, get their `name` narrowed to `N`).
 */
export type RequestNamed<N extends ClientRequestName> = DistributeNamed<ClientRequest, N>;

type DistributeNamed<R, N> = R extends { readonly name: infer M }
  ? N extends M ? Omit<R, "name"> & { readonly name: N } : never
  : never;

/** Where and when a request arrived, added to every recorded request. */
export interface ReceivedMeta {
  /** Position in the fake's `received` list, from 0. */
  readonly seq: number;
  /** Fake clock time of arrival, epoch ms. */
  readonly at: number;
  /** Which socket it came on (1, 2, ... in accept order). */
  readonly connectionId: number;
  /** The client id from START_API, or undefined before it. */
  readonly clientId: number | undefined;
  /** The message's fields as received (message id first). */
  readonly raw: readonly string[];
}

/** One recorded client request. */
export type ReceivedRequest = ClientRequest & ReceivedMeta;

/** A recorded request of one message name. */
export type ReceivedNamed<N extends ClientRequestName> = RequestNamed<N> & ReceivedMeta;
