/**
 * The broker's list requests: open orders, positions and executions, each
 * answered by a stream of messages and an end marker.
 *
 * @module
 */
import type { NetPosition } from "../../model/mod.ts";
import { toDecimal } from "../../model/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { IB_DONE_STATUSES } from "./ib_order_status.ts";
import { formatIbUtc } from "./ib_time.ts";

const OPEN_ORDERS_KEY = "open_orders";
const POSITIONS_KEY = "positions";

/**
 * Sends reqOpenOrders / reqPositions / reqExecutions and collects their
 * answers. Concurrent calls of the same list share one request. The
 * executions themselves are handled by the broker's execDetails listener
 * (they become fills); this only waits for their end marker.
 */
export class BrokerQueries {
  readonly #ctx: IbkrContext;
  #openOrders: Set<number> | undefined;
  #openOrdersRequest: Promise<Set<number>> | undefined;
  #positions: Map<string, NetPosition> | undefined;
  #positionsRequest: Promise<NetPosition[]> | undefined;
  readonly #executionRequests = new Set<number>();

  /** Listens for the answers on the link. */
  constructor(ctx: IbkrContext) {
    this.#ctx = ctx;
    ctx.link.on("openOrder", (ibOrderId, _contract, _order, state) => {
      const collecting = this.#openOrders;
      if (collecting === undefined) return;
      if (IB_DONE_STATUSES.has(String(state?.status ?? ""))) collecting.delete(ibOrderId);
      else collecting.add(ibOrderId);
    });
    ctx.link.on("openOrderEnd", () => {
      const collected = this.#openOrders;
      this.#openOrders = undefined;
      if (collected !== undefined) ctx.pending.resolve(OPEN_ORDERS_KEY, collected);
    });
    ctx.link.on("position", (account, contract, position, avgCost) => {
      const collecting = this.#positions;
      if (collecting === undefined || account !== ctx.accountId() || !contract.symbol) return;
      const symbol = contract.symbol.toUpperCase();
      collecting.set(symbol, {
        symbol,
        quantity: toDecimal(position),
        avgCost: toDecimal(avgCost ?? 0),
      });
    });
    ctx.link.on("positionEnd", () => {
      const collected = this.#positions;
      this.#positions = undefined;
      if (collected !== undefined) ctx.pending.resolve(POSITIONS_KEY, [...collected.values()]);
    });
    ctx.link.on("execDetailsEnd", (reqId) => {
      if (this.#executionRequests.delete(reqId)) ctx.pending.resolve(reqId, undefined);
    });
  }

  /** Whether `reqId` is an executions request in flight. */
  isExecutionRequest(reqId: number): boolean {
    return this.#executionRequests.has(reqId);
  }

  /** IB order ids of this client's working orders (reqOpenOrders). */
  openOrderIds(): Promise<Set<number>> {
    this.#openOrdersRequest ??= this.#requestOpenOrders().finally(() => {
      this.#openOrdersRequest = undefined;
    });
    return this.#openOrdersRequest;
  }

  /** The account's non-zero positions (reqPositions, then cancelPositions). */
  positions(): Promise<NetPosition[]> {
    this.#positionsRequest ??= this.#requestPositions().finally(() => {
      this.#positionsRequest = undefined;
    });
    return this.#positionsRequest;
  }

  /**
   * Re-requests this client's executions in the account since `sinceMs` and
   * resolves at the end marker. `onRequestId` learns the request id (which the
   * answer's execDetails carry) before the request goes out.
   */
  async executionsSince(sinceMs: number, onRequestId: (reqId: number) => void): Promise<void> {
    const ctx = this.#ctx;
    const reqId = ctx.requestIds.next();
    onRequestId(reqId);
    this.#executionRequests.add(reqId);
    const done = ctx.pending.open<void>(reqId, {
      describe: "executions since the outage",
      timeoutMs: ctx.requestTimeoutMs,
    });
    const filter = {
      clientId: String(ctx.clientId),
      acctCode: ctx.accountId(),
      time: formatIbUtc(sinceMs),
    };
    ctx.link.send((ib) => ib.reqExecutions(reqId, filter)).catch((error) =>
      ctx.pending.reject(reqId, error)
    );
    try {
      await done;
    } finally {
      this.#executionRequests.delete(reqId);
    }
  }

  async #requestOpenOrders(): Promise<Set<number>> {
    const ctx = this.#ctx;
    const done = ctx.pending.open<Set<number>>(OPEN_ORDERS_KEY, {
      describe: "open orders",
      timeoutMs: ctx.requestTimeoutMs,
    });
    this.#openOrders = new Set();
    ctx.link.send((ib) => ib.reqOpenOrders()).catch((error) =>
      ctx.pending.reject(OPEN_ORDERS_KEY, error)
    );
    try {
      return await done;
    } finally {
      this.#openOrders = undefined;
    }
  }

  async #requestPositions(): Promise<NetPosition[]> {
    const ctx = this.#ctx;
    const done = ctx.pending.open<NetPosition[]>(POSITIONS_KEY, {
      describe: "positions",
      timeoutMs: ctx.requestTimeoutMs,
    });
    this.#positions = new Map();
    ctx.link.send((ib) => ib.reqPositions()).catch((error) =>
      ctx.pending.reject(POSITIONS_KEY, error)
    );
    try {
      const positions = await done;
      ctx.link.send((ib) => ib.cancelPositions()).catch(() => {});
      return positions.filter((p) => !p.quantity.isZero())
        .sort((a, b) => a.symbol.localeCompare(b.symbol));
    } finally {
      this.#positions = undefined;
    }
  }
}
