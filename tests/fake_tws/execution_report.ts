/**
 * REQ_EXECUTIONS: the account's executions that match the client's filter,
 * each with its commission report, then EXECUTION_DATA_END.
 *
 * @module
 */
import type { ClientConnection } from "./client_connection.ts";
import { formatIbDateTime, parseIbDateTime } from "./ib_time.ts";
import type { FakeExecution } from "./order_book.ts";
import type { ReqExecutionsRequest } from "./request_types.ts";
import {
  commissionReportMessage,
  executionDataEndMessage,
  executionDataMessage,
} from "./server_messages.ts";
import { sendError, type TwsContext } from "./_tws_context.ts";
import type { WireValue } from "./wire.ts";

/**
 * Whether `execution` passes `filter`. Empty fields and clientId 0 match
 * anything; `time` keeps executions at or after it; `side` BUY/SELL matches
 * BOT/SLD.
 */
export function executionMatches(
  execution: FakeExecution,
  filter: ReqExecutionsRequest["filter"],
  ctx: Pick<TwsContext, "contracts">,
): boolean {
  if (filter.clientId !== 0 && execution.clientId !== filter.clientId) return false;
  if (filter.acctCode !== "" && execution.account !== filter.acctCode) return false;
  if (filter.time !== "" && execution.time < parseIbDateTime(filter.time)) return false;
  if (filter.symbol !== "" && execution.symbol !== filter.symbol.toUpperCase()) return false;
  const wire = ctx.contracts.get(execution.symbol)?.wire;
  if (filter.secType !== "" && wire?.secType !== filter.secType.toUpperCase()) return false;
  if (filter.exchange !== "" && wire?.exchange !== filter.exchange.toUpperCase()) return false;
  if (filter.side !== "") {
    const side = filter.side.toUpperCase();
    const wanted = side === "BUY" ? "BOT" : side === "SELL" ? "SLD" : side;
    if (execution.side !== wanted) return false;
  }
  return true;
}

/** Answers REQ_EXECUTIONS on `conn`; an unreadable filter time gets error 321. */
export function sendExecutions(
  ctx: TwsContext,
  conn: ClientConnection,
  req: ReqExecutionsRequest,
): void {
  let matching: FakeExecution[];
  try {
    matching = ctx.orders.executions().filter((e) => executionMatches(e, req.filter, ctx));
  } catch (error) {
    const message = `Error validating request:-'bS' : cause - ${(error as Error).message}`;
    return sendError(conn, { id: req.reqId, code: 321, message });
  }
  for (const execution of matching) {
    conn.send(executionMessage(ctx, req.reqId, execution));
    conn.send(commissionMessage(execution));
  }
  conn.send(executionDataEndMessage(req.reqId));
}

/** EXECUTION_DATA for `execution`; `reqId` is -1 when unsolicited. */
export function executionMessage(
  ctx: Pick<TwsContext, "contracts" | "serverVersion">,
  reqId: number,
  execution: FakeExecution,
): WireValue[] {
  const contract = ctx.contracts.get(execution.symbol)!.wire;
  const fields = { ...execution, contract, time: formatIbDateTime(execution.time) };
  return executionDataMessage(reqId, fields, ctx.serverVersion);
}

/** COMMISSION_REPORT for `execution`. */
export function commissionMessage(execution: FakeExecution): WireValue[] {
  return commissionReportMessage({
    execId: execution.execId,
    commission: execution.commission,
    currency: execution.commissionCurrency,
  });
}
