/**
 * Our orders as sent to TWS: our id <-> IB order id, and what was last
 * reported for each.
 *
 * @module
 */
import {
  type Decimal,
  type OrderRequest,
  type OrderState,
  type OrderStatusEvent,
  TERMINAL_ORDER_STATES,
  toDecimal,
  ZERO,
} from "../../model/mod.ts";

/** One order of this run at TWS. */
export interface IbOrder {
  /** The order as the coordinator sent it. */
  readonly request: OrderRequest;
  /** The IB order id it was placed under. */
  readonly ibOrderId: number;
  /** Submission sequence number (1, 2, ...). */
  readonly seq: number;
  /** True once placeOrder was handed to the client. */
  sent: boolean;
  /** True once TWS sent an openOrder or orderStatus for it. */
  acknowledged: boolean;
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
 * statuses freely, and nothing follows a terminal one.
 */
export class IbOrderRegistry {
  readonly #byIbId = new Map<number, IbOrder>();
  readonly #byId = new Map<string, IbOrder>();
  #seq = 0;

  /** Registers `request` under `ibOrderId` before it is sent. */
  add(request: OrderRequest, ibOrderId: number): IbOrder {
    const order: IbOrder = {
      request,
      ibOrderId,
      seq: ++this.#seq,
      sent: false,
      acknowledged: false,
      status: undefined,
      filled: ZERO,
      terminal: false,
      executedShares: ZERO,
      executedNotional: ZERO,
      lastError: undefined,
    };
    this.#byIbId.set(ibOrderId, order);
    this.#byId.set(request.id, order);
    return order;
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

  /** Records an execution's shares and price for `order`. */
  recordExecution(order: IbOrder, shares: Decimal, price: Decimal): void {
    order.executedShares = order.executedShares.plus(shares);
    order.executedNotional = order.executedNotional.plus(shares.times(price));
  }

  /**
   * The event to publish for `update`, or `undefined` when it changes
   * nothing (same state and filled quantity) or the order already finished.
   */
  apply(order: IbOrder, update: StatusUpdate, ts: number): OrderStatusEvent | undefined {
    if (order.terminal) return undefined;
    if (order.status === update.status && order.filled.equals(update.filled)) return undefined;
    order.status = update.status;
    order.filled = update.filled;
    const terminal = TERMINAL_ORDER_STATES.has(update.status);
    if (terminal) order.terminal = true;
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
}
