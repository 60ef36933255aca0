/**
 * Per-strategy books on one account.
 *
 * @module
 */
import type { NetPosition } from "../model/account.ts";
import type { PriceCellSource } from "../model/price_cell.ts";
import { AccountCashFlow } from "./_account_cash_flow.ts";
import { type Decimal, ZERO } from "../model/decimal.ts";
import type { Fill } from "../model/fill.ts";
import {
  addPnl,
  EMPTY_PNL,
  type PnlTotals,
  type PriceLookup,
  type StrategySummaryRow,
} from "./pnl_totals.ts";
import { diffPositions, type PositionDifference } from "./reconcile.ts";
import { StrategyBook } from "./strategy_book.ts";
import type { SymbolPosition } from "./symbol_position.ts";

/**
 * The books of every strategy of a run, keyed by strategy id, plus account
 * totals and reconciliation against the broker. Two strategies trading the
 * same symbol keep separate books; the account's net position is their sum.
 *
 * Executions are de-duplicated by `execId`, because IBKR re-delivers
 * executions after a reconnect.
 *
 * @example
 * ```ts
 * const portfolio = new Portfolio();
 * portfolio.register("aapl_fast", ["AAPL"]);
 * if (portfolio.applyFill("aapl_fast", fill)) notifyStrategy(fill);
 * portfolio.position("aapl_fast", "AAPL"); // number, no Decimal math
 * ```
 */
export class Portfolio {
  #books = new Map<string, StrategyBook>();
  #execIds = new Set<string>();
  #cashFlow: AccountCashFlow;
  #priceCell: PriceCellSource | undefined;

  /**
   * An empty portfolio. `priceCell` gives the market price cell of a symbol
   * (see {@link marketNetPnlEstimate}).
   */
  constructor(options: { priceCell?: PriceCellSource } = {}) {
    this.#cashFlow = new AccountCashFlow(options.priceCell);
    this.#priceCell = options.priceCell;
  }

  /** Creates the book of `strategyId` (if new) and registers `symbols` in it as flat positions. */
  register(strategyId: string, symbols: readonly string[] = []): StrategyBook {
    const book = this.book(strategyId);
    for (const symbol of symbols) book.positionFor(symbol);
    return book;
  }

  /** The book of `strategyId`, created empty when absent. */
  book(strategyId: string): StrategyBook {
    let book = this.#books.get(strategyId);
    if (book === undefined) {
      book = new StrategyBook(strategyId);
      this.#books.set(strategyId, book);
    }
    return book;
  }

  /** Strategy ids in registration / first-fill order. */
  strategyIds(): string[] {
    return [...this.#books.keys()];
  }

  /**
   * Applies an execution to the book of `strategyId`. Returns `false` and
   * changes nothing when an execution with the same `execId` was applied
   * before (to any strategy).
   */
  applyFill(strategyId: string, fill: Fill): boolean {
    if (this.#execIds.has(fill.execId)) return false;
    this.book(strategyId).applyFill(fill);
    this.#cashFlow.apply(fill);
    this.#execIds.add(fill.execId);
    return true;
  }

  /** Whether an execution with `execId` has been applied. */
  hasExecution(execId: string): boolean {
    return this.#execIds.has(execId);
  }

  /**
   * The strategy's signed position in `symbol` as a number (0 when unknown).
   * Hot path: two map lookups and a cached number, no Decimal math.
   */
  position(strategyId: string, symbol: string): number {
    return this.#books.get(strategyId)?.quantityOf(symbol) ?? 0;
  }

  /**
   * The live position record of a strategy in a symbol (created flat when
   * absent). Its `quantityNumber` always reflects the latest fill, so a caller
   * may keep the record instead of looking it up per bar.
   */
  positionRecord(strategyId: string, symbol: string): SymbolPosition {
    return this.book(strategyId).positionFor(symbol);
  }

  /** The account's net quantity in `symbol`: the sum over all strategies. */
  netPosition(symbol: string): Decimal {
    let sum = ZERO;
    for (const book of this.#books.values()) {
      const position = book.existingPosition(symbol);
      if (position !== undefined) sum = sum.plus(position.quantity);
    }
    return sum;
  }

  /** PnL totals of one strategy (all zero for an unknown strategy). */
  strategyTotals(strategyId: string, priceOf: PriceLookup): PnlTotals {
    return this.#books.get(strategyId)?.totals(priceOf) ?? EMPTY_PNL;
  }

  /** PnL totals of the whole account: the sum over all strategies. */
  accountTotals(priceOf: PriceLookup): PnlTotals {
    let totals = EMPTY_PNL;
    for (const book of this.#books.values()) totals = addPnl(totals, book.totals(priceOf));
    return totals;
  }

  /**
   * Float estimate of the account's net PnL (realized + unrealized -
   * commissions) at market prices, computed as cash flow plus market value in
   * O(symbols held), however many strategies and positions there are: cheap
   * enough to screen the daily-loss rule on every order. Each symbol's price
   * is read from its cell (from the constructor's `priceCell`); a symbol
   * without a price is marked at its last fill price.
   *
   * @throws {Error} when the portfolio was made without `priceCell`.
   */
  marketNetPnlEstimate(): number {
    return this.#cashFlow.netPnlAtCells();
  }

  /**
   * A bound on the distance between the last {@link marketNetPnlEstimate}
   * and {@link marketNetPnl} at the same prices.
   */
  marketNetPnlErrorBound(): number {
    return this.#cashFlow.errorBoundAtCells();
  }

  /**
   * The account's exact net PnL at market prices: the books' realized +
   * unrealized - commissions in Decimal, a symbol without a market price
   * marked at its last fill price (as {@link marketNetPnlEstimate} marks it).
   * O(open positions): what the daily-loss rule decides on near its limit.
   *
   * @throws {Error} when the portfolio was made without `priceCell`.
   */
  marketNetPnl(): Decimal {
    const cellOf = this.#priceCell;
    if (cellOf === undefined) throw new Error("Portfolio has no price cells");
    const flows = this.#cashFlow;
    return this.accountTotals((symbol) => cellOf(symbol).price ?? flows.lastFillPrice(symbol)).net;
  }

  /**
   * Differences between what the account should hold (`startPositions`, what
   * it held before the run, plus the summed books) and the broker's net
   * positions, per symbol, sorted by symbol; empty when they reconcile.
   */
  reconcile(
    brokerPositions: readonly NetPosition[],
    startPositions: readonly NetPosition[] = [],
  ): PositionDifference[] {
    const books = new Map<string, Decimal>();
    for (const position of startPositions) {
      books.set(position.symbol, (books.get(position.symbol) ?? ZERO).plus(position.quantity));
    }
    for (const book of this.#books.values()) {
      for (const record of book.positions()) {
        books.set(record.symbol, (books.get(record.symbol) ?? ZERO).plus(record.quantity));
      }
    }
    return diffPositions(books, brokerPositions);
  }

  /** The summary row of one strategy (an empty row for an unknown strategy). */
  summary(strategyId: string, priceOf: PriceLookup): StrategySummaryRow {
    return (this.#books.get(strategyId) ?? new StrategyBook(strategyId)).summary(priceOf);
  }

  /** Summary rows of every strategy, in registration / first-fill order. */
  summaries(priceOf: PriceLookup): StrategySummaryRow[] {
    return [...this.#books.values()].map((book) => book.summary(priceOf));
  }
}
