/**
 * Sends each decoded request of a ready connection to the desk that answers it.
 *
 * @module
 */
import type { AccountDesk } from "./account_desk.ts";
import type { ClientConnection } from "./client_connection.ts";
import { sendExecutions } from "./execution_report.ts";
import type { MarketDesk } from "./market_desk.ts";
import type { OrderDesk } from "./order_desk.ts";
import type { ClientRequest } from "./request_types.ts";
import {
  currentTimeMessage,
  managedAccountsMessage,
  nextValidIdMessage,
  openOrderEndMessage,
} from "./server_messages.ts";
import type { TwsContext } from "./_tws_context.ts";

/** The desks a request can go to. */
export interface Desks {
  readonly ctx: TwsContext;
  readonly orders: OrderDesk;
  readonly market: MarketDesk;
  readonly account: AccountDesk;
}

/** Answers one request from a connection that completed START_API. */
export function routeRequest(desks: Desks, conn: ClientConnection, request: ClientRequest): void {
  const { ctx } = desks;
  const clientId = conn.clientId ?? 0;
  switch (request.name) {
    case "REQ_MKT_DATA":
      return desks.market.subscribeMarketData(conn, request);
    case "CANCEL_MKT_DATA":
      return desks.market.cancelMarketData(conn, request.reqId);
    case "REQ_REAL_TIME_BARS":
      return desks.market.subscribeRealTimeBars(conn, request);
    case "CANCEL_REAL_TIME_BARS":
      return desks.market.cancelRealTimeBars(conn, request.reqId);
    case "REQ_HISTORICAL_DATA":
      return desks.market.historicalData(conn, request);
    case "REQ_CONTRACT_DATA":
      return desks.market.contractDetails(conn, request);
    case "REQ_MARKET_DATA_TYPE":
      conn.marketDataType = request.marketDataType;
      return;
    case "PLACE_ORDER":
      return desks.orders.place(conn, request);
    case "CANCEL_ORDER":
      return desks.orders.cancelRequested(conn, request.orderId);
    case "REQ_OPEN_ORDERS":
      desks.orders.sendOpenOrders(conn, ctx.orders.working(clientId));
      return conn.send(openOrderEndMessage());
    case "REQ_ALL_OPEN_ORDERS":
      desks.orders.sendOpenOrders(conn, ctx.orders.working());
      return conn.send(openOrderEndMessage());
    case "REQ_AUTO_OPEN_ORDERS":
      conn.autoOpenOrders = request.autoBind;
      return;
    case "REQ_EXECUTIONS":
      return sendExecutions(ctx, conn, request);
    case "REQ_POSITIONS":
      return desks.account.positions(conn);
    case "CANCEL_POSITIONS":
      return desks.account.cancelPositions(conn);
    case "REQ_ACCOUNT_SUMMARY":
      return desks.account.accountSummary(conn, request);
    case "CANCEL_ACCOUNT_SUMMARY":
      return desks.account.cancelAccountSummary(conn, request.reqId);
    case "REQ_MANAGED_ACCTS":
      return conn.send(managedAccountsMessage(ctx.accounts));
    case "REQ_IDS":
      return conn.send(nextValidIdMessage(ctx.orders.nextValidId(clientId)));
    case "REQ_CURRENT_TIME":
      return conn.send(currentTimeMessage(Math.floor(ctx.clock.now() / 1000)));
    case "CANCEL_HISTORICAL_DATA":
    case "START_API":
    case "UNSUPPORTED":
      // Recorded only: history is sent in one message, START_API is handled by the server,
      // and unsupported messages get no answer (as a TWS that ignores them).
      return;
  }
}
