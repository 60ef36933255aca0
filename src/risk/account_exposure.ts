/**
 * The account's exposure per symbol as the RiskGuard values it: what the
 * account held before the run, the executions booked for the run's orders
 * and the shares working orders may still add, all read from the order
 * store (nothing here is counted separately).
 *
 * @module
 */
import type { NetPosition } from "../model/account.ts";
import { decimalToNumber } from "../model/decimal_number.ts";
import type { PriceCell, PriceCellSource } from "../model/price_cell.ts";
import type { OrderStore, SymbolOrders } from "../orders/mod.ts";

/** Latest price of a symbol, or `undefined` when none is known. */
export type ExposurePriceLookup = (symbol: string) => number | undefined;

/** What the account holds and has working in one symbol (all quantities in shares). */
export interface SymbolExposure {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Signed filled net quantity of the account: held at start plus booked executions. */
  readonly filled: number;
  /** Shares working buy orders may still add (>= 0). */
  readonly workingBuys: number;
  /** Shares working sell orders may still take away (>= 0). */
  readonly workingSells: number;
  /** Last price seen in an order, an execution or the start position, when no market price is known. */
  readonly lastPrice: number | undefined;
  /** The symbol's market price cell, when the exposure was given a cell source. */
  readonly priceCell?: PriceCell | undefined;
}

/**
 * Worst-case gross notional of one symbol: the larger of the position if every
 * working buy fills and the position if every working sell fills, times the
 * price. `extra` is a proposed order's signed quantity, counted as working.
 */
export function worstCaseExposure(entry: SymbolExposure, price: number, extra = 0): number {
  const long = entry.filled + entry.workingBuys + (extra > 0 ? extra : 0);
  const short = entry.filled - entry.workingSells + (extra < 0 ? extra : 0);
  return Math.max(Math.abs(long), Math.abs(short)) * price;
}

/** One symbol's view: start position of its own, everything else read from the store's record. */
class SymbolExposureView implements SymbolExposure {
  readonly symbol: string;
  readonly priceCell: PriceCell | undefined;
  readonly orders: SymbolOrders;
  start = 0;
  startPrice: number | undefined = undefined;

  constructor(orders: SymbolOrders, priceCell: PriceCell | undefined) {
    this.symbol = orders.symbol;
    this.orders = orders;
    this.priceCell = priceCell;
  }

  get filled(): number {
    return this.start + this.orders.bookedNet;
  }

  get workingBuys(): number {
    return this.orders.workingBuys;
  }

  get workingSells(): number {
    return this.orders.workingSells;
  }

  get lastPrice(): number | undefined {
    return this.orders.lastPrice ?? this.startPrice;
  }
}

/**
 * Account-level exposure across strategies, derived from an {@link OrderStore}
 * plus the positions the account held when the run started.
 *
 * @example
 * ```ts
 * const exposure = new AccountExposure(store);
 * exposure.setStartPositions(await broker.positions());
 * exposure.symbolExposure("AAPL", (s) => cache.get(s));
 * ```
 */
export class AccountExposure {
  #orders: OrderStore;
  #priceCell: PriceCellSource | undefined;
  #views = new Map<string, SymbolExposureView>();
  #entries: SymbolExposureView[] = [];
  #synced = 0;

  /**
   * Exposure over `orders`. With `priceCell`, each symbol carries its market
   * price cell, so valuing the account needs no lookup per symbol.
   */
  constructor(orders: OrderStore, options: { priceCell?: PriceCellSource } = {}) {
    this.#orders = orders;
    this.#priceCell = options.priceCell;
  }

  /** Sets what the account held before this run's orders (the broker's positions at start). */
  setStartPositions(positions: readonly NetPosition[]): void {
    for (const position of positions) {
      const view = this.#view(position.symbol);
      view.start = decimalToNumber(position.quantity);
      if (!position.avgCost.isZero()) view.startPrice = decimalToNumber(position.avgCost);
    }
  }

  /** The account's view of `symbol` (all zero when never seen). */
  symbol(symbol: string): SymbolExposure {
    this.#sync();
    return this.#views.get(symbol) ?? this.#view(symbol);
  }

  /** Every symbol with a start position or an order, as a live array (do not modify). */
  entries(): readonly SymbolExposure[] {
    this.#sync();
    return this.#entries;
  }

  /** Worst-case gross notional of `symbol` at `priceOf` (falling back to the last seen price). */
  symbolExposure(symbol: string, priceOf: ExposurePriceLookup): number {
    const entry = this.symbol(symbol);
    return worstCaseExposure(entry, priceOf(symbol) ?? entry.lastPrice ?? 0);
  }

  /** Sum of {@link symbolExposure} over all symbols. */
  grossExposure(priceOf: ExposurePriceLookup): number {
    let sum = 0;
    for (const entry of this.entries()) {
      sum += worstCaseExposure(entry, priceOf(entry.symbol) ?? entry.lastPrice ?? 0);
    }
    return sum;
  }

  /** Picks up symbols the store has seen since the last call (O(1) when none). */
  #sync(): void {
    const symbols = this.#orders.symbols();
    while (this.#synced < symbols.length) {
      this.#view((symbols[this.#synced++] as SymbolOrders).symbol);
    }
  }

  #view(symbol: string): SymbolExposureView {
    let view = this.#views.get(symbol);
    if (view === undefined) {
      view = new SymbolExposureView(this.#orders.symbol(symbol), this.#priceCell?.(symbol));
      this.#views.set(symbol, view);
      this.#entries.push(view);
    }
    return view;
  }
}
