/**
 * Account-level cash flow and net quantities: the account's net PnL in
 * O(symbols held), exact in Decimal and as a float estimate with an error bound.
 *
 * @module
 */
import {
  Decimal,
  decimalToNumber,
  type Fill,
  type PriceCell,
  type PriceCellSource,
  toDecimal,
  ZERO,
} from "../model/mod.ts";

interface SymbolFlow {
  /** Net shares: orders are whole shares, so the sum is exact as a number below 2^53. */
  quantity: number;
  lastFillPrice: number;
  exactLastFillPrice: Decimal;
  cell: PriceCell | undefined;
}

/** 2^-52: twice the unit roundoff of a double. */
const ROUNDING = 2 ** -52;

/**
 * Net PnL as cash plus market value: every fill moves cash by
 * `-(signed quantity x price) - commission` and the symbol's net quantity by
 * the signed quantity, so PnL = cash + sum(net quantity x price). This equals
 * realized + unrealized - commissions whatever the cost method, and costs one
 * multiply-add per symbol held, however many strategies hold it.
 *
 * Both are kept: the Decimal figures give the exact PnL
 * ({@link exactNetPnlAtCells}), the floats a cheap estimate
 * ({@link netPnlAtCells}) whose distance from the exact value is at most
 * {@link errorBoundAtCells}: a sum of n rounded terms is off by at most
 * about n x 2^-53 x the sum of their magnitudes, and the bound counts every
 * rounding of the cash sum and of the valuation with a margin.
 */
export class AccountCashFlow {
  #cash = 0;
  #exactCash: Decimal = ZERO;
  /** Sum of |quantity x price| + |commission| over all fills: the magnitude of the cash sum. */
  #tradedMagnitude = 0;
  #fills = 0;
  #symbols = new Map<string, SymbolFlow>();
  /** The same flows in first-fill order, for the valuation loop. */
  #flows: SymbolFlow[] = [];
  #priceCell: PriceCellSource | undefined;
  #lastMarketMagnitude = 0;

  /** Starts empty; with `priceCell`, the `...AtCells` methods value symbols at their cells. */
  constructor(priceCell?: PriceCellSource) {
    this.#priceCell = priceCell;
  }

  /** Records one applied execution. */
  apply(fill: Fill): void {
    const quantity = decimalToNumber(fill.quantity);
    const signed = fill.side === "BUY" ? quantity : -quantity;
    const price = decimalToNumber(fill.price);
    const commission = decimalToNumber(fill.commission);
    this.#cash -= signed * price + commission;
    this.#tradedMagnitude += Math.abs(signed * price) + Math.abs(commission);
    this.#fills++;
    const cost = fill.quantity.times(fill.price);
    this.#exactCash = fill.side === "BUY"
      ? this.#exactCash.minus(cost).minus(fill.commission)
      : this.#exactCash.plus(cost).minus(fill.commission);
    const flow = this.#symbols.get(fill.symbol);
    if (flow === undefined) {
      const created: SymbolFlow = {
        quantity: signed,
        lastFillPrice: price,
        exactLastFillPrice: fill.price,
        cell: this.#priceCell?.(fill.symbol),
      };
      this.#symbols.set(fill.symbol, created);
      this.#flows.push(created);
    } else {
      flow.quantity += signed;
      flow.lastFillPrice = price;
      flow.exactLastFillPrice = fill.price;
    }
  }

  /**
   * Net PnL (float) at the prices of the cells from the constructor's source;
   * a symbol without a price is marked at its last fill price.
   *
   * @throws {Error} when the flow was made without a cell source.
   */
  netPnlAtCells(): number {
    const flows = this.#cellFlows();
    let value = this.#cash;
    let magnitude = 0;
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i] as SymbolFlow;
      if (flow.quantity === 0) continue;
      const marked = flow.quantity * ((flow.cell as PriceCell).price ?? flow.lastFillPrice);
      value += marked;
      magnitude += Math.abs(marked);
    }
    this.#lastMarketMagnitude = magnitude;
    return value;
  }

  /**
   * A bound on `|netPnlAtCells() - exactNetPnlAtCells()|` at the marks of the
   * last {@link netPnlAtCells} call (the caller reads both at the same marks).
   */
  errorBoundAtCells(): number {
    const terms = 3 * (this.#fills + this.#flows.length) + 8;
    return terms * ROUNDING * (this.#tradedMagnitude + this.#lastMarketMagnitude + 1);
  }

  /**
   * The exact net PnL at the cells' prices (each price is the Decimal of its
   * shortest decimal form, as everywhere else).
   *
   * @throws {Error} when the flow was made without a cell source.
   */
  exactNetPnlAtCells(): Decimal {
    const flows = this.#cellFlows();
    let value = this.#exactCash;
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i] as SymbolFlow;
      if (flow.quantity === 0) continue;
      const price = (flow.cell as PriceCell).price;
      value = value.plus(
        toDecimal(flow.quantity).times(
          price === undefined ? flow.exactLastFillPrice : toDecimal(price),
        ),
      );
    }
    return value;
  }

  #cellFlows(): readonly SymbolFlow[] {
    if (this.#priceCell === undefined) throw new Error("AccountCashFlow has no price cells");
    return this.#flows;
  }
}
