/**
 * What a venue reports about the account as a whole.
 *
 * @module
 */
import type { Decimal } from "./decimal.ts";

/** Account-level figures; optional ones are absent when the venue does not report them. */
export interface AccountSnapshot {
  /** Account id, e.g. `"DU1234567"` (IB paper) or `"SIM"`. */
  readonly accountId: string;
  /** True for simulated and paper accounts; false means real money. */
  readonly isPaper: boolean;
  /** Net liquidation value in the account currency. */
  readonly netLiquidation?: Decimal;
  /** Buying power in the account currency. */
  readonly buyingPower?: Decimal;
  /** Account currency, e.g. `"USD"`. */
  readonly currency: string;
}

/** The account's net position in one symbol, as the venue sees it (sum over all strategies). */
export interface NetPosition {
  /** Upper-case ticker. */
  readonly symbol: string;
  /** Signed quantity: positive long, negative short. */
  readonly quantity: Decimal;
  /** Average cost per share. */
  readonly avgCost: Decimal;
}
