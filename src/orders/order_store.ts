/**
 * The order store: the single source of truth for every order of a run, its
 * state and its booked and outstanding quantities. Working quantities per
 * strategy and symbol and per symbol are indexes the store keeps in the same
 * step that changes an order, never copies kept by callers.
 *
 * @module
 */
import {
  decimalToNumber,
  type Fill,
  type OrderRequest,
  type OrderStatusEvent,
  TERMINAL_ORDER_STATES,
} from "../model/mod.ts";
import { expectedShares, type ManagedOrder } from "./managed_order.ts";

/** One strategy's orders in one symbol: at most one working order. */
export interface OrderSlot {
  /** Owning strategy. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** The strategy's working order in the symbol, if it has one. */
  readonly working: ManagedOrder | undefined;
  /** Signed shares that order is still expected to deliver (0 without one). */
  readonly outstanding: number;
}

/** The account's orders in one symbol, over every strategy. */
export interface SymbolOrders {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Shares working buy orders are still expected to deliver (>= 0). */
  readonly workingBuys: number;
  /** Shares working sell orders are still expected to deliver (>= 0). */
  readonly workingSells: number;
  /** Signed net shares of every execution booked for this run's orders. */
  readonly bookedNet: number;
  /** Latest price seen in an order or an execution, for valuing without a market price. */
  readonly lastPrice: number | undefined;
}

type MutableOrder =
  & {
    -readonly [K in keyof ManagedOrder]: ManagedOrder[K];
  }
  & {
    /** The slot and symbol records the order counts in (not part of the public view). */
    readonly slotRecord: MutableSlot;
    readonly symbolRecord: MutableSymbol;
  };

interface MutableSlot {
  readonly strategyId: string;
  readonly symbol: string;
  working: MutableOrder | undefined;
  outstanding: number;
}

interface MutableSymbol {
  readonly symbol: string;
  workingBuys: number;
  workingSells: number;
  bookedNet: number;
  lastPrice: number | undefined;
}

/** Options of an {@link OrderStore}. */
export interface OrderStoreOptions {
  /**
   * Called once per order when it stops working (settled, timed out or
   * abandoned), after the store is consistent again; it may add orders.
   */
  readonly onStoppedWorking?: (order: ManagedOrder) => void;
}

/**
 * Every order of a run. An order enters with {@link add}, changes only
 * through venue reports ({@link applyStatus}, {@link bookExecution}) and the
 * coordinator's requests ({@link requestAmendment}, {@link requestCancel},
 * {@link abandon}, {@link endOverdue}); how many shares it still expects and
 * whether it still works follow one rule, {@link expectedShares}.
 *
 * A strategy has at most one working order per symbol: {@link add} refuses a
 * second one (the coordinator amends or cancels the working order instead).
 *
 * @example
 * ```ts
 * const store = new OrderStore();
 * store.add(request, { referencePrice: 190 });
 * store.slot("fast", "AAPL").outstanding; // 100 while the BUY 100 works
 * store.bookExecution(fill); // 100 booked: outstanding 0, still working until "filled"
 * ```
 */
export class OrderStore {
  #orders = new Map<string, MutableOrder>();
  /** Slots by strategy, then symbol (no key strings built per order). */
  #slots = new Map<string, Map<string, MutableSlot>>();
  /** Terminal orders still waiting for executions: the only ones {@link endOverdue} looks at. */
  #settling = new Set<MutableOrder>();
  #symbols = new Map<string, MutableSymbol>();
  #symbolList: MutableSymbol[] = [];
  #workingCount = 0;
  #onStoppedWorking: ((order: ManagedOrder) => void) | undefined;

  /** An empty store. */
  constructor(options: OrderStoreOptions = {}) {
    this.#onStoppedWorking = options.onStoppedWorking;
  }

  /** The slot of `strategyId` in `symbol` (a live record, created empty when new). */
  slot(strategyId: string, symbol: string): OrderSlot {
    return this.#slot(strategyId, symbol);
  }

  /** The account's orders in `symbol` (a live record, all zero before its first order). */
  symbol(symbol: string): SymbolOrders {
    return this.#symbol(symbol);
  }

  /** Every symbol the store has a record of, in first-seen order, as a live array (do not modify). */
  symbols(): readonly SymbolOrders[] {
    return this.#symbolList;
  }

