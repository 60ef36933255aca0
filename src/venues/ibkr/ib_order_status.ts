/**
 * IB order statuses mapped to ours.
 *
 * @module
 */
import type { OrderState } from "../../model/mod.ts";

/**
 * Our state for an IB `orderStatus` status, or `undefined` when it says
 * nothing new (`PendingCancel`, `Unknown`, unrecognised text):
 * - `PendingSubmit`, `ApiPending`, `PreSubmitted`, `Submitted`: `submitted`,
 *   or `partially_filled` once `filled` > 0;
 * - `Filled`: `filled`;
 * - `Cancelled`, `ApiCancelled`: `cancelled` (also after partial fills);
 * - `Inactive`: `rejected` (TWS will not work the order).
 *
 * @example
 * ```ts
 * mapIbOrderStatus("Submitted", 40); // "partially_filled"
 * ```
 */
export function mapIbOrderStatus(status: string, filled: number): OrderState | undefined {
  switch (status) {
    case "PendingSubmit":
    case "ApiPending":
    case "PreSubmitted":
    case "Submitted":
      return filled > 0 ? "partially_filled" : "submitted";
    case "Filled":
      return "filled";
    case "Cancelled":
    case "ApiCancelled":
      return "cancelled";
    case "Inactive":
      return "rejected";
    default:
      return undefined;
  }
}

/** IB statuses of orders that are no longer working. */
export const IB_DONE_STATUSES: ReadonlySet<string> = new Set([
  "Filled",
  "Cancelled",
  "ApiCancelled",
  "Inactive",
]);

/**
 * Error codes TWS sends with an order id that do not end the order:
 * 161/10147/10148/10149 answer a cancel, 399 and 2100+ are warnings, 404 is a
 * short-sale locate notice. 202 (cancelled) is handled on its own.
 */
const ORDER_WARNING_CODES: ReadonlySet<number> = new Set([161, 399, 404, 10147, 10148, 10149]);

/**
 * Whether an error with an order id means the order was refused: 201 and 203
 * always; any other code below 450 (IB's order and contract errors) while
 * TWS has not acknowledged the order yet, except the warnings above.
 */
export function isOrderRejection(code: number, acknowledged: boolean): boolean {
  if (code === 201 || code === 203) return true;
  if (acknowledged || ORDER_WARNING_CODES.has(code) || code === 202) return false;
  return code >= 100 && code < 450;
}

/**
 * Whether an error with an order id refuses a modification (a placeOrder
 * under the id of an order TWS already works, e.g. 103, 104, 105, 110, 201):
 * the codes that refuse a new order (warnings and 202 never do). The order
 * keeps working as before.
 */
export function isModificationRefusal(code: number): boolean {
  return isOrderRejection(code, false);
}
