/**
 * Orders and executions a fake TWS holds for the whole account. They outlive
 * connections: after a drop and reconnect the same orders and fills are
 * there, including fills that happened while no client was connected.
 *
 * @module
 */
import { type Decimal, ZERO } from "../../src/model/mod.ts";
import type { KnownContract } from "./contract_registry.ts";

/** TWS order status strings the fake uses (`ApiPending`: held in TWS, not transmitted). */
export type OrderStatusName = "ApiPending" | "Submitted" | "Filled" | "Cancelled" | "Inactive";

/** An order as the fake holds it (read-only view). */
export interface FakeOrder {
  /** The client's order id (unique per client id). */
  readonly orderId: number;
  /** Client id of the connection that placed it. */
  readonly clientId: number;
  /** Unique, non-zero, assigned by the fake. */
  readonly permId: number;
  readonly symbol: string;
  readonly conId: number;
  readonly action: "BUY" | "SELL";
  readonly totalQuantity: Decimal;
  readonly orderType: string;
  readonly lmtPrice: Decimal | undefined;
  readonly auxPrice: Decimal | undefined;
  readonly tif: string;
  /** Account the order was placed for (the first account when the client sent none). */
  readonly account: string;
  readonly orderRef: string;
  /** False when the client did not send transmit=1: TWS holds such an order and never fills it. */
  readonly transmitted: boolean;
  readonly status: OrderStatusName;
  readonly filled: Decimal;
  readonly remaining: Decimal;
  /** Zero before the first fill. */
  readonly avgFillPrice: Decimal;
  /** Zero before the first fill. */
  readonly lastFillPrice: Decimal;
  /** Fake clock time the order was accepted, epoch ms. */
  readonly placedAt: number;
}

/** Mutable record behind a {@link FakeOrder}, with the fields OPEN_ORDER echoes. */
export interface OrderRecord extends FakeOrder {
  contract: KnownContract;
  totalQuantity: Decimal;
  orderType: string;
  lmtPrice: Decimal | undefined;
  auxPrice: Decimal | undefined;
  tif: string;
  orderRef: string;
  status: OrderStatusName;
  filled: Decimal;
  remaining: Decimal;
  avgFillPrice: Decimal;
  lastFillPrice: Decimal;
  ocaGroup: string;
  openClose: string;
  origin: number;
  outsideRth: boolean;
  hidden: boolean;
  goodAfterTime: string;
  goodTillDate: string;
  parentId: number;
}

/** One execution (fill) with its commission. */
export interface FakeExecution {
  /** Unique, e.g. `0001e241.00000001.01.01`. */
  readonly execId: string;
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly symbol: string;
  readonly conId: number;
  /** `BOT` or `SLD`. */
  readonly side: "BOT" | "SLD";
  readonly shares: Decimal;
  readonly price: Decimal;
  /** Fake clock time of the fill, epoch ms. */
  readonly time: number;
  readonly account: string;
  /** Order quantity filled so far, this execution included. */
  readonly cumQty: Decimal;
  /** Average fill price of the order so far. */
  readonly avgPrice: Decimal;
  readonly orderRef: string;
  readonly commission: Decimal;
  readonly commissionCurrency: string;
  /** True when no client with the order's client id was connected at fill time. */
  readonly whileDisconnected: boolean;
}

/** Statuses after which an order neither fills nor cancels. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatusName> = new Set([
  "Filled",
  "Cancelled",
  "Inactive",
]);

/** The account's orders, executions and order id bookkeeping. */
export class OrderBook {
  readonly #orders: OrderRecord[] = [];
  readonly #executions: FakeExecution[] = [];
  readonly #highestOrderId = new Map<number, number>();
  readonly #firstOrderId: number;
  #nextPermId = 1_900_000_001;
  #nextExecSeq = 1;

  /** `firstOrderId` is the nextValidId of a client id that has placed nothing. */
  constructor(firstOrderId: number) {
    this.#firstOrderId = firstOrderId;
  }

  /** nextValidId for `clientId`: one above the highest id it has used. */
  nextValidId(clientId: number): number {
    const highest = this.#highestOrderId.get(clientId);
    return highest === undefined ? this.#firstOrderId : Math.max(this.#firstOrderId, highest + 1);
  }

  /** Whether `orderId` is at or below an id `clientId` already used. */
  isStale(clientId: number, orderId: number): boolean {
    const highest = this.#highestOrderId.get(clientId);
    return highest !== undefined && orderId <= highest;
  }

  /** Allocates a unique permId. */
  allocatePermId(): number {
    return this.#nextPermId++;
  }

