/**
 * PnL totals and the per-strategy summary row of the end-of-run table.
 *
 * @module
 */
import { type Decimal, ZERO } from "../model/decimal.ts";

/** Latest price of a symbol, or `undefined` when none is known. */
export type PriceLookup = (symbol: string) => number | undefined;

/** Realized, unrealized, commissions and net PnL of a set of positions. */
export interface PnlTotals {
  /** Realized PnL before commissions. */
  readonly realized: Decimal;
  /** Unrealized PnL of open quantities at the looked-up prices. */
  readonly unrealized: Decimal;
  /** Sum of commissions (positive = cost). */
  readonly commissions: Decimal;
  /** `realized + unrealized - commissions`. */
  readonly net: Decimal;
  /** Symbols with an open quantity but no price; they contribute no unrealized PnL. */
  readonly unpricedSymbols: readonly string[];
}

/** One symbol's line inside a {@link StrategySummaryRow}. */
export interface SummaryPosition {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Signed quantity. */
  readonly quantity: Decimal;
  /** Average cost of the open quantity (0 when flat). */
  readonly avgCost: Decimal;
}

/** One strategy's row of the end-of-run summary table. */
export interface StrategySummaryRow {
  /** Strategy id. */
  readonly strategyId: string;
  /** Executions applied to the book (each partial fill counts once). */
  readonly trades: number;
  /** Distinct orders behind those executions. */
  readonly orders: number;
  /** Position per symbol, in the order the symbols were registered or first traded. */
  readonly positions: readonly SummaryPosition[];
  /** Realized PnL before commissions. */
  readonly realizedPnl: Decimal;
  /** Unrealized PnL at the looked-up prices. */
  readonly unrealizedPnl: Decimal;
  /** Sum of commissions. */
  readonly commissions: Decimal;
  /** `realizedPnl + unrealizedPnl - commissions`. */
  readonly netPnl: Decimal;
}

/** Adds two totals (e.g. to build account totals from strategy totals). */
export function addPnl(a: PnlTotals, b: PnlTotals): PnlTotals {
  const unpricedSymbols = [...a.unpricedSymbols];
  for (const symbol of b.unpricedSymbols) {
    if (!unpricedSymbols.includes(symbol)) unpricedSymbols.push(symbol);
  }
  return {
    realized: a.realized.plus(b.realized),
    unrealized: a.unrealized.plus(b.unrealized),
    commissions: a.commissions.plus(b.commissions),
    net: a.net.plus(b.net),
    unpricedSymbols,
  };
}

/** Totals of nothing: all zero. */
export const EMPTY_PNL: PnlTotals = Object.freeze({
  realized: ZERO,
  unrealized: ZERO,
  commissions: ZERO,
  net: ZERO,
  unpricedSymbols: Object.freeze([]) as readonly string[],
});
