/**
 * The checks TWS makes on a PLACE_ORDER before it works or modifies an
 * order, as error codes and messages (IB's API message codes).
 *
 * @module
 */
import type { Decimal } from "../../src/model/mod.ts";
import type { KnownContract } from "./contract_registry.ts";
import type { OrderRecord } from "./order_book.ts";
import { TERMINAL_STATUSES } from "./order_book.ts";
import type { PlaceOrderRequest } from "./request_types.ts";

/** An error TWS answers a PLACE_ORDER with. */
export interface OrderError {
  /** IB error code, sent with the order id. */
  readonly code: number;
  /** IB's message text. */
  readonly message: string;
}

/** IB's text for error 110. */
export const OFF_TICK_MESSAGE =
  "The price does not conform to the minimum price variation for this contract.";

/**
 * Error 110 when `req` is a limit order whose lmtPrice is not a whole
 * number of the contract's minTick, else `undefined`.
 */
export function offTickError(
  req: PlaceOrderRequest,
  contract: KnownContract,
): OrderError | undefined {
  const limit = req.lmtPrice;
  if (req.orderType !== "LMT" || limit === undefined) return undefined;
  const minTick: Decimal = contract.wire.minTick;
  if (minTick.isZero() || limit.modulo(minTick).isZero()) return undefined;
  return { code: 110, message: OFF_TICK_MESSAGE };
}

/**
 * Why TWS refuses `req` as a modification of `order`, or `undefined`:
 * - 104 for an order that is no longer working (filled, cancelled, inactive);
 * - 105 ("does not match the original order") for another contract or
 *   action, or a total quantity not above the quantity already filled;
 * - 110 for a limit price off the contract's minTick.
 */
export function modificationError(
  order: OrderRecord,
  req: PlaceOrderRequest,
  contract: KnownContract | undefined,
): OrderError | undefined {
  if (TERMINAL_STATUSES.has(order.status)) {
    const message = order.status === "Filled"
      ? "Can't modify a filled order."
      : `Can't modify order ${order.orderId}: it is ${order.status}.`;
    return { code: 104, message };
  }
  const mismatch = "Order being modified does not match original order.";
  if (contract === undefined || contract.wire.conId !== order.conId) {
    return { code: 105, message: `${mismatch} (contract)` };
  }
  if (req.action.toUpperCase() !== order.action) {
    return { code: 105, message: `${mismatch} (action ${order.action} -> ${req.action})` };
  }
  if (req.totalQuantity.lte(order.filled)) {
    return {
      code: 105,
      message:
        `${mismatch} (total quantity ${req.totalQuantity} is not above the ${order.filled} filled)`,
    };
  }
  return offTickError(req, contract);
}
