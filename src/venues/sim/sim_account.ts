/**
 * The simulated venue's account figures.
 *
 * @module
 */
import type { AccountSnapshot, Decimal } from "../../model/mod.ts";
import type { AccountSource } from "../../venue/mod.ts";
import type { PositionLedger } from "./position_ledger.ts";

/** The account id the simulated venue reports. */
export const SIM_ACCOUNT_ID = "SIM";

/**
 * An {@link AccountSource} for the simulated account `"SIM"` (paper, USD).
 * Net liquidation = initial cash + realized PnL - commissions + unrealized
 * PnL of the open positions at the last replayed closes. Buying power is not
 * modelled and is left out of the snapshot.
 *
 * @example
 * ```ts
 * const account = new SimAccount({ initialCash: toDecimal(1_000_000), ledger, lastPrice });
 * (await account.snapshot()).netLiquidation; // 1000000 before any trade
 * ```
 */
export class SimAccount implements AccountSource {
  readonly #initialCash: Decimal;
  readonly #ledger: PositionLedger;
  readonly #lastPrice: (symbol: string) => number | undefined;

  /** Reads positions from `ledger` and prices from `lastPrice`. */
  constructor(options: {
    initialCash: Decimal;
    ledger: PositionLedger;
    lastPrice: (symbol: string) => number | undefined;
  }) {
    if (!options.initialCash.isFinite() || options.initialCash.isNegative()) {
      throw new RangeError(`initial cash must be >= 0, got ${options.initialCash.toString()}`);
    }
    this.#initialCash = options.initialCash;
    this.#ledger = options.ledger;
    this.#lastPrice = options.lastPrice;
  }

  /** The account as of now. */
  snapshot(): Promise<AccountSnapshot> {
    return Promise.resolve(this.snapshotNow());
  }

  /** The same as {@link snapshot}, synchronously. */
  snapshotNow(): AccountSnapshot {
    const ledger = this.#ledger;
    const netLiquidation = this.#initialCash
      .plus(ledger.realizedPnl())
      .minus(ledger.commissions())
      .plus(ledger.unrealizedPnl(this.#lastPrice));
    return { accountId: SIM_ACCOUNT_ID, isPaper: true, currency: "USD", netLiquidation };
  }
}
