/**
 * Account-level cash flow and net quantities, for an O(symbols) PnL estimate.
 *
 * @module
 */
import { decimalToNumber, type Fill, type PriceCell, type PriceCellSource } from "../model/mod.ts";
import type { PriceLookup } from "./pnl_totals.ts";

interface SymbolFlow {
  quantity: number;
  lastFillPrice: number;
  cell: PriceCell | undefined;
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
  /** The same flows in first-fill order, for the valuation loop. */
  #flows: SymbolFlow[] = [];
  #priceCell: PriceCellSource | undefined;

  /** Starts empty; with `priceCell`, {@link netPnlAtCells} values symbols at their cells. */
  constructor(priceCell?: PriceCellSource) {
    this.#priceCell = priceCell;
  }

  /** Records one applied execution. */
  apply(fill: Fill): void {
    const quantity = decimalToNumber(fill.quantity);
    const signed = fill.side === "BUY" ? quantity : -quantity;
    const price = decimalToNumber(fill.price);
    this.#cash -= signed * price + decimalToNumber(fill.commission);
    const flow = this.#symbols.get(fill.symbol);
    if (flow === undefined) {
      const created = {
        quantity: signed,
        lastFillPrice: price,
        cell: this.#priceCell?.(fill.symbol),
      };
      this.#symbols.set(fill.symbol, created);
      this.#flows.push(created);
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

  /**
   * {@link netPnl} at the prices of the cells from the constructor's source
   * (the same sum in the same order, without a lookup per symbol).
   *
   * @throws {Error} when the flow was made without a cell source.
   */
  netPnlAtCells(): number {
    if (this.#priceCell === undefined) throw new Error("AccountCashFlow has no price cells");
    let value = this.#cash;
    const flows = this.#flows;
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i] as SymbolFlow;
      if (flow.quantity === 0) continue;
      value += flow.quantity * ((flow.cell as PriceCell).price ?? flow.lastFillPrice);
    }
    return value;
  }
}
