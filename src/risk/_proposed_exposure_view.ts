/**
 * The reusable {@link RiskView} the RiskGuard binds to each order (no
 * allocation per check).
 *
 * @module
 */
import {
  type AccountExposure,
  type ExposurePriceLookup,
  type SymbolExposure,
  worstCaseExposure,
} from "./account_exposure.ts";
import type { ProposedOrder, RiskView } from "./risk_check.ts";
import { TradingState } from "./trading_state.ts";

/** A RiskView over the AccountExposure, re-bound to each proposed order. */
export class ProposedExposureView implements RiskView {
  #exposure: AccountExposure;
  #priceOf: ExposurePriceLookup;
  #symbol = "";
  #referencePrice = 0;
  #signedQuantity = 0;
  #state: TradingState = TradingState.ACTIVE;

  /** Views `exposure` at prices from `priceOf`. */
  constructor(exposure: AccountExposure, priceOf: ExposurePriceLookup) {
    this.#exposure = exposure;
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

  /** The shares the order adds to working exposure, signed. */
  get signedQuantity(): number {
    return this.#signedQuantity;
  }

  /** Exposure of `symbol` before the order. */
  currentSymbolExposure(symbol: string): number {
    const entry = this.#exposure.symbol(symbol);
    return worstCaseExposure(entry, this.#price(entry));
  }

  /** Exposure of `symbol` after the order. */
  symbolExposure(symbol: string): number {
    const entry = this.#exposure.symbol(symbol);
    const extra = symbol === this.#symbol ? this.#signedQuantity : 0;
    return worstCaseExposure(entry, this.#price(entry), extra);
  }

  /** Gross exposure before the order. */
  currentGrossExposure(): number {
    let sum = 0;
    const entries = this.#exposure.entries();
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
