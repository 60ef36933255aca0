/**
 * Orders as the coordinator sends them to a venue, and their status updates.
 *
 * @module
 */
import type { Decimal } from "./decimal.ts";

/** Direction of an order. */
export type OrderSide = "BUY" | "SELL";

/** Order types every venue supports: market and limit. */
export type OrderType = "MKT" | "LMT";

/** Time in force. */
export type TimeInForce = "DAY" | "GTC";

/**
 * An order the coordinator has approved (envelope, RiskGuard, LiveTradingGuard)
 * and hands to a venue's broker. Ids are ours (`strategyId-seq`); a venue maps
 * them to its own ids (IB order ids) and reports events under our id.
 */
export interface OrderRequest {
  /** Our order id, unique within a run. */
  readonly id: string;
  /** The strategy whose intent produced the order; venues may carry it as an order reference. */
  readonly strategyId: string;
  /** Upper-case ticker. */
  readonly symbol: string;
  /** BUY or SELL. */
  readonly side: OrderSide;
  /** Positive number of shares. */
  readonly quantity: Decimal;
  /** Market or limit. */
  readonly type: OrderType;
  /** Limit price; present exactly when `type` is `"LMT"`. */
  readonly limitPrice?: Decimal;
  /** Time in force. */
  readonly tif: TimeInForce;
  /** Market time the coordinator created the order, epoch ms. */
  readonly createdAt: number;
}

/** Lifecycle states of an order at a venue. */
export type OrderState =
  | "submitted"
  | "partially_filled"
  | "filled"
  | "cancelled"
  | "rejected";

/** States after which an order can no longer fill. */
export const TERMINAL_ORDER_STATES: ReadonlySet<OrderState> = new Set<
  OrderState
>([
  "filled",
  "cancelled",
  "rejected",
]);

/**
 * The outcome of a modification (`Broker.modify`): the venue now works the
 * order with `quantity` (total, filled part included) and `limitPrice`
 * (`accepted`), or refused the change and works the order as before
 * (`rejected`, with the event's `reason`).
 */
export interface OrderAmendment {
  /** Whether the venue applied the modification. */
  readonly outcome: "accepted" | "rejected";
  /** Total quantity the venue works after the outcome (filled part included). */
  readonly quantity: Decimal;
  /** Limit price the venue works after the outcome (LMT orders). */
  readonly limitPrice?: Decimal;
}

/** A venue's report that an order changed state. */
export interface OrderStatusEvent {
  /** Our order id. */
  readonly orderId: string;
  /** New state. */
  readonly status: OrderState;
  /** Cumulative filled quantity. */
  readonly filled: Decimal;
  /** Quantity still working (0 once terminal). */
  readonly remaining: Decimal;
  /** Average price of the fills so far, when any. */
  readonly avgFillPrice?: Decimal;
  /** Why the order was rejected or cancelled (or a modification refused), when it was. */
  readonly reason?: string;
  /** Present when the event answers a `Broker.modify` of the order. */
  readonly amendment?: OrderAmendment;
  /** Market time of the update, epoch ms. */
  readonly ts: number;
}

/** An order still working at a venue, as reported by `Broker.openOrders()`. */
export interface OpenOrder {
  /** The order as it was submitted. */
  readonly request: OrderRequest;
  /** Current state (never terminal). */
  readonly status: OrderState;
  /** Cumulative filled quantity. */
  readonly filled: Decimal;
}
