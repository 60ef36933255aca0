/**
 * The IBKR broker: placeOrder / cancelOrder, and TWS's order statuses,
 * executions and commission reports turned into `order_status` and `fill`
 * events under our order ids.
 *
 * @module
 */
import { type Order, OrderAction, OrderType } from "@stoqey/ib";
import {
  type Decimal,
  type NetPosition,
  type OpenOrder,
  type OrderRequest,
  toDecimal,
  usEquityTick,
} from "../../model/mod.ts";
import type { Broker } from "../../venue/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { BrokerQueries } from "./broker_queries.ts";
import type { ContractResolver } from "./contract_resolver.ts";
import { FillAssembler } from "./fill_assembler.ts";
import type { OrderIdAllocator } from "./id_allocators.ts";
import { type IbOrder, IbOrderRegistry, type StatusUpdate } from "./ib_order_registry.ts";
import { isOrderRejection, mapIbOrderStatus } from "./ib_order_status.ts";
import { parseIbTime } from "./ib_time.ts";
import { TwsDisconnectedError } from "./ibkr_errors.ts";

/** Services of an {@link IbkrBroker}. */
export interface IbkrBrokerOptions {
  /** Symbol qualification. */
  readonly contracts: ContractResolver;
  /** IB order ids. */
  readonly orderIds: OrderIdAllocator;
  /** Whether orders may be sent now (connected, not in an outage or recovery). */
  readonly canTrade: () => boolean;
  /** How long a fill waits for its commission report, ms. */
  readonly commissionWaitMs: number;
}

/** What {@link IbkrBroker.reconcileOrders} found. */
export interface OrderReconciliation {
  /** Orders TWS still works. */
  readonly open: number;
  /** Our orders TWS no longer works, with the state published for each. */
  readonly finished: readonly { readonly orderId: string; readonly status: string }[];
}

/**
 * A {@link Broker} over TWS. Each order gets an IB order id from the
 * allocator and carries our id as `orderRef`; it is sent with `transmit`
 * true, its time in force and the account. `submit` rejects, without any
 * network call, while the venue is not fully connected: IBApi would
 * otherwise queue the call and replay it after the next connection. Orders
 * are never re-placed after a reconnect; they are found again by IB order id
 * or orderRef.
 */
export class IbkrBroker implements Broker {
  readonly #ctx: IbkrContext;
  readonly #options: IbkrBrokerOptions;
  readonly #orders = new IbOrderRegistry();
  readonly #queries: BrokerQueries;
  readonly #fills: FillAssembler;
  #recoveryReqId: number | undefined;
  #recovered = 0;

