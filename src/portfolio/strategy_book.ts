/**
 * One strategy's book: its positions per symbol on the shared account.
 *
 * @module
 */
import type { Fill } from "../model/fill.ts";
import { type Decimal, toDecimal, ZERO } from "../model/decimal.ts";
import type { PnlTotals, PriceLookup, StrategySummaryRow } from "./pnl_totals.ts";
import { SymbolPosition } from "./symbol_position.ts";

/**
 * The positions of one strategy, keyed by symbol. IB only knows the account's
 * net position; each strategy's book records what its own orders did.
 *
 * @example
 * ```ts
 * const book = new StrategyBook("aapl_fast", ["AAPL"]);
 * book.applyFill(fill);
 * book.quantityOf("AAPL"); // signed shares as a number
 * ```
 */
export class StrategyBook {
  /** Strategy id. */
  readonly strategyId: string;
  #positions = new Map<string, SymbolPosition>();
  #realized: Decimal = ZERO;
  #commissions: Decimal = ZERO;
  #trades = 0;

  /** Creates an empty book; `symbols` are registered flat so the summary lists them. */
  constructor(strategyId: string, symbols: readonly string[] = []) {
    this.strategyId = strategyId;
    for (const symbol of symbols) this.positionFor(symbol);
  }

  /** The live position record of `symbol`, created flat when absent. */
  positionFor(symbol: string): SymbolPosition {
    let position = this.#positions.get(symbol);
    if (position === undefined) {
      position = new SymbolPosition(symbol);
      this.#positions.set(symbol, position);
    }
    return position;
  }

  /** The position record of `symbol`, if the book has one. */
  existingPosition(symbol: string): SymbolPosition | undefined {
    return this.#positions.get(symbol);
  }

  /** Every position record, in registration / first-fill order. */
  positions(): IterableIterator<SymbolPosition> {
    return this.#positions.values();
  }

  /** Applies one execution to the position of its symbol. */
  applyFill(fill: Fill): SymbolPosition {
    const position = this.positionFor(fill.symbol);
    const realizedBefore = position.realizedPnl;
    position.applyFill(fill);
    // Running totals keep totals() proportional to open positions, not to all symbols.
    if (position.realizedPnl !== realizedBefore) {
      this.#realized = this.#realized.plus(position.realizedPnl.minus(realizedBefore));
    }
    this.#commissions = this.#commissions.plus(fill.commission);
    this.#trades += 1;
    return position;
  }

  /** Signed position in `symbol` as a number (0 when the book never traded it); no Decimal math. */
  quantityOf(symbol: string): number {
    return this.#positions.get(symbol)?.quantityNumber ?? 0;
  }

  /** Realized, unrealized (at `priceOf`), commissions and net PnL of the book. */
  totals(priceOf: PriceLookup): PnlTotals {
    let unrealized = ZERO;
    const unpricedSymbols: string[] = [];
    for (const position of this.#positions.values()) {
      if (position.quantityNumber === 0) continue;
      const price = priceOf(position.symbol);
      if (price === undefined) unpricedSymbols.push(position.symbol);
      else unrealized = unrealized.plus(position.unrealizedPnl(priceDecimal(price)));
    }
    return {
      realized: this.#realized,
      unrealized,
      commissions: this.#commissions,
      net: this.#realized.plus(unrealized).minus(this.#commissions),
      unpricedSymbols,
    };
  }

  /** Number of executions applied to the book. */
  trades(): number {
    return this.#trades;
  }

  /** The book's row of the end-of-run summary table. */
  summary(priceOf: PriceLookup): StrategySummaryRow {
    const totals = this.totals(priceOf);
    let trades = 0;
    let orders = 0;
    const positions = [];
    for (const position of this.#positions.values()) {
      trades += position.fills;
      orders += position.orders;
      positions.push({
        symbol: position.symbol,
        quantity: position.quantity,
        avgCost: position.avgCost,
      });
    }
    return {
      strategyId: this.strategyId,
      trades,
      orders,
      positions,
      realizedPnl: totals.realized,
      unrealizedPnl: totals.unrealized,
      commissions: totals.commissions,
      netPnl: totals.net,
    };
  }
}

/** Decimals of recently valued prices, by price. */
const priceDecimals = new Map<number, Decimal>();

/**
 * `toDecimal(price)`, memoised: the books of a metrics round share their
 * symbols' prices, so each price is converted once per round instead of once
 * per book. Zero bypasses the memo (a Map does not tell 0 from -0).
 */
function priceDecimal(price: number): Decimal {
  if (price === 0) return toDecimal(price);
  let decimal = priceDecimals.get(price);
  if (decimal === undefined) {
    decimal = toDecimal(price);
    if (priceDecimals.size >= 4096) priceDecimals.clear();
    priceDecimals.set(price, decimal);
  }
  return decimal;
}
