/**
 * Decodes client messages, mirroring stoqey/ib 1.6.10 encoder.ts for server
 * versions 166..193. Fixed-layout messages must have exactly the expected
 * number of fields, so a layout misunderstanding fails loudly instead of
 * being recorded wrongly.
 *
 * @module
 */
import { FieldReader } from "./_field_reader.ts";
import { ClientMessageId, type ClientMessageName, MinServerVersion } from "./message_ids.ts";
import type { ClientRequest, ContractFields, PlaceOrderRequest } from "./request_types.ts";
import { WireProtocolError } from "./wire.ts";

const NAME_BY_ID = new Map<number, ClientMessageName>(
  Object.entries(ClientMessageId).map(([name, id]) => [id, name as ClientMessageName]),
);

/**
 * Decodes one framed client message (message id first) negotiated at
 * `serverVersion`. Throws {@link WireProtocolError} when the layout does not
 * match what the real client sends.
 */
export function parseClientRequest(
  fields: readonly string[],
  serverVersion: number,
): ClientRequest {
  const msgId = Number.parseInt(fields[0] ?? "", 10);
  const name = NAME_BY_ID.get(msgId);
  if (name === undefined) return { name: "UNSUPPORTED", msgId };
  const reader = new FieldReader(fields.slice(1), name);
  const request = parseBody(name, reader, serverVersion);
  if (name !== "PLACE_ORDER") reader.expectEnd();
  return request;
}

function parseBody(name: ClientMessageName, r: FieldReader, serverVersion: number): ClientRequest {
  switch (name) {
    case "START_API": {
      r.int(); // version 2
      return { name, clientId: r.int(), optionalCapabilities: r.str() };
    }
    case "REQ_MKT_DATA":
      return parseReqMktData(r);
    case "CANCEL_MKT_DATA":
    case "CANCEL_REAL_TIME_BARS":
    case "CANCEL_HISTORICAL_DATA":
    case "CANCEL_ACCOUNT_SUMMARY":
      r.int(); // version 1
      return { name, reqId: r.int() };
    case "PLACE_ORDER":
      return parsePlaceOrder(r);
    case "CANCEL_ORDER":
      return parseCancelOrder(r, serverVersion);
    case "REQ_OPEN_ORDERS":
    case "REQ_ALL_OPEN_ORDERS":
    case "REQ_MANAGED_ACCTS":
    case "REQ_CURRENT_TIME":
    case "REQ_POSITIONS":
    case "CANCEL_POSITIONS":
      r.int(); // version 1
      return { name };
    case "REQ_AUTO_OPEN_ORDERS":
      r.int();
      return { name, autoBind: r.bool() };
    case "REQ_IDS":
      r.int();
      return { name, numIds: r.int() };
    case "REQ_EXECUTIONS":
      return parseReqExecutions(r);
    case "REQ_CONTRACT_DATA":
      return parseReqContractData(r, serverVersion);
    case "REQ_HISTORICAL_DATA":
      return parseReqHistoricalData(r);
    case "REQ_REAL_TIME_BARS":
      return parseReqRealTimeBars(r);
    case "REQ_MARKET_DATA_TYPE":
      r.int();
      return { name, marketDataType: r.int() };
    case "REQ_ACCOUNT_SUMMARY":
      r.int();
      return { name, reqId: r.int(), group: r.str(), tags: r.str() };
  }
}

/** conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass. */
function readContract(r: FieldReader): ContractFields {
  return {
    conId: r.int(),
    symbol: r.str(),
    secType: r.str(),
    lastTradeDateOrContractMonth: r.str(),
    strike: r.optionalDecimal(),
    right: r.str(),
    multiplier: r.str(),
    exchange: r.str(),
    primaryExch: r.str(),
    currency: r.str(),
    localSymbol: r.str(),
    tradingClass: r.str(),
  };
}

function rejectCombo(contract: ContractFields, messageName: string): void {
  if (contract.secType.toUpperCase() === "BAG") {
    throw new WireProtocolError(
      `${messageName}: BAG (combo) contracts are not supported by the fake`,
    );
  }
}

function parseReqMktData(r: FieldReader): ClientRequest {
  r.int(); // version 11
  const reqId = r.int();
  const contract = readContract(r);
  rejectCombo(contract, "REQ_MKT_DATA");
  if (r.bool()) {
    r.int(); // deltaNeutralContract conId
    r.str(); // delta
    r.str(); // price
  }
  const genericTickList = r.str();
  const snapshot = r.bool();
  const regulatorySnapshot = r.bool();
  r.str(); // mktDataOptions, always empty
  return { name: "REQ_MKT_DATA", reqId, contract, genericTickList, snapshot, regulatorySnapshot };
}

