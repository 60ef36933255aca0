/**
 * Top-of-book and trade ticks.
 *
 * @module
 */

/** Which price a tick reports. */
export type TickKind = "bid" | "ask" | "last";

/** One price update for one symbol. */
export interface Tick {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Time of the update, epoch milliseconds UTC. */
  readonly ts: number;
  /** Bid, ask or last trade. */
  readonly kind: TickKind;
  /** Price of the update. */
  readonly price: number;
  /** Size attached to the price, in shares (0 when unknown). */
  readonly size: number;
}
