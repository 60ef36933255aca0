/**
 * Account-level cash flow and net quantities: a float estimate of the
 * account's net PnL in O(symbols held), with a bound on its distance from the
 * books' exact figure.
 *
 * @module
 */
import { decimalToNumber, type Fill, type PriceCell, type PriceCellSource } from "../model/mod.ts";
import { AVG_COST_PLACES } from "./symbol_position.ts";

interface SymbolFlow {
  /** Net shares: orders are whole shares, so the sum is exact as a number below 2^53. */
  quantity: number;
  lastFillPrice: number;
  cell: PriceCell | undefined;
}

/** 2^-52: twice the unit roundoff of a double. */
const ROUNDING = 2 ** -52;

/** The most one rounding of an average cost to {@link AVG_COST_PLACES} places moves it. */
const AVG_COST_ROUNDING = 0.5 * 10 ** -AVG_COST_PLACES;

/**
 * Net PnL as cash plus market value: every fill moves cash by
 * `-(signed quantity x price) - commission` and the symbol's net quantity by
 * the signed quantity, so PnL = cash + sum(net quantity x price). This equals
 * realized + unrealized - commissions whatever the cost method, and costs one
 * multiply-add per symbol held, however many strategies hold it.
 *
 * The exact figure is the books' (Portfolio totals in Decimal);
 * {@link errorBoundAtCells} bounds the distance of this estimate from it:
 * - float rounding: a sum of n rounded terms is off by at most about
 *   n x 2^-53 x the sum of their magnitudes; the bound counts every rounding
 *   of the cash sum and of the valuation with a margin;
 * - the books' average costs, kept to 10 places: each fill that adds to a
 *   position may move an average cost by at most 0.5e-10, and an average cost
 *   off by e misstates PnL by at most e per share ever traded.
 */
export class AccountCashFlow {
  #cash = 0;
  /** Shares traded over all fills: the shares an average-cost error can apply to. */
  #sharesTraded = 0;
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
    this.#sharesTraded += quantity;
    const flow = this.#symbols.get(fill.symbol);
    if (flow === undefined) {
      const created: SymbolFlow = {
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
   * A bound on the distance between the last {@link netPnlAtCells} and the
   * books' exact net PnL at the same marks (the caller reads both at the
   * same marks, the estimate first).
   */
  errorBoundAtCells(): number {
    const terms = 3 * (this.#fills + this.#flows.length) + 8;
    const floatError = terms * ROUNDING *
      (this.#tradedMagnitude + this.#lastMarketMagnitude + 1);
    // At most one rounding per fill, each moving some average cost by AVG_COST_ROUNDING.
    const avgCostError = this.#sharesTraded * this.#fills * AVG_COST_ROUNDING;
    return floatError + avgCostError;
  }

  /** The last fill price of `symbol` (the mark of a symbol without a market price). */
  lastFillPrice(symbol: string): number | undefined {
    return this.#symbols.get(symbol)?.lastFillPrice;
  }

  #cellFlows(): readonly SymbolFlow[] {
    if (this.#priceCell === undefined) throw new Error("AccountCashFlow has no price cells");
    return this.#flows;
  }
}
