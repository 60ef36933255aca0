/**
 * The IBKR broker: placeOrder (new and modified orders) and cancelOrder
 * through the outbound pacer, withdrawal of orders not sent yet, and the
 * broker's queries. TWS's reports become events in {@link IbOrderReports};
 * the recovery after an outage is {@link IbOrderRecovery}'s.
 *
 * @module
 */
import type { Contract } from "@stoqey/ib";
import {
  type Decimal,
  type NetPosition,
  type OpenOrder,
  type OrderRequest,
  usEquityTick,
  ZERO,
} from "../../model/mod.ts";
import type { Broker } from "../../venue/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { BrokerQueries } from "./broker_queries.ts";
import type { ContractResolver } from "./contract_resolver.ts";
import type { OrderIdAllocator } from "./id_allocators.ts";
import {
  ibOrderOf,
  limitPriceProblem,
  quantityProblem,
  unchangeableFieldProblem,
} from "./ib_order_checks.ts";
import { IbOrderRecovery, type OrderReconciliation } from "./ib_order_recovery.ts";
import { type IbOrder, IbOrderRegistry, type PendingAmendment } from "./ib_order_registry.ts";
import { IbOrderReports } from "./ib_order_reports.ts";
import { TwsDisconnectedError } from "./ibkr_errors.ts";

/** Services of an {@link IbkrBroker}. */
export interface IbkrBrokerOptions {
  /** Symbol qualification (and each contract's minimum tick). */
  readonly contracts: ContractResolver;
  /** IB order ids. */
  readonly orderIds: OrderIdAllocator;
  /** Whether orders may be sent now (connected, not in an outage or recovery). */
  readonly canTrade: () => boolean;
  /** How long a fill waits for its commission report, ms. */
  readonly commissionWaitMs: number;
}

/**
 * A {@link Broker} over TWS. Each order gets an IB order id from the
 * allocator and carries our id as `orderRef`; it is sent with `transmit`
 * true, its time in force and the account. `submit` rejects, without any
 * network call, while the venue is not fully connected (IBApi would
 * otherwise queue the call and replay it after the next connection); an
 * order whose quantity or limit TWS would refuse (not a whole number of
 * shares, off the symbol's price increment) is answered `rejected` and never
 * sent. Orders are never re-placed after a reconnect; they are found again by
 * IB order id or orderRef.
 *
 * Order life before TWS: registered at `submit`, then its contract is
 * resolved, then its placeOrder waits in the outbound pacer. Until the
 * placeOrder is handed to the client, `cancel` withdraws the order: it is
 * never sent, `cancelled` is published at once ("withdrawn before
 * sending"), and `submit` resolves. A `modify` meanwhile changes what the
 * queued placeOrder will carry.
 */
export class IbkrBroker implements Broker {
  readonly #ctx: IbkrContext;
  readonly #options: IbkrBrokerOptions;
  readonly #orders = new IbOrderRegistry();
  readonly #queries: BrokerQueries;
  readonly #reports: IbOrderReports;
  readonly #recovery: IbOrderRecovery;

