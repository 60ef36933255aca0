/**
 * Our orders as sent to TWS: our id <-> IB order id, what was last reported
 * for each, and a modification awaiting TWS's answer.
 *
 * @module
 */
import {
  type Decimal,
  type OrderAmendment,
  type OrderRequest,
  type OrderState,
  type OrderStatusEvent,
  TERMINAL_ORDER_STATES,
  toDecimal,
  ZERO,
} from "../../model/mod.ts";
import type { WithdrawableSend } from "./outbound_pacer.ts";

/**
 * A modification (`Broker.modify`) of an order, from the call until TWS
 * answers it.
 */
export interface PendingAmendment {
  /** The order as modified. */
  readonly request: OrderRequest;
  /**
   * Its own placeOrder while that waits in the outbound pacer; `undefined`
   * when the modification rides on the order's first placeOrder (the order
   * was not sent yet) or once its placeOrder left the pacer.
   */
  queued: WithdrawableSend | undefined;
  /** True once a placeOrder with the amended values was handed to the client. */
  sent: boolean;
  /** True once TWS echoed the amended values in an openOrder. */
  echoed: boolean;
  /** The last orderStatus TWS reported since the amended placeOrder was sent, before the echo. */
  statusSinceSent: StatusUpdate | undefined;
}

/** One order of this run at TWS. */
export interface IbOrder {
  /** The order as TWS works it: as submitted, then as last modified (once TWS accepted it). */
  request: OrderRequest;
  /**
   * The IB order id it is placed under, assigned when its placeOrder is
   * queued (undefined while its contract is being resolved).
   */
  ibOrderId: number | undefined;
  /** Submission sequence number (1, 2, ...). */
  readonly seq: number;
  /** Its first placeOrder while that waits in the outbound pacer. */
  queuedPlacement: WithdrawableSend | undefined;
  /** True once placeOrder was handed to the client. */
  sent: boolean;
  /** True once TWS sent an openOrder or orderStatus for it. */
  acknowledged: boolean;
  /** True once cancelOrder was sent for it. */
  cancelRequested: boolean;
  /** Last state published. */
  status: OrderState | undefined;
  /** Cumulative filled quantity last published. */
  filled: Decimal;
  /** True once a terminal state was published (or the order was never sent). */
  terminal: boolean;
  /** Shares of the executions seen for it. */
  executedShares: Decimal;
  /** Sum of shares x price of those executions. */
  executedNotional: Decimal;
  /** The last error TWS sent for it, for reasons. */
  lastError: string | undefined;
  /** The modification awaiting TWS's answer, at most one. */
  amendment: PendingAmendment | undefined;
}

/** A status to publish for an order. */
export interface StatusUpdate {
  /** New state. */
  readonly status: OrderState;
  /** Cumulative filled quantity. */
  readonly filled: Decimal;
  /** Quantity still working. */
  readonly remaining: Decimal;
  /** Average fill price, when known. */
  readonly avgFillPrice?: Decimal;
  /** Why, for rejections and cancellations. */
  readonly reason?: string;
}

/**
 * Maps our ids and IB order ids (both ways) and orderRefs to orders, and
 * turns status reports into events only when something changed: TWS repeats
 * statuses freely, and nothing follows a terminal one. Amendment outcomes
 * are events of their own ({@link IbOrderRegistry.settleAmendment}).
 */
export class IbOrderRegistry {
  readonly #byIbId = new Map<number, IbOrder>();
  readonly #byId = new Map<string, IbOrder>();
  #seq = 0;

  /** Registers `request` before its contract is resolved; it gets its IB order id later. */
  add(request: OrderRequest): IbOrder {
    const order: IbOrder = {
      request,
      ibOrderId: undefined,
      seq: ++this.#seq,
      queuedPlacement: undefined,
      sent: false,
      acknowledged: false,
      cancelRequested: false,
      status: undefined,
      filled: ZERO,
      terminal: false,
      executedShares: ZERO,
      executedNotional: ZERO,
      lastError: undefined,
      amendment: undefined,
    };
    this.#byId.set(request.id, order);
    return order;
  }

  /** Gives `order` the IB order id its placeOrder is queued under. */
  assignIbOrderId(order: IbOrder, ibOrderId: number): void {
    order.ibOrderId = ibOrderId;
    this.#byIbId.set(ibOrderId, order);
  }

