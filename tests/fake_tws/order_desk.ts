/**
 * The fake's order handling: PLACE_ORDER (accept, modify, reject; limit
 * prices checked against the contract's minTick), fills
 * (automatic or on command, connected or not), CANCEL_ORDER and the TWS-side
 * messages each step produces.
 *
 * @module
 */
import { type Decimal, toDecimal } from "../../src/model/mod.ts";
import type { ClientConnection } from "./client_connection.ts";
import type { CommissionSchedule, DecimalInput, FillMode, RejectRule } from "./fake_tws_options.ts";
import { openOrderMessage } from "./open_order_message.ts";
import { modificationError, offTickError } from "./order_checks.ts";
import { type FakeExecution, type OrderRecord, TERMINAL_STATUSES } from "./order_book.ts";
import type { PlaceOrderRequest } from "./request_types.ts";
import { orderStatusMessage } from "./server_messages.ts";
import type { PositionRecord } from "./account_book.ts";
import { commissionMessage, executionMessage } from "./execution_report.ts";
import { connectionsOf, sendError, type TwsContext } from "./_tws_context.ts";
import type { WireValue } from "./wire.ts";

/** Order handling settings a test may change while the fake runs. */
export interface OrderDeskSettings {
  fillMode: FillMode;
  readonly fillPrices: Map<string, Decimal>;
  rejectNext: number;
  readonly rejectSymbols: Set<string>;
  rejectReason: string;
  rejectStatus: "Cancelled" | "Inactive" | "none";
  readonly commission: { perShare: Decimal; minimum: Decimal; currency: string };
}

/** Throws unless `mode` is usable (partial needs an integer `pieces` >= 2). */
export function validateFillMode(mode: FillMode): FillMode {
  if (mode.mode === "partial" && (!Number.isInteger(mode.pieces) || mode.pieces < 2)) {
    throw new RangeError(`fillMode.pieces: must be an integer >= 2, got ${mode.pieces}`);
  }
  return mode;
}

/** Builds the settings from scenario options. */
export function orderDeskSettings(options: {
  fillMode?: FillMode;
  fillPrices?: Readonly<Record<string, DecimalInput>>;
  reject?: RejectRule;
  commission?: CommissionSchedule;
}): OrderDeskSettings {
  return {
    fillMode: validateFillMode(options.fillMode ?? { mode: "immediate" }),
    fillPrices: new Map(
      Object.entries(options.fillPrices ?? {}).map(([s, p]) => [s.toUpperCase(), toDecimal(p)]),
    ),
    rejectNext: options.reject?.next ?? 0,
    rejectSymbols: new Set((options.reject?.symbols ?? []).map((s) => s.toUpperCase())),
    rejectReason: options.reject?.reason ?? "Insufficient buying power",
    rejectStatus: options.reject?.status ?? "Cancelled",
    commission: {
      perShare: toDecimal(options.commission?.perShare ?? "0.005"),
      minimum: toDecimal(options.commission?.minimum ?? "1"),
      currency: options.commission?.currency ?? "USD",
    },
  };
}

/** Splits `total` into `pieces` whole-share parts (the last takes the remainder). */
export function splitQuantity(total: Decimal, pieces: number): Decimal[] {
  const base = total.div(pieces).floor();
  if (base.isZero()) return [total];
  const parts = Array.from({ length: pieces - 1 }, () => base);
  parts.push(total.minus(base.times(pieces - 1)));
  return parts;
}

/** Answers order requests and performs fills against the shared account state. */
export class OrderDesk {
  readonly #ctx: TwsContext;
  readonly #onPositionChanged: (position: PositionRecord) => void;
  /** Mutable settings (fill mode, prices, rejections). */
  readonly settings: OrderDeskSettings;

  /** Works on `ctx`; reports position changes from fills to `onPositionChanged`. */
  constructor(
    ctx: TwsContext,
    options: { settings: OrderDeskSettings; onPositionChanged: (position: PositionRecord) => void },
  ) {
    this.#ctx = ctx;
    this.settings = options.settings;
    this.#onPositionChanged = options.onPositionChanged;
  }

