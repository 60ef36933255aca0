/**
 * The simulated account's net positions, average costs, realized PnL and
 * commissions, as a broker keeps them (one book for the whole account).
 *
 * @module
 */
import {
  Decimal,
  DECIMAL_PRECISION,
  type Fill,
  type NetPosition,
  significantDigitsBound,
  toDecimal,
  ZERO,
} from "../../model/mod.ts";

interface Holding {
  quantity: Decimal;
  avgCost: Decimal;
}

/**
 * Applies fills to net positions. Average cost is the volume-weighted fill
 * price of the open position, without commissions (they are totalled
 * separately): adding to a position re-averages, reducing it keeps the average
 * and realizes `closed x (price - avgCost)` (sign-adjusted for shorts), and
 * crossing through zero opens the remainder at the fill price.
 *
 * @example
 * ```ts
 * const ledger = new PositionLedger();
 * ledger.apply(fill); // a BUY of 10 AAPL at 100
 * ledger.positions(); // [{ symbol: "AAPL", quantity: 10, avgCost: 100 }]
 * ```
 */
export class PositionLedger {
  readonly #holdings = new Map<string, Holding>();
  #realized: Decimal = ZERO;
  #commissions: Decimal = ZERO;

  /** Books one execution. */
  apply(fill: Pick<Fill, "symbol" | "side" | "quantity" | "price" | "commission">): void {
    this.#commissions = this.#commissions.plus(fill.commission);
    const signed = fill.side === "BUY" ? fill.quantity : fill.quantity.negated();
    const holding = this.#holdings.get(fill.symbol);
    if (holding === undefined) {
      this.#holdings.set(fill.symbol, { quantity: signed, avgCost: fill.price });
      return;
    }
    const before = holding.quantity;
    if (
      before.isZero() &&
      significantDigitsBound(fill.quantity) + significantDigitsBound(fill.price) <=
        DECIMAL_PRECISION
    ) {
      // Reopening from flat: 0 + signed is signed and (q x p) / q is p exactly when q x p fits
      // the precision, as the general branch below would compute.
      holding.quantity = signed;
      holding.avgCost = fill.price;
      return;
    }
    const after = before.plus(signed);
    if (before.isZero() || before.isNegative() === signed.isNegative()) {
      holding.avgCost = before.abs().times(holding.avgCost).plus(fill.quantity.times(fill.price))
        .dividedBy(after.abs());
    } else {
      const closed = Decimal.min(before.abs(), fill.quantity);
      const perShare = fill.price.minus(holding.avgCost);
      const pnl = closed.times(perShare);
      this.#realized = this.#realized.plus(before.isNegative() ? pnl.negated() : pnl);
      if (after.isZero()) holding.avgCost = ZERO;
      else if (after.isNegative() !== before.isNegative()) holding.avgCost = fill.price;
    }
    holding.quantity = after;
  }

  /** Net position in `symbol`, or `undefined` when flat or never traded. */
  position(symbol: string): NetPosition | undefined {
    const holding = this.#holdings.get(symbol);
    if (holding === undefined || holding.quantity.isZero()) return undefined;
    return { symbol, quantity: holding.quantity, avgCost: holding.avgCost };
  }

  /** Every non-flat position, in the order the symbols were first traded. */
  positions(): NetPosition[] {
    const result: NetPosition[] = [];
    for (const [symbol, holding] of this.#holdings) {
      if (!holding.quantity.isZero()) {
        result.push({ symbol, quantity: holding.quantity, avgCost: holding.avgCost });
      }
    }
    return result;
  }

  /** Realized PnL of all closed quantity, before commissions. */
  realizedPnl(): Decimal {
    return this.#realized;
  }

  /** Total commissions paid. */
  commissions(): Decimal {
    return this.#commissions;
  }

  /**
   * Unrealized PnL of the open positions at `lastPrice(symbol)`; a position
   * whose symbol has no price yet counts at its average cost (zero).
   */
  unrealizedPnl(lastPrice: (symbol: string) => number | undefined): Decimal {
    let total = ZERO;
    for (const [symbol, holding] of this.#holdings) {
      if (holding.quantity.isZero()) continue;
      const price = lastPrice(symbol);
      if (price === undefined) continue;
      total = total.plus(holding.quantity.times(toDecimal(price).minus(holding.avgCost)));
    }
    return total;
  }
}
