/**
 * The fake's account requests: positions and account summary, as snapshots
 * followed by updates while subscribed.
 *
 * @module
 */
import type { ClientConnection } from "./client_connection.ts";
import type { PositionRecord } from "./account_book.ts";
import type { ReqAccountSummaryRequest } from "./request_types.ts";
import {
  accountSummaryEndMessage,
  accountSummaryMessage,
  positionEndMessage,
  positionMessage,
} from "./server_messages.ts";
import type { TwsContext } from "./_tws_context.ts";
import type { WireValue } from "./wire.ts";

function positionFields(position: PositionRecord): WireValue[] {
  return positionMessage(position.account, {
    contract: position.contract.wire,
    quantity: position.quantity,
    avgCost: position.avgCost,
  });
}

/** Answers position and account summary requests. */
export class AccountDesk {
  readonly #ctx: TwsContext;

  /** Works on `ctx`. */
  constructor(ctx: TwsContext) {
    this.#ctx = ctx;
  }

  /** REQ_POSITIONS: every position (closed ones too, at 0), POSITION_END; then updates until cancelled. */
  positions(conn: ClientConnection): void {
    for (const position of this.#ctx.account.positions()) conn.send(positionFields(position));
    conn.send(positionEndMessage());
    conn.positionsSubscribed = true;
    this.#ctx.changed();
  }

  /** CANCEL_POSITIONS. */
  cancelPositions(conn: ClientConnection): void {
    conn.positionsSubscribed = false;
    this.#ctx.changed();
  }

  /** Sends a changed position to every position subscriber. */
  publishPosition(position: PositionRecord): void {
    for (const conn of this.#ctx.readyConnections()) {
      if (conn.positionsSubscribed) conn.send(positionFields(position));
    }
  }

  /**
   * REQ_ACCOUNT_SUMMARY: for each account, each requested tag the account
   * has (in request order), then ACCOUNT_SUMMARY_END; later `setAccountValue`
   * calls are pushed while subscribed.
   */
  accountSummary(conn: ClientConnection, req: ReqAccountSummaryRequest): void {
    const tags = req.tags.split(",").map((t) => t.trim()).filter((t) => t !== "");
    conn.accountSummaries.set(req.reqId, { group: req.group, tags });
    for (const account of this.#ctx.accounts) {
      const values = this.#ctx.account.values(account);
      for (const tag of tags) {
        const value = values.get(tag);
        if (value) conn.send(accountSummaryMessage(req.reqId, { account, tag, ...value }));
      }
    }
    conn.send(accountSummaryEndMessage(req.reqId));
    this.#ctx.changed();
  }

  /** CANCEL_ACCOUNT_SUMMARY. */
  cancelAccountSummary(conn: ClientConnection, reqId: number): void {
    conn.accountSummaries.delete(reqId);
    this.#ctx.changed();
  }

  /** Sends one changed value to every account summary subscription that asked for `tag`. */
  publishAccountValue(
    entry: { account: string; tag: string; value: string; currency: string },
  ): void {
    for (const conn of this.#ctx.readyConnections()) {
      for (const [reqId, subscription] of conn.accountSummaries) {
        if (subscription.tags.includes(entry.tag)) conn.send(accountSummaryMessage(reqId, entry));
      }
    }
  }
}