  /** PLACE_ORDER: modify an existing order, reject, or accept (and maybe fill) a new one. */
  place(conn: ClientConnection, req: PlaceOrderRequest): void {
    const ctx = this.#ctx;
    const clientId = conn.clientId ?? 0;
    const error = (code: number, message: string) =>
      sendError(conn, { id: req.orderId, code, message });
    const existing = ctx.orders.find(clientId, req.orderId);
    if (existing) return this.#modify(conn, existing, req);
    if (ctx.orders.isStale(clientId, req.orderId)) return error(103, "Duplicate order id");
    const contract = ctx.contracts.resolve(req.contract);
    if (!contract) return error(200, "No security definition has been found for the request");
    if (!req.totalQuantity.isPositive() || req.totalQuantity.isZero()) {
      return error(434, "The order size cannot be zero.");
    }
    const offTick = offTickError(req, contract);
    if (offTick) return error(offTick.code, offTick.message);
    const action = req.action.toUpperCase();
    if (action !== "BUY" && action !== "SELL") {
      return error(321, `Error validating request:-'bO' : cause - Invalid action ${req.action}`);
    }
    const order: OrderRecord = {
      orderId: req.orderId,
      clientId,
      permId: ctx.orders.allocatePermId(),
      symbol: contract.wire.symbol,
      conId: contract.wire.conId,
      contract,
      action,
      totalQuantity: req.totalQuantity,
      orderType: req.orderType,
      lmtPrice: req.lmtPrice,
      auxPrice: req.auxPrice,
      tif: req.tif,
      account: req.account || ctx.accounts[0]!,
      orderRef: req.orderRef,
      transmitted: req.transmit === true,
      status: req.transmit === true ? "Submitted" : "ApiPending",
      filled: toDecimal(0),
      remaining: req.totalQuantity,
      avgFillPrice: toDecimal(0),
      lastFillPrice: toDecimal(0),
      placedAt: ctx.clock.now(),
      ocaGroup: req.ocaGroup,
      openClose: req.openClose,
      origin: req.origin,
      outsideRth: req.outsideRth,
      hidden: req.hidden,
      goodAfterTime: req.goodAfterTime ?? "",
      goodTillDate: req.goodTillDate ?? "",
      parentId: req.parentId,
    };
    if (this.#shouldReject(order.symbol)) return this.#reject(conn, order);
    ctx.orders.add(order);
    ctx.changed();
    // Like TWS: an order without transmit=1 is held, never acknowledged or filled.
    if (!order.transmitted) return;
    this.#sendOrderState(connectionsOf(ctx, clientId), order);
    this.tryAutoFill(order);
  }

  /** Fills the automatic share of `order` if the fill mode and price allow. */
  tryAutoFill(order: OrderRecord): void {
    const mode = this.settings.fillMode;
    if (mode.mode === "manual" || TERMINAL_STATUSES.has(order.status) || !order.transmitted) return;
    const price = this.#fillPrice(order.symbol, order.contract.referencePrice);
    if (order.orderType === "LMT" && order.lmtPrice) {
      const marketable = order.action === "BUY"
        ? price.lte(order.lmtPrice)
        : price.gte(order.lmtPrice);
      if (!marketable) return;
    }
    const pieces = mode.mode === "partial"
      ? splitQuantity(order.remaining, mode.pieces)
      : [order.remaining];
    for (const quantity of pieces) this.fill(order, { quantity, price });
  }

  /** Re-tries automatic fills of resting orders for `symbol` (after a new quote). */
  retryResting(symbol: string): void {
    for (const order of this.#ctx.orders.working()) {
      if (order.symbol === symbol) this.tryAutoFill(order);
    }
  }

  /**
   * Executes a fill and sends execDetails, (openOrder when complete),
   * orderStatus and commissionReport to the order's client if connected, and
   * the new position to position subscribers. Works with no client connected.
   */
  fill(order: OrderRecord, fill: { quantity: Decimal; price: Decimal }): FakeExecution {
    const ctx = this.#ctx;
    if (!order.transmitted) throw new RangeError(`order ${order.orderId} was never transmitted`);
    const recipients = connectionsOf(ctx, order.clientId);
    const c = this.settings.commission;
    const execution = ctx.orders.fill(order, {
      quantity: fill.quantity,
      price: fill.price,
      time: ctx.clock.now(),
      commission: c.minimum.gt(c.perShare.times(fill.quantity))
        ? c.minimum
        : c.perShare.times(fill.quantity),
      commissionCurrency: c.currency,
      whileDisconnected: recipients.length === 0,
    });
    const position = ctx.account.applyFill(order.account, {
      contract: order.contract,
      signedQuantity: order.action === "BUY" ? fill.quantity : fill.quantity.negated(),
      price: fill.price,
    });
    for (const conn of recipients) {
      conn.send(executionMessage(ctx, -1, execution));
      if (order.status === "Filled") {
        conn.send(openOrderMessage(openOrderFields(order), ctx.serverVersion));
      }
      conn.send(statusMessage(order));
      conn.send(commissionMessage(execution));
    }
    this.#onPositionChanged(position);
    ctx.changed();
    return execution;
  }

  /** Cancels a working order (for CANCEL_ORDER or from the TWS side); false when already terminal. */
  cancel(order: OrderRecord, reason = ""): boolean {
    if (TERMINAL_STATUSES.has(order.status)) return false;
    order.status = "Cancelled";
    for (const conn of connectionsOf(this.#ctx, order.clientId)) {
      conn.send(statusMessage(order));
      sendError(conn, {
        id: order.orderId,
        code: 202,
        message: `Order Canceled - reason:${reason}`,
      });
    }
    this.#ctx.changed();
    return true;
  }

  /** CANCEL_ORDER from a client. */
  cancelRequested(conn: ClientConnection, orderId: number): void {
    const order = this.#ctx.orders.find(conn.clientId ?? 0, orderId);
    if (!order) {
      const message = `OrderId ${orderId} that needs to be cancelled is not found.`;
      return sendError(conn, { id: orderId, code: 10147, message });
    }
    if (!this.cancel(order)) {
      const message =
        `OrderId ${orderId} that needs to be cancelled cannot be cancelled, state: ${order.status}.`;
      sendError(conn, { id: orderId, code: 10148, message });
    }
  }

  /** OPEN_ORDER + ORDER_STATUS for each order, to `conn`. */
  sendOpenOrders(conn: ClientConnection, orders: readonly OrderRecord[]): void {
    this.#sendOrderState([conn], ...orders);
  }

  #sendOrderState(conns: readonly ClientConnection[], ...orders: OrderRecord[]): void {
    for (const order of orders) {
      for (const conn of conns) {
        conn.send(openOrderMessage(openOrderFields(order), this.#ctx.serverVersion));
        conn.send(statusMessage(order));
      }
    }
  }

  /**
   * A PLACE_ORDER under the id of a known order: refused with 104/105/110
   * (see `modificationError`; the order is unchanged), else applied and, like
   * TWS, answered with OPEN_ORDER (new total quantity and prices) and
   * ORDER_STATUS (new remaining); then fills per the fill mode.
   */
  #modify(conn: ClientConnection, order: OrderRecord, req: PlaceOrderRequest): void {
    const refused = modificationError(order, req, this.#ctx.contracts.resolve(req.contract));
    if (refused) return sendError(conn, { id: order.orderId, ...refused });
    order.totalQuantity = req.totalQuantity;
    order.remaining = req.totalQuantity.minus(order.filled);
    order.orderType = req.orderType;
    order.lmtPrice = req.lmtPrice;
    order.auxPrice = req.auxPrice;
    order.tif = req.tif;
    order.orderRef = req.orderRef;
    this.#ctx.changed();
    if (!order.transmitted) return;
    this.#sendOrderState(connectionsOf(this.#ctx, order.clientId), order);
    this.tryAutoFill(order);
  }

  #shouldReject(symbol: string): boolean {
    if (this.settings.rejectSymbols.has(symbol)) return true;
    if (this.settings.rejectNext > 0) {
      this.settings.rejectNext--;
      return true;
    }
    return false;
  }

  #reject(conn: ClientConnection, order: OrderRecord): void {
    const status = this.settings.rejectStatus;
    order.status = status === "Cancelled" ? "Cancelled" : "Inactive";
    this.#ctx.orders.add(order);
    const message = `Order rejected - reason:${this.settings.rejectReason}`;
    sendError(conn, { id: order.orderId, code: 201, message });
    if (status !== "none") conn.send(statusMessage(order));
    this.#ctx.changed();
  }

  #fillPrice(symbol: string, fallback: Decimal): Decimal {
    return this.settings.fillPrices.get(symbol) ?? this.#ctx.quotes.referencePrice(symbol) ??
      fallback;
  }
}

function openOrderFields(order: OrderRecord) {
  return { ...order, contract: order.contract.wire };
}

function statusMessage(order: OrderRecord): WireValue[] {
  return orderStatusMessage({ ...order, status: order.status });
}