  /** Listens for order events on the link. */
  constructor(ctx: IbkrContext, options: IbkrBrokerOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#queries = new BrokerQueries(ctx);
    this.#reports = new IbOrderReports(ctx, {
      orders: this.#orders,
      commissionWaitMs: options.commissionWaitMs,
    });
    this.#recovery = new IbOrderRecovery({
      orders: this.#orders,
      queries: this.#queries,
      reports: this.#reports,
    });
  }

  /**
   * Places `order`; resolves once placeOrder went to the client, once the
   * order was withdrawn (cancelled) before that, or once it was refused
   * (`rejected`, never sent: a quantity that is not a positive whole number,
   * a limit off the price increment). Rejects, with no event, while
   * disconnected, for a duplicate id, or when the contract cannot be resolved.
   */
  async submit(order: OrderRequest): Promise<void> {
    if (!this.#options.canTrade()) throw notConnected(order.id, "sent");
    if (this.#orders.byId(order.id) !== undefined) {
      throw new Error(`order ${order.id} was already submitted`);
    }
    const record = this.#orders.add(order);
    let contract: Contract;
    try {
      // A known contract keeps the call synchronous up to the pacer, so calls stay in order.
      contract = this.#options.contracts.cached(order.symbol) ??
        await this.#options.contracts.resolve(order.symbol);
    } catch (error) {
      if (record.terminal) return; // withdrawn meanwhile: its cancellation is the answer
      this.#orders.discard(record);
      throw error;
    }
    if (record.terminal) return;
    const problem = quantityProblem(order) ?? limitPriceProblem(order, this.#incrementOf(order));
    if (problem !== undefined) {
      // Refused like TWS would refuse it (error 110, 434), as a status: never sent.
      this.#reports.publish(record, {
        status: "rejected",
        filled: ZERO,
        remaining: ZERO,
        reason: problem,
      });
      return;
    }
    if (!this.#options.canTrade()) {
      this.#orders.discard(record);
      throw notConnected(order.id, "sent");
    }
    const ibOrderId = this.#options.orderIds.next();
    this.#orders.assignIbOrderId(record, ibOrderId);
    const placement = this.#ctx.link.sendWithdrawable((ib) => {
      // Never hand over an order that was withdrawn or finished meanwhile.
      if (record.terminal) return;
      if (!this.#options.canTrade()) throw notConnected(order.id, "sent");
      const amendment = record.amendment;
      ib.placeOrder(
        ibOrderId,
        contract,
        ibOrderOf(amendment?.request ?? record.request, this.#ctx.accountId()),
      );
      record.sent = true;
      if (amendment !== undefined) amendment.sent = true;
    });
    record.queuedPlacement = placement;
    try {
      await placement.outcome;
    } catch (error) {
      record.terminal = true;
      record.amendment = undefined;
      throw error;
    } finally {
      record.queuedPlacement = undefined;
    }
  }

  /**
   * Changes a working order's total quantity and/or limit price: placeOrder
   * again under its IB order id, through the pacer (or, while its first
   * placeOrder still waits there, that one carries the new values). The
   * answer is an `order_status` with `amendment`: `accepted` once TWS echoed
   * the new values (openOrder, then orderStatus with the new remaining), or
   * `rejected` with TWS's error, the order working as before; a quantity not
   * above what has filled is refused at once without a network call. A
   * terminal status that comes first is the answer instead; a finished order
   * resolves and publishes nothing.
   *
   * A quantity that is not a positive whole number above what has filled, or
   * an LMT limit off the symbol's price increment, is refused the same way
   * (an amendment `rejected`, no network call). Rejects (no event) for an
   * unknown id, a change of symbol, side, type or time in force, a
   * modification while an earlier one of the order awaits its answer or its
   * cancel was requested, or while disconnected.
   */
  async modify(order: OrderRequest): Promise<void> {
    const record = this.#orders.byId(order.id);
    if (record === undefined) throw new Error(`cannot modify unknown order ${order.id}`);
    if (record.terminal) return;
    const invalid = unchangeableFieldProblem(record.request, order);
    if (invalid !== undefined) throw new Error(invalid);
    const contract = this.#options.contracts.cached(order.symbol) ??
      await this.#options.contracts.resolve(order.symbol);
    if (record.terminal) return;
    if (record.cancelRequested) {
      throw new Error(`order ${order.id} was not modified: its cancellation was requested`);
    }
    if (record.amendment !== undefined) {
      throw new Error(
        `order ${order.id} already has a modification awaiting TWS's answer: wait for its order_status`,
      );
    }
    const amendment: PendingAmendment = {
      request: order,
      queued: undefined,
      sent: false,
      echoed: false,
      statusSinceSent: undefined,
    };

    // Values TWS would refuse are refused here, as an answer: the order works as before.
    const refusal = quantityProblem(order) ?? limitPriceProblem(order, this.#incrementOf(order)) ??
      (order.quantity.greaterThan(record.filled)
        ? undefined
        : `quantity ${order.quantity.toString()} must exceed the ${record.filled.toString()} already filled`);
    if (refusal !== undefined) {
      record.amendment = amendment;
      this.#reports.refuseAmendment(record, refusal);
      return;
    }
    if (!record.sent) {
      // Its placeOrder has not left yet: it will carry the amended values.
      record.amendment = amendment;
      return;
    }
    if (!this.#options.canTrade()) throw notConnected(order.id, "modified");
    record.amendment = amendment;
    const send = this.#ctx.link.sendWithdrawable((ib) => {
      if (record.terminal || record.amendment !== amendment) return;
      ib.placeOrder(
        record.ibOrderId as number,
        contract,
        ibOrderOf(order, this.#ctx.accountId()),
      );
      amendment.sent = true;
    });
    amendment.queued = send;
    try {
      await send.outcome;
    } catch (error) {
      if (record.amendment === amendment) record.amendment = undefined;
      throw error;
    } finally {
      amendment.queued = undefined;
    }
  }

  /**
   * Publishes executions still waiting for their commission report now, with
   * commission 0 (a health error says so for each), so the books are whole
   * at a stop.
   */
  flushExecutions(): void {
    this.#reports.flushExecutions();
  }

  /**
   * The contract's minimum tick from its contract details (TWS reports it
   * when the symbol is subscribed or first ordered); the US equity tick at
   * `price` (`usEquityTick`) while no minTick is known for `symbol`.
   */
  priceIncrement(symbol: string, price: Decimal): Decimal {
    return this.#options.contracts.minTick(symbol) ?? usEquityTick(price);
  }

  /**
   * Asks TWS to cancel `orderId`; the outcome arrives as `order_status`. An
   * order whose placeOrder has not been handed to the client yet is
   * withdrawn instead: never sent, `cancelled` published at once.
   */
  async cancel(orderId: string): Promise<void> {
    const order = this.#orders.byId(orderId);
    if (order === undefined) throw new Error(`unknown order ${orderId}`);
    if (order.terminal) return;
    if (!order.sent) return this.#withdraw(order);
    if (!this.#ctx.link.connected) {
      throw new TwsDisconnectedError(
        `cannot cancel ${orderId} while disconnected from TWS: the order stays working there`,
      );
    }
    // A modification still waiting in the pacer is pointless now: the cancel answers it.
    if (order.amendment?.queued?.withdraw()) order.amendment = undefined;
    order.cancelRequested = true;
    try {
      await this.#ctx.link.send((ib) => ib.cancelOrder(order.ibOrderId as number));
    } catch (error) {
      order.cancelRequested = false;
      throw error;
    }
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
  recoverExecutions(sinceMs: number): Promise<number> {
    return this.#recovery.recoverExecutions(sinceMs);
  }

  /**
   * After an outage: asks TWS for the open orders and finishes each of our
   * working orders it no longer lists, as `filled` when its executions cover
   * it, else `cancelled`; a modification TWS never confirmed is answered
   * `rejected`. Orders are never placed again.
   */
  reconcileOrders(): Promise<OrderReconciliation> {
    return this.#recovery.reconcileOrders();
  }

  /** Handles an error carrying an id of this broker; false when the id is not one. */
  handleError(id: number, code: number, message: string): boolean {
    return this.#reports.handleError(id, code, message);
  }

  /**
   * Withdraws everything not handed to the client yet, as the venue closes:
   * each unsent order is published `cancelled` ("withdrawn before sending"),
   * each modification still in the pacer is refused. Nothing new reaches TWS
   * after this, not even while the venue's last round trip drains the pacer.
   */
  withdrawUnsent(): void {
    for (const order of this.#orders.unsent()) {
      this.#withdraw(order, "was still unsent when the venue closed");
    }
    for (const order of this.#orders.working()) {
      if (order.amendment?.queued?.withdraw()) {
        this.#reports.refuseAmendment(order, "the IBKR venue closed before it was sent");
      }
    }
  }

  /** Drops fills still waiting for their commission, and their timers. */
  close(): void {
    this.#reports.close();
  }

  /** Takes back an order not handed to the client yet and publishes its cancellation. */
  #withdraw(order: IbOrder, why = "was cancelled"): void {
    const where = order.queuedPlacement === undefined
      ? "while its contract was being resolved"
      : "while it waited in the outbound pacer";
    order.queuedPlacement?.withdraw();
    this.#reports.publish(order, {
      status: "cancelled",
      filled: ZERO,
      remaining: ZERO,
      reason: `withdrawn before sending: order ${order.request.id} ${why} ${where}, ` +
        `so it never reached TWS`,
    });
  }

  #incrementOf(order: OrderRequest): Decimal {
    return this.priceIncrement(order.symbol, order.limitPrice ?? ZERO);
  }
}

function notConnected(orderId: string, what: "sent" | "modified"): TwsDisconnectedError {
  return new TwsDisconnectedError(
    `order ${orderId} was not ${what}: the IBKR venue is not connected to TWS ` +
      `(orders are never queued for a later connection)`,
  );
}
