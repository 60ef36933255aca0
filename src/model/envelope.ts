/**
 * Position envelopes: the bounds a capital policy gives each strategy.
 *
 * @module
 */
import type { Decimal } from "./decimal.ts";

/**
 * How large a strategy's position in one symbol may be. The coordinator clips
 * every order so that the resulting position stays within both bounds.
 */
export interface PositionEnvelope {
  /** Largest absolute position in shares (integer, >= 0). */
  readonly maxSize: number;
  /** Largest absolute position value (|quantity| x price) in the account currency. */
  readonly maxNotional: Decimal;
}
