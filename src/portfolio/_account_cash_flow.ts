/**
 * Account-level cash flow and net quantities, for an O(symbols) PnL estimate.
 *
 * @module
 */
import type { Fill } from "../model/mod.ts";
import type { PriceLookup } from "./pnl_totals.ts";

interface SymbolFlow {
  quantity: number;
  lastFillPrice: number;
}

/**
 * Net PnL as cash plus market value: every fill moves cash by
 * `-(signed quantity x price) - commission` and the symbol's net quantity by
 * the signed quantity, so PnL = cash + sum(net quantity x price). This equals
 * realized + unrealized - commissions whatever the cost method, and costs one
 * multiply-add per symbol held, however many strategies hold it.
 */
export class AccountCashFlow {
  #cash = 0;
  #symbols = new Map<string, SymbolFlow>();

  /** Records one applied execution. */
  apply(fill: Fill): void {
    const quantity = fill.quantity.toNumber();
    const signed = fill.side === "BUY" ? quantity : -quantity;
    const price = fill.price.toNumber();
    this.#cash -= signed * price + fill.commission.toNumber();
    const flow = this.#symbols.get(fill.symbol);
    if (flow === undefined) {
      this.#symbols.set(fill.symbol, { quantity: signed, lastFillPrice: price });
    } else {
      flow.quantity += signed;
      flow.lastFillPrice = price;
    }
  }

  /** Net PnL at `priceOf` prices; a symbol without a price is marked at its last fill price. */
  netPnl(priceOf: PriceLookup): number {
    let value = this.#cash;
    for (const [symbol, flow] of this.#symbols) {
      if (flow.quantity === 0) continue;
      value += flow.quantity * (priceOf(symbol) ?? flow.lastFillPrice);
    }
    return value;
  }
}
