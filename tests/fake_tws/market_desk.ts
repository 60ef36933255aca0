/**
 * The fake's market data handling: contract details, market data and
 * real-time bar subscriptions, historical bars, and pushing ticks and bars to
 * subscribers.
 *
 * @module
 */
import { type Decimal, type TickKind, toDecimal } from "../../src/model/mod.ts";
import type { ClientConnection } from "./client_connection.ts";
import type { DecimalInput, HistoricalBarSource } from "./fake_tws_options.ts";
import { parseBarSizeMs, parseDurationMs, toWireBars } from "./historical_bars.ts";
import { formatIbDateTime, parseIbDateTime } from "./ib_time.ts";
import {
  contractDataEndMessage,
  contractDataMessage,
  historicalDataMessage,
  marketDataTypeMessage,
  realTimeBarMessage,
  tickPriceMessage,
  tickSizeMessage,
} from "./market_data_messages.ts";
import { TickTypeId } from "./message_ids.ts";
import type {
  ContractFields,
  ReqContractDataRequest,
  ReqHistoricalDataRequest,
  ReqMktDataRequest,
  ReqRealTimeBarsRequest,
} from "./request_types.ts";
import { sendError, type TwsContext } from "./_tws_context.ts";

/** A five-second bar for `pushRealTimeBar`. */
export interface RealTimeBarInput {
  /** Bar start, epoch seconds. */
  readonly time: number;
  readonly open: DecimalInput;
  readonly high: DecimalInput;
  readonly low: DecimalInput;
  readonly close: DecimalInput;
  /** Default 0. */
  readonly volume?: DecimalInput;
  /** Default: the close. */
  readonly wap?: DecimalInput;
  /** Default 0. */
  readonly count?: number;
}

const NO_DEFINITION = "No security definition has been found for the request";

const PRICE_TICK: Record<TickKind, { live: number; delayed: number }> = {
  bid: { live: TickTypeId.BID, delayed: TickTypeId.DELAYED_BID },
  ask: { live: TickTypeId.ASK, delayed: TickTypeId.DELAYED_ASK },
  last: { live: TickTypeId.LAST, delayed: TickTypeId.DELAYED_LAST },
};

const SIZE_TICK: Record<TickKind, { live: number; delayed: number }> = {
  bid: { live: TickTypeId.BID_SIZE, delayed: TickTypeId.DELAYED_BID_SIZE },
  ask: { live: TickTypeId.ASK_SIZE, delayed: TickTypeId.DELAYED_ASK_SIZE },
  last: { live: TickTypeId.LAST_SIZE, delayed: TickTypeId.DELAYED_LAST_SIZE },
};

function tickTypeFor(table: typeof PRICE_TICK, kind: TickKind, conn: ClientConnection): number {
  return conn.marketDataType >= 3 ? table[kind].delayed : table[kind].live;
}

/** Answers market data requests and fans pushed data out to subscribers. */
export class MarketDesk {
  readonly #ctx: TwsContext;
  readonly #historicalBars: HistoricalBarSource;

  /** Works on `ctx`; `historicalBars` produces history. */
  constructor(ctx: TwsContext, historicalBars: HistoricalBarSource) {
    this.#ctx = ctx;
    this.#historicalBars = historicalBars;
  }

