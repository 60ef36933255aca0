/**
 * What the fake's request handlers share: configuration, account state, the
 * quote board and the live connections.
 *
 * @module
 */
import type { Clock, Decimal, TickKind } from "../../src/model/mod.ts";
import type { AccountBook } from "./account_book.ts";
import type { ClientConnection } from "./client_connection.ts";
import type { ContractRegistry } from "./contract_registry.ts";
import type { OrderBook } from "./order_book.ts";
import { errorMessage } from "./server_messages.ts";

/** Shared state and helpers for the desks that answer requests. */
export interface TwsContext {
  /** The negotiated server version (the same for every connection). */
  readonly serverVersion: number;
  /** Managed accounts; the first is the default for orders and positions. */
  readonly accounts: readonly string[];
  readonly clock: Clock;
  readonly contracts: ContractRegistry;
  readonly orders: OrderBook;
  readonly account: AccountBook;
  readonly quotes: QuoteBoard;
  /** Connections that completed START_API, in accept order. */
  readonly readyConnections: () => ClientConnection[];
  /** Wakes waits after a state change. */
  readonly changed: () => void;
}

/** Sends ERR_MSG(id, code, message) to one connection. */
export function sendError(
  connection: ClientConnection,
  error: { id: number; code: number; message: string },
): void {
  connection.send(errorMessage(error.id, error.code, error.message));
}

/** Ready connections of one client id. */
export function connectionsOf(ctx: TwsContext, clientId: number): ClientConnection[] {
  return ctx.readyConnections().filter((c) => c.clientId === clientId);
}

/** Latest bid, ask and last per symbol, from `pushTick`. */
export class QuoteBoard {
  readonly #quotes = new Map<string, Map<TickKind, { price: Decimal; size: Decimal }>>();

  /** Records the latest price of one kind. */
  update(symbol: string, kind: TickKind, quote: { price: Decimal; size: Decimal }): void {
    let bySide = this.#quotes.get(symbol);
    if (!bySide) this.#quotes.set(symbol, bySide = new Map());
    bySide.set(kind, quote);
  }

  /** Latest quotes of `symbol` by kind. */
  get(symbol: string): ReadonlyMap<TickKind, { price: Decimal; size: Decimal }> {
    return this.#quotes.get(symbol) ?? new Map();
  }

  /** The last trade price, else the bid/ask mid, else undefined. */
  referencePrice(symbol: string): Decimal | undefined {
    const quotes = this.get(symbol);
    const last = quotes.get("last");
    if (last) return last.price;
    const bid = quotes.get("bid");
    const ask = quotes.get("ask");
    return bid && ask ? bid.price.plus(ask.price).div(2) : undefined;
  }
}
