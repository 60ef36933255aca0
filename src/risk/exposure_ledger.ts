/**
 * The account's exposure per symbol: filled net quantity plus working orders,
 * kept up to date by the coordinator.
 *
 * @module
 */
import type { NetPosition } from "../model/account.ts";
import type { Decimal } from "../model/decimal.ts";
import type { PriceCell, PriceCellSource } from "../model/price_cell.ts";
import { decimalToNumber } from "../model/decimal_number.ts";

/** Latest price of a symbol, or `undefined` when none is known. */
export type ExposurePriceLookup = (symbol: string) => number | undefined;

/** Quantity or price as the coordinator has it. */
type Amount = number | Decimal;

function toNumber(amount: Amount): number {
  return typeof amount === "number" ? amount : decimalToNumber(amount);
}

/** What the ledger knows about one symbol (all quantities in shares). */
export interface SymbolExposure {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Signed filled net quantity of the account (all strategies). */
  readonly filled: number;
  /** Sum of the remaining quantities of working buy orders (>= 0). */
  readonly workingBuys: number;
  /** Sum of the remaining quantities of working sell orders (>= 0). */
  readonly workingSells: number;
  /** Last price seen in an order or fill, the fallback when no market price is known. */
  readonly lastPrice: number | undefined;
  /** The symbol's market price cell, when the ledger was given a cell source. */
  readonly priceCell?: PriceCell | undefined;
}

interface MutableExposure {
  symbol: string;
  filled: number;
  workingBuys: number;
  workingSells: number;
  lastPrice: number | undefined;
  priceCell?: PriceCell;
}

interface WorkingOrder {
  readonly entry: MutableExposure;
  /** Signed remaining quantity: positive buy, negative sell. */
  remaining: number;
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

/**
 * Account-level exposure across strategies. The coordinator reports submitted
 * orders, applied fills (only those the Portfolio applied, so duplicates never
 * count twice) and finished orders; the RiskGuard values it at market prices.
 * Quantities are numbers (shares); O(1) per update.
 *
 * @example
 * ```ts
 * const ledger = new ExposureLedger();
 * ledger.orderSubmitted({ orderId: "fast-1", symbol: "AAPL", quantity: 100, price: 190 });
 * ledger.fillApplied({ orderId: "fast-1", symbol: "AAPL", quantity: 100, price: 190.05 });
 * ledger.orderFinished("fast-1");
 * ```
 */
export class ExposureLedger {
  #symbols = new Map<string, MutableExposure>();
  /** The same entries in first-seen order, for loops over every symbol. */
  #entries: MutableExposure[] = [];
  #orders = new Map<string, WorkingOrder>();
  #priceCell: PriceCellSource | undefined;

  /**
   * An empty ledger. With `priceCell`, each symbol's entry carries its market
   * price cell (see {@link SymbolExposure.priceCell}), so the RiskGuard values
   * the account without a lookup per symbol.
   */
  constructor(options: { priceCell?: PriceCellSource } = {}) {
    this.#priceCell = options.priceCell;
  }

  /** Records a working order; `quantity` is signed (positive buy, negative sell). */
  orderSubmitted(
    order: { orderId: string; symbol: string; quantity: Amount; price?: Amount },
  ): void {
    const entry = this.#entry(order.symbol);
    const quantity = toNumber(order.quantity);
    if (order.price !== undefined) entry.lastPrice = toNumber(order.price);
    const previous = this.#orders.get(order.orderId);
    if (previous !== undefined) this.#release(previous);
    if (quantity > 0) entry.workingBuys += quantity;
    else entry.workingSells -= quantity;
    this.#orders.set(order.orderId, { entry, remaining: quantity });
  }

  /**
   * Records an applied execution; `quantity` is signed. The fill moves from the
   * order's working remainder (if the order is known) to the filled position.
   */
  fillApplied(fill: { orderId: string; symbol: string; quantity: Amount; price?: Amount }): void {
    const entry = this.#entry(fill.symbol);
    const quantity = toNumber(fill.quantity);
    entry.filled += quantity;
    if (fill.price !== undefined) entry.lastPrice = toNumber(fill.price);
    const order = this.#orders.get(fill.orderId);
    if (order === undefined) return;
    if (order.remaining > 0 && quantity > 0) {
      const done = Math.min(order.remaining, quantity);
      order.remaining -= done;
      entry.workingBuys -= done;
    } else if (order.remaining < 0 && quantity < 0) {
      const done = Math.max(order.remaining, quantity);
      order.remaining -= done;
      entry.workingSells += done;
    }
    if (order.remaining === 0) this.#orders.delete(fill.orderId);
  }

  /** Releases whatever an order still had working (filled, cancelled, rejected). */
  orderFinished(orderId: string): void {
    const order = this.#orders.get(orderId);
    if (order === undefined) return;
    this.#release(order);
    this.#orders.delete(orderId);
  }

  /** Sets the filled net quantity of symbols, e.g. from the broker's positions at start. */
  setPositions(positions: readonly NetPosition[]): void {
    for (const position of positions) {
      const entry = this.#entry(position.symbol);
      entry.filled = position.quantity.toNumber();
      if (entry.lastPrice === undefined && !position.avgCost.isZero()) {
        entry.lastPrice = position.avgCost.toNumber();
      }
    }
  }

  /** The ledger's view of `symbol` (all zero when never seen). */
  symbol(symbol: string): SymbolExposure {
    return this.#symbols.get(symbol) ??
      { symbol, filled: 0, workingBuys: 0, workingSells: 0, lastPrice: undefined };
  }

  /** Every symbol the ledger has seen, in first-seen order. */
  symbols(): IterableIterator<SymbolExposure> {
    return this.#symbols.values();
  }

  /** Every symbol the ledger has seen, in first-seen order, as a live array (do not modify). */
  entries(): readonly SymbolExposure[] {
    return this.#entries;
  }

  /** Signed remaining quantity of a working order (0 when unknown or done). */
  workingQuantity(orderId: string): number {
    return this.#orders.get(orderId)?.remaining ?? 0;
  }

  /** Number of orders still working. */
  get workingOrders(): number {
    return this.#orders.size;
  }

  /** Worst-case gross notional of `symbol` at `priceOf` (falling back to the last seen price). */
  symbolExposure(symbol: string, priceOf: ExposurePriceLookup): number {
    const entry = this.#symbols.get(symbol);
    if (entry === undefined) return 0;
    return worstCaseExposure(entry, priceOf(symbol) ?? entry.lastPrice ?? 0);
  }

  /** Sum of {@link symbolExposure} over all symbols. */
  grossExposure(priceOf: ExposurePriceLookup): number {
    let sum = 0;
    for (const entry of this.#entries) {
      sum += worstCaseExposure(entry, priceOf(entry.symbol) ?? entry.lastPrice ?? 0);
    }
    return sum;
  }

  #entry(symbol: string): MutableExposure {
    let entry = this.#symbols.get(symbol);
    if (entry === undefined) {
      const cellOf = this.#priceCell;
      entry = cellOf === undefined
        ? { symbol, filled: 0, workingBuys: 0, workingSells: 0, lastPrice: undefined }
        : {
          symbol,
          filled: 0,
          workingBuys: 0,
          workingSells: 0,
          lastPrice: undefined,
          priceCell: cellOf(symbol),
        };
      this.#symbols.set(symbol, entry);
      this.#entries.push(entry);
    }
    return entry;
  }

  #release(order: WorkingOrder): void {
    if (order.remaining > 0) order.entry.workingBuys -= order.remaining;
    else order.entry.workingSells += order.remaining;
    order.remaining = 0;
  }
}