  /** Listens for order events on the link. */
  constructor(ctx: IbkrContext, options: IbkrBrokerOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#queries = new BrokerQueries(ctx);
    this.#fills = new FillAssembler({
      scheduler: ctx.scheduler,
      commissionWaitMs: options.commissionWaitMs,
      publish: (fill, details) => {
        if (details.commissionMissing) {
          ctx.health(
            "error",
            `no commission report for execution ${fill.execId} within ${
              options.commissionWaitMs / 1000
            } s: booked with commission 0`,
            { symbol: fill.symbol, detail: { exec_id: fill.execId, order_id: fill.orderId } },
          );
        }
        ctx.bus()?.publish("fill", fill);
      },
    });
    ctx.link.on(
      "orderStatus",
      (ibOrderId, status, filled, remaining, avgFillPrice) =>
        this.#onStatus(ibOrderId, status, { filled, remaining, avgFillPrice }),
    );
    ctx.link.on("openOrder", (ibOrderId, _contract, order) => {
      const known = this.#orders.find(ibOrderId, order?.orderRef);
      if (known !== undefined) known.acknowledged = true;
    });
    ctx.link.on("execDetails", (reqId, contract, execution) => {
      if (!execution.execId || execution.acctNumber && execution.acctNumber !== ctx.accountId()) {
        return;
      }
      const order = this.#orders.find(execution.orderId, execution.orderRef);
      const shares = toDecimal(execution.shares ?? 0);
      const price = toDecimal(execution.price ?? 0);
      const accepted = this.#fills.execution({
        execId: execution.execId,
        orderId: order?.request.id ?? (execution.orderRef || `ib-${execution.orderId}`),
        symbol: (contract.symbol ?? "").toUpperCase(),
        side: execution.side === "SLD" ? "SELL" : "BUY",
        quantity: shares,
        price,
        ts: parseIbTime(execution.time) ?? ctx.clock.now(),
      });
      if (!accepted) return;
      if (order !== undefined) this.#orders.recordExecution(order, shares, price);
      if (reqId === this.#recoveryReqId) this.#recovered++;
    });
    ctx.link.on("commissionReport", (report) => {
      if (report.execId) this.#fills.commission(report.execId, toDecimal(report.commission ?? 0));
    });
  }

  /** Places `order`; resolves once placeOrder went to TWS. */
  async submit(order: OrderRequest): Promise<void> {
    const refuse = () =>
      new TwsDisconnectedError(
        `order ${order.id} was not sent: the IBKR venue is not connected to TWS (orders are never queued for a later connection)`,
      );
    if (!this.#options.canTrade()) throw refuse();
    if (this.#orders.byId(order.id) !== undefined) {
      throw new Error(`order ${order.id} was already submitted`);
    }
    const contract = await this.#options.contracts.resolve(order.symbol);
    if (!this.#options.canTrade()) throw refuse();
    const record = this.#orders.add(order, this.#options.orderIds.next());
    const ibOrder: Order = {
      action: order.side === "BUY" ? OrderAction.BUY : OrderAction.SELL,
      totalQuantity: order.quantity.toNumber(),
      orderType: order.type === "MKT" ? OrderType.MKT : OrderType.LMT,
      ...(order.limitPrice === undefined ? {} : { lmtPrice: order.limitPrice.toNumber() }),
      tif: order.tif,
      account: this.#ctx.accountId(),
      orderRef: order.id,
      transmit: true,
    };
    try {
      await this.#ctx.link.send((ib) => {
        if (!this.#options.canTrade()) throw refuse();
        ib.placeOrder(record.ibOrderId, contract, ibOrder);
        record.sent = true;
      });
    } catch (error) {
      record.terminal = true;
      throw error;
    }
  }

  /**
   * Not supported yet: rejects without any network call (the order keeps
   * working as before).
   */
  modify(order: OrderRequest): Promise<void> {
    return Promise.reject(
      new Error(`order ${order.id} was not modified: the IBKR venue cannot modify orders yet`),
    );
  }

  /**
   * The contract's minimum tick from its contract details (TWS reports it
   * when the symbol is subscribed or first ordered); the US equity tick at
   * `price` (`usEquityTick`) while no minTick is known for `symbol`.
   */
  priceIncrement(symbol: string, price: Decimal): Decimal {
    return this.#options.contracts.minTick(symbol) ?? usEquityTick(price);
  }

  /** Asks TWS to cancel `orderId`; the outcome arrives as `order_status`. */
  async cancel(orderId: string): Promise<void> {
    const order = this.#orders.byId(orderId);
    if (order === undefined) throw new Error(`unknown order ${orderId}`);
    if (order.terminal || !order.sent) return;
    if (!this.#ctx.link.connected) {
      throw new TwsDisconnectedError(
        `cannot cancel ${orderId} while disconnected from TWS: the order stays working there`,
      );
    }
    await this.#ctx.link.send((ib) => ib.cancelOrder(order.ibOrderId));
  }

  /** This run's orders that TWS still works (reqOpenOrders). */
  async openOrders(): Promise<OpenOrder[]> {
    const open = await this.#queries.openOrderIds();
    const result: OpenOrder[] = [];
    for (const ibOrderId of open) {
      const order = this.#orders.byIbId(ibOrderId);
      if (order === undefined || order.terminal) continue;
      result.push({
        request: order.request,
        status: order.status ?? "submitted",
        filled: order.filled,
      });
    }
    return result;
  }

  /** The account's net positions (reqPositions). */
  positions(): Promise<NetPosition[]> {
    return this.#queries.positions();
  }

  /**
   * Re-requests executions since `sinceMs` (reqExecutions, this client id and
   * account) and waits until each new one is published as a fill with its
   * commission. Returns how many fills were new.
   */
  async recoverExecutions(sinceMs: number): Promise<number> {
    this.#recovered = 0;
    try {
      await this.#queries.executionsSince(sinceMs, (reqId) => (this.#recoveryReqId = reqId));
      await this.#fills.settled();
      return this.#recovered;
    } finally {
      this.#recoveryReqId = undefined;
    }
  }

  /**
   * After an outage: asks TWS for the open orders and finishes each of our
   * working orders it no longer lists, as `filled` when its executions cover
   * it, else `cancelled`. Orders are never placed again.
   */
  async reconcileOrders(): Promise<OrderReconciliation> {
    const lastSeq = this.#orders.lastSeq;
    const open = await this.#queries.openOrderIds();
    const finished: { orderId: string; status: string }[] = [];
    for (const order of this.#orders.working()) {
      if (order.seq > lastSeq || open.has(order.ibOrderId)) continue;
      const quantity = order.request.quantity;
      const filledAll = order.executedShares.greaterThanOrEqualTo(quantity);
      const update: StatusUpdate = filledAll
        ? {
          status: "filled",
          filled: order.executedShares,
          remaining: toDecimal(0),
          avgFillPrice: order.executedNotional.dividedBy(order.executedShares),
        }
        : {
          status: "cancelled",
          filled: order.executedShares,
          remaining: quantity.minus(order.executedShares),
          reason: "no longer working at TWS after the reconnect",
        };
      if (this.#publish(order, update)) {
        finished.push({ orderId: order.request.id, status: update.status });
      }
    }
    return { open: open.size, finished };
  }

  /** Handles an error carrying an id of this broker; false when the id is not one. */
  handleError(id: number, code: number, message: string): boolean {
    const order = this.#orders.byIbId(id);
    if (order === undefined) return false;
    const reason = `${message} (IB error ${code})`;
    order.lastError = reason;
    if (code === 202) {
      this.#publish(order, {
        status: "cancelled",
        filled: order.filled,
        remaining: toDecimal(0),
        reason,
      });
    } else if (isOrderRejection(code, order.acknowledged)) {
      this.#publish(order, {
        status: "rejected",
        filled: order.filled,
        remaining: toDecimal(0),
        reason,
      });
    } else {
      this.#ctx.health("error", `order ${order.request.id}: ${reason}`, {
        code,
        symbol: order.request.symbol,
        detail: { order_id: order.request.id },
      });
    }
    return true;
  }

  /** Drops fills still waiting for their commission, and their timers. */
  close(): void {
    this.#fills.close();
  }

  #onStatus(
    ibOrderId: number,
    status: string,
    reported: { filled?: number; remaining?: number; avgFillPrice?: number },
  ): void {
    const order = this.#orders.byIbId(ibOrderId);
    if (order === undefined) return;
    order.acknowledged = true;
    const filled = reported.filled ?? 0;
    const state = mapIbOrderStatus(status, filled);
    if (state === undefined) return;
    const avg = reported.avgFillPrice;
    let reason: string | undefined;
    if (state === "rejected") reason = order.lastError ?? `TWS set the order ${status}`;
    else if (state === "cancelled") reason = order.lastError ?? `TWS reported ${status}`;
    this.#publish(order, {
      status: state,
      filled: toDecimal(filled),
      remaining: toDecimal(reported.remaining ?? 0),
      ...(avg !== undefined && avg > 0 ? { avgFillPrice: toDecimal(avg) } : {}),
      ...(reason === undefined ? {} : { reason }),
    });
  }

  #publish(order: IbOrder, update: StatusUpdate): boolean {
    const event = this.#orders.apply(order, update, this.#ctx.clock.now());
    if (event === undefined) return false;
    this.#ctx.bus()?.publish("order_status", event);
    return true;
  }
}