  /** The order with our id `orderId`. */
  get(orderId: string): ManagedOrder | undefined {
    return this.#orders.get(orderId);
  }

  /** Orders still working, in submission order. */
  workingOrders(): ManagedOrder[] {
    const working: ManagedOrder[] = [];
    for (const order of this.#orders.values()) if (order.ending === undefined) working.push(order);
    return working;
  }

  /** Number of orders still working. */
  get workingCount(): number {
    return this.#workingCount;
  }

  /** Every order, in submission order. */
  all(): ManagedOrder[] {
    return [...this.#orders.values()];
  }

  /** Number of orders ever added. */
  get size(): number {
    return this.#orders.size;
  }

  /**
   * Adds an order the coordinator is about to send; it works from now on.
   *
   * @throws {Error} when the id is taken or the strategy already has a working
   *   order in the symbol (a coordinator bug: nothing is added).
   */
  add(request: OrderRequest, options: { referencePrice: number }): ManagedOrder {
    if (this.#orders.has(request.id)) {
      throw new Error(`order ${request.id} is already in the store`);
    }
    const slot = this.#slot(request.strategyId, request.symbol);
    if (slot.working !== undefined) {
      throw new Error(
        `${request.strategyId} already has working order ${slot.working.id} in ${request.symbol}: ` +
          `one working order per strategy and symbol`,
      );
    }
    const quantity = decimalToNumber(request.quantity);
    const symbol = this.#symbol(request.symbol);
    const order: MutableOrder = {
      id: request.id,
      strategyId: request.strategyId,
      symbol: request.symbol,
      side: request.side,
      sign: request.side === "BUY" ? 1 : -1,
      request,
      quantity,
      pendingAmendment: undefined,
      pendingQuantity: Number.NaN,
      status: "submitted",
      booked: 0,
      reportedFilled: 0,
      terminal: false,
      terminalAt: Number.NaN,
      cancelRequestedAt: Number.NaN,
      reason: undefined,
      ending: undefined,
      outstanding: 0,
      slotRecord: slot,
      symbolRecord: symbol,
    };
    this.#orders.set(order.id, order);
    slot.working = order;
    this.#workingCount++;
    symbol.lastPrice = options.referencePrice;
    this.#refresh(order);
    return order;
  }

  /**
   * Records a modification sent to the venue: until it is answered the order
   * counts with the larger of its old and new quantity.
   *
   * @throws {Error} for an unknown order or one that no longer works.
   */
  requestAmendment(amended: OrderRequest): ManagedOrder {
    const order = this.#working(amended.id, "amend");
    order.pendingAmendment = amended;
    order.pendingQuantity = decimalToNumber(amended.quantity);
    this.#refresh(order);
    return order;
  }

  /** Records that the coordinator asked the venue to cancel `orderId` at market time `ts`. */
  requestCancel(orderId: string, ts: number): ManagedOrder | undefined {
    const order = this.#orders.get(orderId);
    if (order === undefined || order.ending !== undefined) return undefined;
    if (Number.isNaN(order.cancelRequestedAt)) order.cancelRequestedAt = ts;
    return order;
  }

  /** Clears a cancel request the venue could not take, so a later intent asks again. */
  cancelFailed(orderId: string): void {
    const order = this.#orders.get(orderId);
    if (order !== undefined) order.cancelRequestedAt = Number.NaN;
  }

  /**
   * Applies a venue status: the amendment outcome it carries, then the new
   * state. After a terminal state only a higher reported filled quantity
   * still counts. Returns the order (undefined when not ours).
   */
  applyStatus(event: OrderStatusEvent): ManagedOrder | undefined {
    const order = this.#orders.get(event.orderId);
    if (order === undefined) return undefined;
    const amendment = event.amendment;
    if (amendment !== undefined && order.pendingAmendment !== undefined) {
      if (amendment.outcome === "accepted") {
        const pending = order.pendingAmendment;
        order.request = amendment.quantity.equals(pending.quantity)
          ? pending
          : { ...pending, quantity: amendment.quantity };
        order.quantity = decimalToNumber(amendment.quantity);
      }
      order.pendingAmendment = undefined;
      order.pendingQuantity = Number.NaN;
    }
    const filled = decimalToNumber(event.filled);
    if (filled > order.reportedFilled) order.reportedFilled = filled;
    if (!order.terminal) {
      order.status = event.status;
      if (TERMINAL_ORDER_STATES.has(event.status)) {
        order.terminal = true;
        order.terminalAt = event.ts;
        order.pendingAmendment = undefined;
        order.pendingQuantity = Number.NaN;
        if (event.reason !== undefined) order.reason = event.reason;
        // A venue may say "filled" with a zero count; it then filled the whole quantity.
        if (event.status === "filled" && order.reportedFilled === 0) {
          order.reportedFilled = order.quantity;
        }
      }
    }
    this.#refresh(order);
    return order;
  }

  /**
   * Books one execution of an order (the caller has dropped duplicates).
   * Returns the order, or undefined when it is not ours.
   */
  bookExecution(fill: Fill): ManagedOrder | undefined {
    const order = this.#orders.get(fill.orderId);
    if (order === undefined) return undefined;
    const quantity = decimalToNumber(fill.quantity);
    order.booked += quantity;
    const symbol = order.symbolRecord;
    symbol.bookedNet += order.sign * quantity;
    symbol.lastPrice = decimalToNumber(fill.price);
    this.#refresh(order);
    return order;
  }

  /**
   * Ends an order the venue no longer knows (after an outage its executions
   * were re-delivered first): it stops working with what is booked. Returns
   * false when the order was not working.
   */
  abandon(orderId: string, options: { reason: string; ts: number }): boolean {
    const order = this.#orders.get(orderId);
    if (order === undefined || order.ending !== undefined) return false;
    if (!order.terminal) {
      order.status = "cancelled";
      order.terminal = true;
      order.terminalAt = options.ts;
    }
    order.reason ??= options.reason;
    order.ending = "abandoned";
    this.#refresh(order);
    return true;
  }

  /**
   * Ends the wait for executions of orders terminal for more than
   * `timeoutMs` of market time before `now` whose reported executions have
   * not all arrived; returns them (the caller reports each as an event).
   */
  endOverdue(now: number, timeoutMs: number): ManagedOrder[] {
    const overdue: MutableOrder[] = [];
    for (const order of this.#settling) {
      if (now - order.terminalAt > timeoutMs) overdue.push(order);
    }
    for (const order of overdue) {
      order.ending = "settle_timeout";
      this.#refresh(order);
    }
    return overdue;
  }

  /** Recomputes the order's expectation and every index it is part of, in one place. */
  #refresh(order: MutableOrder): void {
    const next = order.sign * expectedShares(order);
    const delta = next - order.outstanding;
    const symbol = order.symbolRecord;
    const slot = order.slotRecord;
    if (delta !== 0) {
      order.outstanding = next;
      if (order.sign > 0) symbol.workingBuys += delta;
      else symbol.workingSells -= delta;
      if (slot.working === order) slot.outstanding = next;
    }
    if (order.ending === undefined && order.terminal) {
      if (next === 0) order.ending = "settled";
      else this.#settling.add(order);
    }
    if (order.ending !== undefined && slot.working === order) {
      this.#settling.delete(order);
      slot.working = undefined;
      slot.outstanding = 0;
      this.#workingCount--;
      this.#onStoppedWorking?.(order);
    }
  }

  #working(orderId: string, action: string): MutableOrder {
    const order = this.#orders.get(orderId);
    if (order === undefined) throw new Error(`cannot ${action} unknown order ${orderId}`);
    if (order.terminal || order.ending !== undefined) {
      throw new Error(`cannot ${action} order ${orderId}: it is ${order.status}`);
    }
    return order;
  }

  #slot(strategyId: string, symbol: string): MutableSlot {
    let bySymbol = this.#slots.get(strategyId);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.#slots.set(strategyId, bySymbol);
    }
    let slot = bySymbol.get(symbol);
    if (slot === undefined) {
      slot = { strategyId, symbol, working: undefined, outstanding: 0 };
      bySymbol.set(symbol, slot);
    }
    return slot;
  }

  #symbol(symbol: string): MutableSymbol {
    let entry = this.#symbols.get(symbol);
    if (entry === undefined) {
      entry = { symbol, workingBuys: 0, workingSells: 0, bookedNet: 0, lastPrice: undefined };
      this.#symbols.set(symbol, entry);
      this.#symbolList.push(entry);
    }
    return entry;
  }
}
