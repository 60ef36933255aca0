/**
 * One strategy's position in one symbol: quantity, average cost, realized PnL
 * and commissions, updated fill by fill.
 *
 * @module
 */
import { Decimal, ZERO } from "../model/decimal.ts";
import {
  DECIMAL_PRECISION,
  decimalToNumber,
  significantDigitsBound,
} from "../model/decimal_number.ts";
import type { Fill } from "../model/fill.ts";

/**
 * Decimal places kept in an average cost. A weighted average of cent prices
 * can repeat forever; ten places are far below a cent on any position size and
 * keep later PnL arithmetic on short decimals.
 */
export const AVG_COST_PLACES = 10;

/**
 * A strategy's position in one symbol.
 *
 * Accounting rules of {@link SymbolPosition.applyFill}:
 * - opening or adding: the average cost becomes the quantity-weighted mean of
 *   the old average cost and the fill price;
 * - reducing or closing: realized PnL grows by `closed x (price - avgCost)` for
 *   a long (`closed x (avgCost - price)` for a short); the average cost of what
 *   remains is unchanged, and it is 0 once flat;
 * - flipping through zero: the closed part is realized as above and the new
 *   side's average cost is the fill price;
 * - commissions are summed separately and never enter the average cost or the
 *   realized PnL (net PnL = realized + unrealized - commissions).
 *
 * @example
 * ```ts
 * const position = new SymbolPosition("AAPL");
 * position.applyFill(buy100At10);  // quantity 100, avgCost 10
 * position.applyFill(sell150At12); // realized 200, quantity -50, avgCost 12
 * ```
 */
export class SymbolPosition {
  /** Upper-case ticker. */
  readonly symbol: string;
  #quantity: Decimal = ZERO;
  #quantityNumber = 0;
  #avgCost: Decimal = ZERO;
  #realizedPnl: Decimal = ZERO;
  #commissions: Decimal = ZERO;
  #fills = 0;
  #orderIds = new Set<string>();

  /** Creates a flat position in `symbol`. */
  constructor(symbol: string) {
    this.symbol = symbol;
  }

  /** Signed quantity: positive long, negative short. */
  get quantity(): Decimal {
    return this.#quantity;
  }

  /** The signed quantity as a cached `number`, for the hot path (no Decimal math per read). */
  get quantityNumber(): number {
    return this.#quantityNumber;
  }

  /** Average cost per share of the open quantity; 0 when flat. */
  get avgCost(): Decimal {
    return this.#avgCost;
  }

  /** Realized PnL before commissions. */
  get realizedPnl(): Decimal {
    return this.#realizedPnl;
  }

  /** Sum of the commissions of every fill (positive = cost). */
  get commissions(): Decimal {
    return this.#commissions;
  }

  /** Number of executions applied (each partial fill counts once). */
  get fills(): number {
    return this.#fills;
  }

  /** Number of distinct orders that produced the applied executions. */
  get orders(): number {
    return this.#orderIds.size;
  }

  /**
   * Applies one execution. The caller drops duplicate executions (see
   * `Portfolio.applyFill`); this method applies whatever it is given.
   *
   * @throws {RangeError} when the fill is for another symbol or its quantity is not positive.
   */
  applyFill(fill: Fill): void {
    if (fill.symbol !== this.symbol) {
      throw new RangeError(
        `fill ${fill.execId} is for ${fill.symbol}, not for the ${this.symbol} position`,
      );
    }
    if (!fill.quantity.isPositive() || fill.quantity.isZero()) {
      throw new RangeError(
        `fill ${fill.execId} has quantity ${fill.quantity.toString()}, must be positive`,
      );
    }
    const signed = fill.side === "BUY" ? fill.quantity : fill.quantity.negated();
    const held = this.#quantity;
    if (
      held.isZero() &&
      significantDigitsBound(fill.quantity) + significantDigitsBound(fill.price) <=
        DECIMAL_PRECISION
    ) {
      // Opening from flat: the weighted mean (q x p) / q is exactly p when q x p fits the
      // precision, and 0 + signed is signed; the general branch below would compute the same.
      this.#avgCost = fill.price.decimalPlaces() <= AVG_COST_PLACES
        ? fill.price
        : fill.price.toDecimalPlaces(AVG_COST_PLACES);
      this.#quantity = signed;
    } else if (held.isZero() || held.isPositive() === signed.isPositive()) {
      const heldAbs = held.abs();
      const totalAbs = heldAbs.plus(fill.quantity);
      this.#avgCost = heldAbs.times(this.#avgCost).plus(fill.quantity.times(fill.price)).div(
        totalAbs,
      ).toDecimalPlaces(AVG_COST_PLACES);
      this.#quantity = held.plus(signed);
    } else {
      const closed = Decimal.min(held.abs(), fill.quantity);
      const perShare = held.isPositive()
        ? fill.price.minus(this.#avgCost)
        : this.#avgCost.minus(fill.price);
      this.#realizedPnl = this.#realizedPnl.plus(closed.times(perShare));
      this.#quantity = held.plus(signed);
      if (this.#quantity.isZero()) {
        this.#avgCost = ZERO;
      } else if (this.#quantity.isPositive() !== held.isPositive()) {
        this.#avgCost = fill.price;
      }
    }
    this.#commissions = this.#commissions.plus(fill.commission);
    this.#quantityNumber = decimalToNumber(this.#quantity);
    this.#fills += 1;
    this.#orderIds.add(fill.orderId);
  }

  /** Unrealized PnL of the open quantity at `price`: `quantity x (price - avgCost)`. */
  unrealizedPnl(price: Decimal): Decimal {
    if (this.#quantity.isZero()) return ZERO;
    return this.#quantity.times(price.minus(this.#avgCost));
  }
}
