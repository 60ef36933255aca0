/**
 * A live view of one symbol's latest price.
 *
 * @module
 */

/**
 * The latest price of one symbol as an object its owner (the market data
 * service) keeps current. A hot loop over many symbols holds the cells and
 * reads `price`, instead of looking each symbol up by name.
 */
export interface PriceCell {
  /** Latest price, or `undefined` when none is known. */
  readonly price: number | undefined;
}

/** Gives the cell of a symbol; the same symbol always gives the same cell. */
export type PriceCellSource = (symbol: string) => PriceCell;