  /**
   * Forgets an order that was refused before anything was queued for it
   * (no IB order id): the broker never took it.
   */
  discard(order: IbOrder): void {
    order.terminal = true;
    order.amendment = undefined;
    if (this.#byId.get(order.request.id) === order) this.#byId.delete(order.request.id);
  }

  /** Sequence number of the last order added (0 before any). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The order with our id. */
  byId(orderId: string): IbOrder | undefined {
    return this.#byId.get(orderId);
  }

  /** The order with IB order id `ibOrderId`. */
  byIbId(ibOrderId: number): IbOrder | undefined {
    return this.#byIbId.get(ibOrderId);
  }

  /**
   * The order an IB message is about: by IB order id, checked against the
   * orderRef when TWS sent one (an id from an earlier session with another
   * ref is not ours), else by orderRef (our id).
   */
  find(ibOrderId: number | undefined, orderRef: string | undefined): IbOrder | undefined {
    const byIb = ibOrderId === undefined ? undefined : this.#byIbId.get(ibOrderId);
    if (byIb !== undefined && (!orderRef || orderRef === byIb.request.id)) return byIb;
    return orderRef ? this.#byId.get(orderRef) : undefined;
  }

  /** Orders sent and not finished. */
  working(): IbOrder[] {
    return [...this.#byId.values()].filter((order) => order.sent && !order.terminal);
  }

  /** Orders taken but not handed to the client yet (contract being resolved, or in the pacer). */
  unsent(): IbOrder[] {
    return [...this.#byId.values()].filter((order) => !order.sent && !order.terminal);
  }

  /** Records an execution's shares and price for `order`. */
  recordExecution(order: IbOrder, shares: Decimal, price: Decimal): void {
    order.executedShares = order.executedShares.plus(shares);
    order.executedNotional = order.executedNotional.plus(shares.times(price));
  }

  /**
   * The event to publish for `update`, or `undefined` when it changes
   * nothing (same state and filled quantity), or the order already finished
   * and `update` does not raise its filled quantity (a raise is published
   * with the terminal state kept).
   * A terminal state also ends a pending amendment: it is the answer.
   */
  apply(order: IbOrder, update: StatusUpdate, ts: number): OrderStatusEvent | undefined {
    if (order.terminal) {
      // After a terminal state only a higher filled count is news (e.g. error 202 came before
      // the orderStatus carrying the last fill): it keeps the order's terminal state.
      if (!update.filled.greaterThan(order.filled)) return undefined;
      order.filled = update.filled;
      return {
        orderId: order.request.id,
        status: order.status ?? update.status,
        filled: update.filled,
        remaining: toDecimal(0),
        ...(update.avgFillPrice === undefined ? {} : { avgFillPrice: update.avgFillPrice }),
        ts,
      };
    }
    if (order.status === update.status && order.filled.equals(update.filled)) return undefined;
    order.status = update.status;
    order.filled = update.filled;
    const terminal = TERMINAL_ORDER_STATES.has(update.status);
    if (terminal) {
      order.terminal = true;
      order.amendment = undefined;
    }
    return {
      orderId: order.request.id,
      status: update.status,
      filled: update.filled,
      remaining: terminal ? toDecimal(0) : update.remaining,
      ...(update.avgFillPrice === undefined ? {} : { avgFillPrice: update.avgFillPrice }),
      ...(update.reason === undefined ? {} : { reason: update.reason }),
      ts,
    };
  }

  /**
   * Ends `order`'s pending amendment and returns the event that answers it
   * (published even when status and filled did not change), or `undefined`
   * when there is none or the order finished. `accepted`: the order's
   * request becomes the amended one and `reported` carries TWS's status
   * after the change; `rejected`: the order works as before, its current
   * state is reported with `reason`.
   */
  settleAmendment(
    order: IbOrder,
    outcome: OrderAmendment["outcome"],
    details: {
      readonly ts: number;
      readonly reason?: string;
      readonly reported?: Omit<StatusUpdate, "reason">;
    },
  ): OrderStatusEvent | undefined {
    const amendment = order.amendment;
    if (amendment === undefined || order.terminal) return undefined;
    order.amendment = undefined;
    if (outcome === "accepted") order.request = amendment.request;
    const works = order.request;
    const reported = details.reported;
    return {
      orderId: works.id,
      status: order.status ?? "submitted",
      filled: order.filled,
      remaining: reported?.remaining ?? works.quantity.minus(order.filled),
      ...(reported?.avgFillPrice === undefined ? {} : { avgFillPrice: reported.avgFillPrice }),
      ...(details.reason === undefined ? {} : { reason: details.reason }),
      amendment: {
        outcome,
        quantity: works.quantity,
        ...(works.limitPrice === undefined ? {} : { limitPrice: works.limitPrice }),
      },
      ts: details.ts,
    };
  }
}
