/**
 * The order store: every order of a run, its state and its booked and
 * outstanding quantities, in one place. Imports only the model.
 *
 * @module
 */
export {
  type ExpectationInputs,
  expectedShares,
  intendedShares,
  type ManagedOrder,
  type OrderEnding,
} from "./managed_order.ts";
export {
  type OrderSlot,
  OrderStore,
  type OrderStoreOptions,
  type SymbolOrders,
} from "./order_store.ts";
