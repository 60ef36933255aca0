/**
 * Server -> client messages about the session, orders and the account,
 * field by field as stoqey/ib 1.6.10 decoder.ts reads them at server versions
 * 166..193. Each builder returns the fields (message id first) for
 * `encodeFrame`. Market data messages are in market_data_messages.ts and
 * OPEN_ORDER in open_order_message.ts.
 *
 * @module
 */
import type { Decimal } from "../../src/model/mod.ts";
import { MinServerVersion, ServerMessageId as Id } from "./message_ids.ts";
import type { WireValue } from "./wire.ts";

/** The contract description the fake keeps for a symbol (see `ContractSpec` in fake_tws_options.ts). */
export interface WireContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly longName: string;
  readonly minTick: Decimal;
  readonly timeZoneId: string;
}

/** NEXT_VALID_ID: `9, 1, orderId`. */
export function nextValidIdMessage(orderId: number): WireValue[] {
  return [Id.NEXT_VALID_ID, 1, orderId];
}

/** MANAGED_ACCTS: `15, 1, "A,B"`. */
export function managedAccountsMessage(accounts: readonly string[]): WireValue[] {
  return [Id.MANAGED_ACCTS, 1, accounts.join(",")];
}

/** ERR_MSG: `4, 2, id, code, message, advancedOrderRejectJson`; id -1 reaches the client's `info` event. */
export function errorMessage(id: number, code: number, message: string): WireValue[] {
  return [Id.ERR_MSG, 2, id, code, message, ""];
}

/** Fields of one ORDER_STATUS. */
export interface OrderStatusFields {
  readonly orderId: number;
  readonly status: string;
  readonly filled: Decimal;
  readonly remaining: Decimal;
  readonly avgFillPrice: Decimal;
  readonly permId: number;
  readonly parentId: number;
  readonly lastFillPrice: Decimal;
  readonly clientId: number;
}

/** ORDER_STATUS (no version field from MARKET_CAP_PRICE, 131). */
export function orderStatusMessage(s: OrderStatusFields): WireValue[] {
  return [
    Id.ORDER_STATUS,
    s.orderId,
    s.status,
    s.filled,
    s.remaining,
    s.avgFillPrice,
    s.permId,
    s.parentId,
    s.lastFillPrice,
    s.clientId,
    "", // whyHeld
    0, // mktCapPrice
  ];
}

/** Fields of one execution, as EXECUTION_DATA carries them. */
export interface ExecutionFields {
  readonly orderId: number;
  readonly contract: WireContract;
  readonly execId: string;
  /** Already formatted, e.g. `20250102 14:30:00 UTC`. */
  readonly time: string;
  readonly account: string;
  /** `BOT` or `SLD`. */
  readonly side: string;
  readonly shares: Decimal;
  readonly price: Decimal;
  readonly permId: number;
  readonly clientId: number;
  readonly cumQty: Decimal;
  readonly avgPrice: Decimal;
  readonly orderRef: string;
}

/** EXECUTION_DATA (no version field from LAST_LIQUIDITY, 136); reqId -1 when unsolicited. */
export function executionDataMessage(
  reqId: number,
  e: ExecutionFields,
  serverVersion: number,
): WireValue[] {
  const c = e.contract;
  const fields: WireValue[] = [
    Id.EXECUTION_DATA,
    reqId,
    e.orderId,
    c.conId,
    c.symbol,
    c.secType,
    "", // lastTradeDateOrContractMonth
    0, // strike
    "", // right
    "", // multiplier
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass,
    e.execId,
    e.time,
    e.account,
    c.exchange, // execution exchange
    e.side,
    e.shares,
    e.price,
    e.permId,
    e.clientId,
    0, // liquidation
    e.cumQty,
    e.avgPrice,
    e.orderRef,
    "", // evRule
    "", // evMultiplier
    "", // modelCode
    1, // lastLiquidity: added liquidity
  ];
  if (serverVersion >= MinServerVersion.PENDING_PRICE_REVISION) fields.push(false);
  return fields;
}

/** EXECUTION_DATA_END: `55, 1, reqId`. */
export function executionDataEndMessage(reqId: number): WireValue[] {
  return [Id.EXECUTION_DATA_END, 1, reqId];
}

/** COMMISSION_REPORT: `59, 1, execId, commission, currency, realizedPNL, yield, yieldRedemptionDate`. */
export function commissionReportMessage(
  report: { execId: string; commission: Decimal; currency: string; realizedPnl?: Decimal },
): WireValue[] {
  // Double.MAX_VALUE is TWS's "unset"; the client turns it into undefined.
  const unset = String(Number.MAX_VALUE);
  return [
    Id.COMMISSION_REPORT,
    1,
    report.execId,
    report.commission,
    report.currency,
    report.realizedPnl ?? unset,
    unset,
    "",
  ];
}

/** POSITION: `61, 3, account, contract..., position, avgCost`. */
export function positionMessage(
  account: string,
  position: { contract: WireContract; quantity: Decimal; avgCost: Decimal },
): WireValue[] {
  const c = position.contract;
  return [
    Id.POSITION,
    3,
    account,
    c.conId,
    c.symbol,
    c.secType,
    "", // lastTradeDateOrContractMonth
    0, // strike
    "", // right
    "", // multiplier
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass,
    position.quantity,
    position.avgCost,
  ];
}

/** POSITION_END: `62, 1`. */
export function positionEndMessage(): WireValue[] {
  return [Id.POSITION_END, 1];
}

/** ACCOUNT_SUMMARY: `63, 1, reqId, account, tag, value, currency`. */
export function accountSummaryMessage(
  reqId: number,
  entry: { account: string; tag: string; value: string; currency: string },
): WireValue[] {
  return [Id.ACCOUNT_SUMMARY, 1, reqId, entry.account, entry.tag, entry.value, entry.currency];
}

/** ACCOUNT_SUMMARY_END: `64, 1, reqId`. */
export function accountSummaryEndMessage(reqId: number): WireValue[] {
  return [Id.ACCOUNT_SUMMARY_END, 1, reqId];
}

/** OPEN_ORDER_END: `53, 1`. */
export function openOrderEndMessage(): WireValue[] {
  return [Id.OPEN_ORDER_END, 1];
}

/** CURRENT_TIME: `49, 1, epochSeconds`. */
export function currentTimeMessage(epochSeconds: number): WireValue[] {
  return [Id.CURRENT_TIME, 1, epochSeconds];
}
