/**
 * Reconciliation of the sum of the strategy books against the broker's net
 * positions.
 *
 * @module
 */
import type { NetPosition } from "../model/account.ts";
import { type Decimal, ZERO } from "../model/decimal.ts";

/** A symbol whose summed book quantity differs from the broker's net position. */
export interface PositionDifference {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** What the account should hold: the start position plus the strategies' signed quantities. */
  readonly books: Decimal;
  /** The broker's signed net quantity (0 when the broker does not list the symbol). */
  readonly broker: Decimal;
  /** `broker - books`: positive means the broker holds more than the books explain. */
  readonly difference: Decimal;
}

/**
 * Compares summed book quantities with broker positions. Symbols that are flat
 * on both sides and symbols that match are left out; an empty result means
 * the books reconcile. Results are sorted by symbol.
 *
 * @example
 * ```ts
 * diffPositions(new Map([["AAPL", new Decimal(100)]]), [
 *   { symbol: "AAPL", quantity: new Decimal(90), avgCost: new Decimal(10) },
 * ]); // [{ symbol: "AAPL", books: 100, broker: 90, difference: -10 }]
 * ```
 */
export function diffPositions(
  books: ReadonlyMap<string, Decimal>,
  brokerPositions: readonly NetPosition[],
): PositionDifference[] {
  const broker = new Map<string, Decimal>();
  for (const position of brokerPositions) {
    broker.set(position.symbol, (broker.get(position.symbol) ?? ZERO).plus(position.quantity));
  }
  const symbols = new Set<string>([...books.keys(), ...broker.keys()]);
  const differences: PositionDifference[] = [];
  for (const symbol of [...symbols].sort()) {
    const bookQuantity = books.get(symbol) ?? ZERO;
    const brokerQuantity = broker.get(symbol) ?? ZERO;
    if (bookQuantity.equals(brokerQuantity)) continue;
    differences.push({
      symbol,
      books: bookQuantity,
      broker: brokerQuantity,
      difference: brokerQuantity.minus(bookQuantity),
    });
  }
  return differences;
}
