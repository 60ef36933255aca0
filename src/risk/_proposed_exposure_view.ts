/**
 * The reusable {@link RiskView} the RiskGuard binds to each order (no
 * allocation per check).
 *
 * @module
 */
import {
  type ExposureLedger,
  type ExposurePriceLookup,
  type SymbolExposure,
  worstCaseExposure,
} from "./exposure_ledger.ts";
import type { ProposedOrder, RiskView } from "./risk_check.ts";
import { TradingState } from "./trading_state.ts";

/** A RiskView over an ExposureLedger, re-bound to each proposed order. */
export class ProposedExposureView implements RiskView {
  #ledger: ExposureLedger;
  #priceOf: ExposurePriceLookup;
  #symbol = "";
  #referencePrice = 0;
  #signedQuantity = 0;
  #state: TradingState = TradingState.ACTIVE;

  /** Views `ledger` at prices from `priceOf`. */
  constructor(ledger: ExposureLedger, priceOf: ExposurePriceLookup) {
    this.#ledger = ledger;
    this.#priceOf = priceOf;
  }

  /**
   * Points the view at `order` (signed quantity and reference price as numbers
   * precomputed) in trading state `state`.
   */
  bind(
    order: ProposedOrder,
    options: { signedQuantity: number; state: TradingState; referencePrice: number },
  ): void {
    this.#symbol = order.symbol;
    this.#referencePrice = options.referencePrice;
    this.#signedQuantity = options.signedQuantity;
    this.#state = options.state;
  }

  /** Current trading state. */
  get state(): TradingState {
    return this.#state;
  }

  /** The order's signed quantity. */
  get signedQuantity(): number {
    return this.#signedQuantity;
  }

  /** Exposure of `symbol` before the order. */
  currentSymbolExposure(symbol: string): number {
    const entry = this.#ledger.symbol(symbol);
    return worstCaseExposure(entry, this.#price(entry));
  }

  /** Exposure of `symbol` after the order. */
  symbolExposure(symbol: string): number {
    const entry = this.#ledger.symbol(symbol);
    const extra = symbol === this.#symbol ? this.#signedQuantity : 0;
    return worstCaseExposure(entry, this.#price(entry), extra);
  }

  /** Gross exposure before the order. */
  currentGrossExposure(): number {
    let sum = 0;
    const entries = this.#ledger.entries();
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as SymbolExposure;
      sum += worstCaseExposure(entry, this.#price(entry));
    }
    return sum;
  }

  /** Gross exposure after the order. */
  grossExposure(): number {
    return this.currentGrossExposure() - this.currentSymbolExposure(this.#symbol) +
      this.symbolExposure(this.#symbol);
  }

  #price(entry: SymbolExposure): number {
    if (entry.symbol === this.#symbol) return this.#referencePrice;
    const cell = entry.priceCell;
    return (cell === undefined ? this.#priceOf(entry.symbol) : cell.price) ?? entry.lastPrice ?? 0;
  }
}
