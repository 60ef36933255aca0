/**
 * Test helpers: an order store and the account exposure over it, with
 * shortcuts for working orders and held positions, and a settable PnL source.
 *
 * @module
 */
import { type Decimal, toDecimal } from "../model/decimal.ts";
import type { PriceCellSource } from "../model/price_cell.ts";
import { type ManagedOrder, OrderStore } from "../orders/mod.ts";
import { AccountExposure } from "./account_exposure.ts";
import type { AccountPnlSource } from "./daily_loss_window.ts";

/** An order store, the exposure derived from it, and ways to fill it. */
export interface TestAccount {
  /** The store. */
  readonly store: OrderStore;
  /** The exposure over the store. */
  readonly exposure: AccountExposure;
  /** Adds a working order for signed `quantity` shares (of its own strategy). */
  working(symbol: string, quantity: number, price?: number): ManagedOrder;
  /** Books executions so the account holds signed `quantity` more shares. */
  held(symbol: string, quantity: number, price?: number): void;
}

/** A fresh store and exposure; each helper order belongs to its own strategy. */
export function testAccount(options: { priceCell?: PriceCellSource } = {}): TestAccount {
  const store = new OrderStore();
  const exposure = new AccountExposure(store, options);
  let sequence = 0;
  const add = (symbol: string, quantity: number, price: number): ManagedOrder => {
    const id = `t-${++sequence}`;
    return store.add({
      id,
      strategyId: id,
      symbol,
      side: quantity > 0 ? "BUY" : "SELL",
      quantity: toDecimal(Math.abs(quantity)),
      type: "MKT",
      tif: "DAY",
      createdAt: 0,
    }, { referencePrice: price });
  };
  return {
    store,
    exposure,
    working: (symbol, quantity, price = 100) => add(symbol, quantity, price),
    held(symbol, quantity, price = 100) {
      const order = add(symbol, quantity, price);
      const shares = toDecimal(Math.abs(quantity));
      store.bookExecution({
        execId: `${order.id}-x`,
        orderId: order.id,
        symbol,
        side: order.side,
        quantity: shares,
        price: toDecimal(price),
        commission: toDecimal(0),
        ts: 0,
      });
      store.applyStatus({
        orderId: order.id,
        status: "filled",
        filled: shares,
        remaining: toDecimal(0),
        ts: 0,
      });
    },
  };
}

/** A PnL source reading `value` exactly, its float estimate off by nothing. */
export function pnlOf(value: () => Decimal): AccountPnlSource {
  return {
    exact: value,
    estimate: () => value().toNumber(),
    estimateErrorBound: () => 0,
  };
}