function parsePlaceOrder(r: FieldReader): PlaceOrderRequest {
  // No version field from ORDER_CONTAINER (145) on.
  const orderId = r.int();
  const contract = readContract(r);
  const secIdType = r.str();
  const secId = r.str();
  const action = r.str();
  const totalQuantity = r.optionalDecimal();
  if (totalQuantity === undefined) {
    throw new WireProtocolError(`PLACE_ORDER ${orderId}: totalQuantity is empty`);
  }
  const orderType = r.str();
  const lmtPrice = r.optionalDecimal();
  const auxPrice = r.optionalDecimal();
  const tif = r.str();
  const ocaGroup = r.str();
  const account = r.str();
  const openClose = r.str();
  const origin = r.int();
  const orderRef = r.str();
  const transmit = r.optionalBool();
  const parentId = r.int();
  r.str(); // blockOrder
  r.str(); // sweepToFill
  r.str(); // displaySize
  r.str(); // triggerMethod
  const outsideRth = r.bool();
  const hidden = r.bool();
  let goodAfterTime: string | undefined;
  let goodTillDate: string | undefined;
  if (contract.secType.toUpperCase() !== "BAG") {
    r.str(); // deprecated sharesAllocation
    r.str(); // discretionaryAmt
    goodAfterTime = r.str();
    goodTillDate = r.str();
  }
  return {
    name: "PLACE_ORDER",
    orderId,
    contract,
    secIdType,
    secId,
    action,
    totalQuantity,
    orderType,
    lmtPrice,
    auxPrice,
    tif,
    ocaGroup,
    account,
    openClose,
    origin,
    orderRef,
    transmit,
    parentId,
    outsideRth,
    hidden,
    goodAfterTime,
    goodTillDate,
  };
}

function parseCancelOrder(r: FieldReader, serverVersion: number): ClientRequest {
  if (serverVersion < MinServerVersion.CME_TAGGING_FIELDS) r.int(); // version 1
  const orderId = r.int();
  const manualOrderCancelTime = serverVersion >= MinServerVersion.MANUAL_ORDER_TIME ? r.str() : "";
  if (
    serverVersion >= MinServerVersion.RFQ_FIELDS && serverVersion < MinServerVersion.UNDO_RFQ_FIELDS
  ) {
    r.str();
    r.str();
    r.str();
  }
  if (serverVersion >= MinServerVersion.CME_TAGGING_FIELDS) {
    r.str(); // extOperator
    r.str(); // manualOrderIndicator
  }
  return { name: "CANCEL_ORDER", orderId, manualOrderCancelTime };
}

function parseReqExecutions(r: FieldReader): ClientRequest {
  r.int(); // version 3
  const reqId = r.int();
  const filter = {
    clientId: r.int(),
    acctCode: r.str(),
    time: r.str(),
    symbol: r.str(),
    secType: r.str(),
    exchange: r.str(),
    side: r.str(),
  };
  return { name: "REQ_EXECUTIONS", reqId, filter };
}

function parseReqContractData(r: FieldReader, serverVersion: number): ClientRequest {
  r.int(); // version 8
  const reqId = r.int();
  const contract = readContract(r);
  const includeExpired = r.bool();
  const secIdType = r.str();
  const secId = r.str();
  const issuerId = serverVersion >= MinServerVersion.BOND_ISSUERID ? r.str() : "";
  return { name: "REQ_CONTRACT_DATA", reqId, contract, includeExpired, secIdType, secId, issuerId };
}

function parseReqHistoricalData(r: FieldReader): ClientRequest {
  // No version field from SYNT_REALTIME_BARS (124) on.
  const reqId = r.int();
  const contract = readContract(r);
  rejectCombo(contract, "REQ_HISTORICAL_DATA");
  return {
    name: "REQ_HISTORICAL_DATA",
    reqId,
    contract,
    includeExpired: r.bool(),
    endDateTime: r.str(),
    barSize: r.str(),
    duration: r.str(),
    useRTH: r.bool(),
    whatToShow: r.str(),
    formatDate: r.int(),
    keepUpToDate: r.bool(),
    chartOptions: r.str(),
  };
}

function parseReqRealTimeBars(r: FieldReader): ClientRequest {
  r.int(); // version 3
  const reqId = r.int();
  const contract = readContract(r);
  return {
    name: "REQ_REAL_TIME_BARS",
    reqId,
    contract,
    barSize: r.int(),
    whatToShow: r.str(),
    useRTH: r.bool(),
    options: r.str(),
  };
}