  /** REQ_CONTRACT_DATA: details and end, or error 200 on the reqId. */
  contractDetails(conn: ClientConnection, req: ReqContractDataRequest): void {
    const known = this.#resolveOr200(conn, req.reqId, req.contract);
    if (!known) return;
    conn.send(contractDataMessage(req.reqId, known.wire, this.#ctx.serverVersion));
    conn.send(contractDataEndMessage(req.reqId));
  }

  /**
   * REQ_MKT_DATA: subscribes (102 on a duplicate reqId, 200 on an unknown
   * contract), reports a non-live market data type, and sends the latest
   * quotes at once, as TWS does.
   */
  subscribeMarketData(conn: ClientConnection, req: ReqMktDataRequest): void {
    if (conn.marketData.has(req.reqId)) {
      return sendError(conn, { id: req.reqId, code: 102, message: "Duplicate ticker ID." });
    }
    const known = this.#resolveOr200(conn, req.reqId, req.contract);
    if (!known) return;
    const symbol = known.wire.symbol;
    conn.marketData.set(req.reqId, symbol);
    if (conn.marketDataType !== 1) conn.send(marketDataTypeMessage(req.reqId, conn.marketDataType));
    for (const [kind, quote] of this.#ctx.quotes.get(symbol)) {
      this.#sendTick(conn, req.reqId, { kind, ...quote });
    }
    this.#ctx.changed();
  }

  /** CANCEL_MKT_DATA: unsubscribes; error 300 for an unknown reqId. */
  cancelMarketData(conn: ClientConnection, reqId: number): void {
    if (!conn.marketData.delete(reqId)) {
      return sendError(conn, {
        id: reqId,
        code: 300,
        message: `Can't find EId with tickerId:${reqId}`,
      });
    }
    this.#ctx.changed();
  }

  /** REQ_REAL_TIME_BARS: subscribes, or error 200 on an unknown contract. */
  subscribeRealTimeBars(conn: ClientConnection, req: ReqRealTimeBarsRequest): void {
    const known = this.#resolveOr200(conn, req.reqId, req.contract);
    if (!known) return;
    conn.realTimeBars.set(req.reqId, known.wire.symbol);
    this.#ctx.changed();
  }

  /** CANCEL_REAL_TIME_BARS. */
  cancelRealTimeBars(conn: ClientConnection, reqId: number): void {
    conn.realTimeBars.delete(reqId);
    this.#ctx.changed();
  }

  /** REQ_HISTORICAL_DATA: one HISTORICAL_DATA with every bar (keepUpToDate sends no updates). */
  historicalData(conn: ClientConnection, req: ReqHistoricalDataRequest): void {
    const known = this.#resolveOr200(conn, req.reqId, req.contract);
    if (!known) return;
    let barSizeMs: number;
    let durationMs: number;
    let endMs: number;
    try {
      barSizeMs = parseBarSizeMs(req.barSize);
      durationMs = parseDurationMs(req.duration);
      endMs = req.endDateTime === "" ? this.#ctx.clock.now() : parseIbDateTime(req.endDateTime);
    } catch (error) {
      const message = `Historical Market Data Service error message:${(error as Error).message}`;
      return sendError(conn, { id: req.reqId, code: 162, message });
    }
    const bars = this.#historicalBars({
      symbol: known.wire.symbol,
      conId: known.wire.conId,
      endMs,
      barSizeMs,
      durationMs,
      referencePrice: known.referencePrice,
      request: req,
    });
    conn.send(historicalDataMessage(req.reqId, {
      start: formatIbDateTime(endMs - durationMs),
      end: formatIbDateTime(endMs),
      bars: toWireBars(bars, { barSizeMs, formatDate: req.formatDate }),
    }));
  }

  /** Sends a price tick to every subscription of `symbol`; returns how many got it. */
  pushTick(symbol: string, tick: { kind: TickKind; price: Decimal; size: Decimal }): number {
    this.#ctx.quotes.update(symbol, tick.kind, { price: tick.price, size: tick.size });
    let reached = 0;
    for (const conn of this.#ctx.readyConnections()) {
      for (const [reqId, subscribed] of conn.marketData) {
        if (subscribed !== symbol) continue;
        this.#sendTick(conn, reqId, tick);
        reached++;
      }
    }
    return reached;
  }

  /** Sends a size-only tick to every subscription of `symbol`; returns how many got it. */
  pushTickSize(symbol: string, tick: { kind: TickKind; size: Decimal }): number {
    let reached = 0;
    for (const conn of this.#ctx.readyConnections()) {
      for (const [reqId, subscribed] of conn.marketData) {
        if (subscribed !== symbol) continue;
        conn.send(
          tickSizeMessage(reqId, {
            tickType: tickTypeFor(SIZE_TICK, tick.kind, conn),
            size: tick.size,
          }),
        );
        reached++;
      }
    }
    return reached;
  }

  /** Sends a bar to every real-time bar subscription of `symbol`; returns how many got it. */
  pushRealTimeBar(symbol: string, bar: RealTimeBarInput): number {
    const wire = {
      time: bar.time,
      open: toDecimal(bar.open),
      high: toDecimal(bar.high),
      low: toDecimal(bar.low),
      close: toDecimal(bar.close),
      volume: toDecimal(bar.volume ?? 0),
      wap: toDecimal(bar.wap ?? bar.close),
      count: bar.count ?? 0,
    };
    let reached = 0;
    for (const conn of this.#ctx.readyConnections()) {
      for (const [reqId, subscribed] of conn.realTimeBars) {
        if (subscribed !== symbol) continue;
        conn.send(realTimeBarMessage(reqId, wire));
        reached++;
      }
    }
    return reached;
  }

  #sendTick(
    conn: ClientConnection,
    reqId: number,
    tick: { kind: TickKind; price: Decimal; size: Decimal },
  ): void {
    const tickType = tickTypeFor(PRICE_TICK, tick.kind, conn);
    conn.send(tickPriceMessage(reqId, { tickType, price: tick.price, size: tick.size }));
  }

  #resolveOr200(conn: ClientConnection, reqId: number, contract: ContractFields) {
    const known = this.#ctx.contracts.resolve(contract);
    if (!known) sendError(conn, { id: reqId, code: 200, message: NO_DEFINITION });
    return known;
  }
}
