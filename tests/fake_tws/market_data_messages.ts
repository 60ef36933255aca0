/**
 * Server -> client market data messages (ticks, bars, contract details),
 * field by field as stoqey/ib 1.6.10 decoder.ts reads them at server versions
 * 166..193.
 *
 * @module
 */
import type { Decimal } from "../../src/model/mod.ts";
import { MinServerVersion, ServerMessageId as Id } from "./message_ids.ts";
import type { WireContract } from "./server_messages.ts";
import type { WireValue } from "./wire.ts";

/** TICK_PRICE: `1, 6, tickerId, tickType, price, size, attrMask` (the client also emits the size tick). */
export function tickPriceMessage(
  tickerId: number,
  tick: { tickType: number; price: Decimal; size: Decimal },
): WireValue[] {
  return [Id.TICK_PRICE, 6, tickerId, tick.tickType, tick.price, tick.size, 0];
}

/** TICK_SIZE: `2, 6, tickerId, tickType, size`. */
export function tickSizeMessage(
  tickerId: number,
  tick: { tickType: number; size: Decimal },
): WireValue[] {
  return [Id.TICK_SIZE, 6, tickerId, tick.tickType, tick.size];
}

/** MARKET_DATA_TYPE: `58, 1, reqId, type` (1 live, 2 frozen, 3 delayed, 4 delayed frozen). */
export function marketDataTypeMessage(reqId: number, marketDataType: number): WireValue[] {
  return [Id.MARKET_DATA_TYPE, 1, reqId, marketDataType];
}

/** CONTRACT_DATA (no version field from SIZE_RULES, 164) for a stock-like contract. */
export function contractDataMessage(
  reqId: number,
  c: WireContract,
  serverVersion: number,
): WireValue[] {
  const fields: WireValue[] = [Id.CONTRACT_DATA, reqId, c.symbol, c.secType, ""];
  if (serverVersion >= MinServerVersion.LAST_TRADE_DATE) fields.push(""); // lastTradeDate
  fields.push(
    0, // strike
    "", // right
    c.exchange,
    c.currency,
    c.localSymbol,
    c.tradingClass, // marketName
    c.tradingClass,
    c.conId,
    c.minTick,
    "", // multiplier
    "ACTIVETIM,AD,ADJUST,ALERT,ALLOC,LMT,MKT,STP", // orderTypes
    `${c.exchange},${c.primaryExch}`, // validExchanges
    1, // priceMagnifier
    0, // underConId
    c.longName,
    c.primaryExch,
    "", // contractMonth
    "", // industry
    "", // category
    "", // subcategory
    c.timeZoneId,
    "", // tradingHours
    "", // liquidHours
    "", // evRule
    "", // evMultiplier
    0, // secIdList count
    1, // aggGroup
    "", // underSymbol
    "", // underSecType
    "26", // marketRuleIds
    "", // realExpirationDate
    c.secType === "STK" ? "COMMON" : "", // stockType
    "0.0001", // minSize
    "0.0001", // sizeIncrement
    "100", // suggestedSizeIncrement
  );
  if (serverVersion >= MinServerVersion.FUND_DATA_FIELDS && c.secType === "FUND") {
    // fundName .. fundAssetType: 7 strings, 3 booleans, 7 strings.
    fields.push("", "", "", "", "", "", "", 0, 0, 0, "", "", "", "", "", "", "");
  }
  if (serverVersion >= MinServerVersion.INELIGIBILITY_REASONS) fields.push(0);
  return fields;
}

/** CONTRACT_DATA_END: `52, 1, reqId`. */
export function contractDataEndMessage(reqId: number): WireValue[] {
  return [Id.CONTRACT_DATA_END, 1, reqId];
}

/** One historical bar with its date already formatted for the request's `formatDate`. */
export interface WireHistoricalBar {
  readonly date: string;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
  readonly wap: Decimal;
  readonly count: number;
}

/** HISTORICAL_DATA (no version field from SYNT_REALTIME_BARS, 124): `17, reqId, start, end, n, bars...`. */
export function historicalDataMessage(
  reqId: number,
  data: { start: string; end: string; bars: readonly WireHistoricalBar[] },
): WireValue[] {
  const fields: WireValue[] = [Id.HISTORICAL_DATA, reqId, data.start, data.end, data.bars.length];
  for (const bar of data.bars) {
    fields.push(bar.date, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.wap, bar.count);
  }
  return fields;
}

/** One five-second real-time bar (`time` is the bar start, epoch seconds). */
export interface WireRealTimeBar {
  readonly time: number;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: Decimal;
  readonly wap: Decimal;
  readonly count: number;
}

/** REAL_TIME_BARS: `50, 3, reqId, time, open, high, low, close, volume, wap, count`. */
export function realTimeBarMessage(reqId: number, bar: WireRealTimeBar): WireValue[] {
  return [
    Id.REAL_TIME_BARS,
    3,
    reqId,
    bar.time,
    bar.open,
    bar.high,
    bar.low,
    bar.close,
    bar.volume,
    bar.wap,
    bar.count,
  ];
}
