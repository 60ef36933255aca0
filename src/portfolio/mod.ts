/**
 * Per-strategy positions and PnL on one account: books, totals, the summary
 * table and reconciliation against the broker.
 *
 * @module
 */
export { Portfolio } from "./portfolio.ts";
export { StrategyBook } from "./strategy_book.ts";
export { SymbolPosition } from "./symbol_position.ts";
export {
  addPnl,
  EMPTY_PNL,
  type PnlTotals,
  type PriceLookup,
  type StrategySummaryRow,
  type SummaryPosition,
} from "./pnl_totals.ts";
export { diffPositions, type PositionDifference } from "./reconcile.ts";