  /** Stores a new order and advances the client's order id watermark. */
  add(order: OrderRecord): void {
    this.#orders.push(order);
    const highest = this.#highestOrderId.get(order.clientId) ?? 0;
    this.#highestOrderId.set(order.clientId, Math.max(highest, order.orderId));
  }

  /** The order `clientId` placed as `orderId`, if any. */
  find(clientId: number, orderId: number): OrderRecord | undefined {
    return this.#orders.find((o) => o.clientId === clientId && o.orderId === orderId);
  }

  /** Orders with this order id across client ids. */
  findAll(orderId: number): OrderRecord[] {
    return this.#orders.filter((o) => o.orderId === orderId);
  }

  /** The one order with `orderId` (of `clientId` when given); throws when none or ambiguous. */
  findUnique(orderId: number, clientId?: number): OrderRecord {
    const candidates = this.findAll(orderId)
      .filter((o) => clientId === undefined || o.clientId === clientId);
    if (candidates.length === 0) {
      throw new RangeError(
        `no order ${orderId}${clientId === undefined ? "" : ` from client ${clientId}`}`,
      );
    }
    if (candidates.length > 1) {
      const clients = candidates.map((o) => o.clientId).join(", ");
      throw new RangeError(`order id ${orderId} was used by clients ${clients}: pass clientId`);
    }
    return candidates[0]!;
  }

  /** Every order, in placement order. */
  orders(): readonly OrderRecord[] {
    return this.#orders;
  }

  /** Orders not yet filled, cancelled or inactive; of one client id when given. */
  working(clientId?: number): OrderRecord[] {
    return this.#orders.filter((o) =>
      !TERMINAL_STATUSES.has(o.status) && (clientId === undefined || o.clientId === clientId)
    );
  }

  /** Every execution, in fill order. */
  executions(): readonly FakeExecution[] {
    return this.#executions;
  }

  /**
   * Fills `quantity` of `order` at `price`, updating its status and average
   * price, and records the execution.
   */
  fill(
    order: OrderRecord,
    fill: {
      quantity: Decimal;
      price: Decimal;
      time: number;
      commission: Decimal;
      commissionCurrency: string;
      whileDisconnected: boolean;
    },
  ): FakeExecution {
    if (TERMINAL_STATUSES.has(order.status)) {
      throw new RangeError(`order ${order.orderId} is ${order.status} and cannot fill`);
    }
    if (fill.quantity.lte(ZERO) || fill.quantity.gt(order.remaining)) {
      throw new RangeError(
        `order ${order.orderId}: fill quantity ${fill.quantity} must be in (0, ${order.remaining}]`,
      );
    }
    const cumQty = order.filled.plus(fill.quantity);
    order.avgFillPrice = order.avgFillPrice.times(order.filled)
      .plus(fill.price.times(fill.quantity)).div(cumQty);
    order.filled = cumQty;
    order.remaining = order.totalQuantity.minus(cumQty);
    order.lastFillPrice = fill.price;
    if (order.remaining.isZero()) order.status = "Filled";
    const seq = this.#nextExecSeq++;
    const execution: FakeExecution = {
      execId: `${hex8(order.permId)}.${hex8(seq)}.01.01`,
      orderId: order.orderId,
      clientId: order.clientId,
      permId: order.permId,
      symbol: order.symbol,
      conId: order.conId,
      side: order.action === "BUY" ? "BOT" : "SLD",
      shares: fill.quantity,
      price: fill.price,
      time: fill.time,
      account: order.account,
      cumQty,
      avgPrice: order.avgFillPrice,
      orderRef: order.orderRef,
      commission: fill.commission,
      commissionCurrency: fill.commissionCurrency,
      whileDisconnected: fill.whileDisconnected,
    };
    this.#executions.push(execution);
    return execution;
  }
}

/** A read-only copy of an order's public fields. */
export function toFakeOrder(o: OrderRecord): FakeOrder {
  return {
    orderId: o.orderId,
    clientId: o.clientId,
    permId: o.permId,
    symbol: o.symbol,
    conId: o.conId,
    action: o.action,
    totalQuantity: o.totalQuantity,
    orderType: o.orderType,
    lmtPrice: o.lmtPrice,
    auxPrice: o.auxPrice,
    tif: o.tif,
    account: o.account,
    orderRef: o.orderRef,
    transmitted: o.transmitted,
    status: o.status,
    filled: o.filled,
    remaining: o.remaining,
    avgFillPrice: o.avgFillPrice,
    lastFillPrice: o.lastFillPrice,
    placedAt: o.placedAt,
  };
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}
