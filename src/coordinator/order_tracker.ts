/**
 * The coordinator's record of every order it sent: which strategy owns it,
 * and how much of it is still working.
 *
 * @module
 */
import {
  decimalToNumber,
  type Fill,
  type OrderRequest,
  type OrderState,
  type OrderStatusEvent,
  TERMINAL_ORDER_STATES,
} from "../model/mod.ts";

/** Anything that holds a strategy's signed working quantity in one symbol. */
export interface WorkingCounter {
  /** Signed shares still expected from working orders. */
  working: number;
}

/** One order as the coordinator tracks it. */
export interface TrackedOrder {
  /** The order as submitted. */
  readonly request: OrderRequest;
  /** +1 for BUY, -1 for SELL. */
  readonly sign: 1 | -1;
  /** Ordered shares. */
  readonly quantity: number;
  /** Last reported state. */
  status: OrderState;
  /** Shares received as fills so far. */
  filled: number;
  /** Shares this order is still expected to deliver as fills. */
  outstanding: number;
  /** True once the venue reported a terminal state. */
  terminal: boolean;
}

/**
 * Maps our order ids to their strategy and keeps each strategy's working
 * quantity per symbol up to date.
 *
 * An order's working contribution is the shares it is still expected to fill:
 * the unfilled quantity while it works; after a terminal status, the
 * difference between the cumulative filled quantity the venue reported and the
 * fills received so far (a venue may report "filled" before the execution
 * arrives). Fills and statuses may therefore come in either order without the
 * strategy's position plus working quantity ever dipping, which is what keeps
 * the coordinator from ordering twice.
 */
export class OrderTracker {
  #orders = new Map<string, TrackedOrder & { counter: WorkingCounter }>();
  #live = 0;

  /** Starts tracking `request`, counting it as working on `counter`. */
  add(request: OrderRequest, counter: WorkingCounter): TrackedOrder {
    const quantity = decimalToNumber(request.quantity);
    const sign: 1 | -1 = request.side === "BUY" ? 1 : -1;
    const tracked: TrackedOrder & { counter: WorkingCounter } = {
      request,
      sign,
      quantity,
      status: "submitted",
      filled: 0,
      outstanding: quantity,
      terminal: false,
      counter,
    };
    this.#orders.set(request.id, tracked);
    counter.working += sign * quantity;
    this.#live++;
    return tracked;
  }

  /** The tracked order with our id `orderId`. */
  get(orderId: string): TrackedOrder | undefined {
    return this.#orders.get(orderId);
  }

  /** Applies a fill's quantity; returns the order, or undefined when the id is not ours. */
  applyFill(fill: Fill): TrackedOrder | undefined {
    const order = this.#orders.get(fill.orderId);
    if (order === undefined) return undefined;
    const quantity = decimalToNumber(fill.quantity);
    order.filled += quantity;
    this.#setOutstanding(order, order.outstanding - quantity);
    return order;
  }

  /**
   * Applies a status update; returns the order (undefined when not ours).
   * Statuses after a terminal one are ignored, except that they may raise the
   * reported filled quantity.
   */
  applyStatus(event: OrderStatusEvent): TrackedOrder | undefined {
    const order = this.#orders.get(event.orderId);
    if (order === undefined) return undefined;
    if (order.terminal) return order;
    order.status = event.status;
    if (TERMINAL_ORDER_STATES.has(event.status)) {
      order.terminal = true;
      this.#live--;
      const reported = event.status === "filled" ? order.quantity : decimalToNumber(event.filled);
      this.#setOutstanding(order, reported - order.filled);
    }
    return order;
  }

  /**
   * Marks a non-terminal order finished without a venue status (e.g. the venue
   * no longer knows it after a reconnect), with `filled` as its final filled
   * quantity. Returns true when the order was still live.
   */
  abandon(orderId: string, finalStatus: OrderState): boolean {
    const order = this.#orders.get(orderId);
    if (order === undefined || order.terminal) return false;
    order.status = finalStatus;
    order.terminal = true;
    this.#live--;
    this.#setOutstanding(order, 0);
    return true;
  }

  /** Orders not yet in a terminal state. */
  workingOrders(): TrackedOrder[] {
    return [...this.#orders.values()].filter((o) => !o.terminal);
  }

  /** Number of orders not yet in a terminal state. */
  get workingCount(): number {
    return this.#live;
  }

  /** Every order tracked, in submission order. */
  all(): TrackedOrder[] {
    return [...this.#orders.values()];
  }

  #setOutstanding(order: TrackedOrder & { counter: WorkingCounter }, value: number): void {
    const next = value > 0 ? value : 0;
    order.counter.working += order.sign * (next - order.outstanding);
    order.outstanding = next;
  }
}
