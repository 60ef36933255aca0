/**
 * Positions and account summary values of the fake's accounts. Fills move
 * positions; account values change only when a test sets them.
 *
 * @module
 */
import { type Decimal, toDecimal, ZERO } from "../../src/model/mod.ts";
import type { KnownContract } from "./contract_registry.ts";
import type { AccountValueInput } from "./fake_tws_options.ts";

/** One position (read-only view). */
export interface FakePosition {
  readonly account: string;
  readonly symbol: string;
  readonly conId: number;
  /** Signed share count; zero once closed (TWS keeps reporting it for the day). */
  readonly quantity: Decimal;
  /** Average cost per share. */
  readonly avgCost: Decimal;
}

/** A position with its contract, as POSITION messages need it. */
export interface PositionRecord extends FakePosition {
  readonly contract: KnownContract;
}

/** An account summary entry. */
export interface AccountValue {
  readonly value: string;
  readonly currency: string;
}

/** Account summary values the fake reports when the scenario sets none. */
export const DEFAULT_ACCOUNT_SUMMARY: Readonly<Record<string, AccountValueInput>> = {
  AccountType: { value: "INDIVIDUAL", currency: "" },
  NetLiquidation: 100000,
  TotalCashValue: 100000,
  BuyingPower: 400000,
  AvailableFunds: 100000,
  ExcessLiquidity: 100000,
  GrossPositionValue: 0,
};

/** Positions by account and symbol, and summary values by account and tag. */
export class AccountBook {
  readonly #positions = new Map<string, PositionRecord>();
  readonly #values = new Map<string, Map<string, AccountValue>>();
  readonly #baseCurrency: string;

  /** Starts every account in `accounts` with `summary` values. */
  constructor(
    accounts: readonly string[],
    summary: Readonly<Record<string, AccountValueInput>>,
    baseCurrency = "USD",
  ) {
    this.#baseCurrency = baseCurrency;
    for (const account of accounts) {
      for (const [tag, value] of Object.entries(summary)) this.setValue(account, tag, value);
    }
  }

  /** Sets one summary value of `account`. */
  setValue(account: string, tag: string, input: AccountValueInput): AccountValue {
    const value: AccountValue = typeof input === "object" && "currency" in input
      ? { value: input.value, currency: input.currency }
      : { value: toDecimal(input).toFixed(), currency: this.#baseCurrency };
    let tags = this.#values.get(account);
    if (!tags) this.#values.set(account, tags = new Map());
    tags.set(tag, value);
    return value;
  }

  /** Summary values of `account` by tag. */
  values(account: string): ReadonlyMap<string, AccountValue> {
    return this.#values.get(account) ?? new Map();
  }

  /** Sets a position outright. */
  setPosition(
    account: string,
    position: { contract: KnownContract; quantity: Decimal; avgCost: Decimal },
  ): PositionRecord {
    const record: PositionRecord = {
      account,
      symbol: position.contract.wire.symbol,
      conId: position.contract.wire.conId,
      quantity: position.quantity,
      avgCost: position.avgCost,
      contract: position.contract,
    };
    this.#positions.set(`${account}|${record.symbol}`, record);
    return record;
  }

  /**
   * Applies a fill: adding to a position averages the cost, reducing keeps it,
   * crossing through zero starts a new average at the fill price.
   */
  applyFill(
    account: string,
    fill: { contract: KnownContract; signedQuantity: Decimal; price: Decimal },
  ): PositionRecord {
    const key = `${account}|${fill.contract.wire.symbol}`;
    const before = this.#positions.get(key);
    const oldQty = before?.quantity ?? ZERO;
    const oldCost = before?.avgCost ?? ZERO;
    const newQty = oldQty.plus(fill.signedQuantity);
    let avgCost: Decimal;
    if (newQty.isZero()) {
      avgCost = ZERO;
    } else if (oldQty.isZero() || oldQty.isNegative() === fill.signedQuantity.isNegative()) {
      avgCost = oldQty.times(oldCost).plus(fill.signedQuantity.times(fill.price)).div(newQty);
    } else if (newQty.isNegative() === oldQty.isNegative()) {
      avgCost = oldCost;
    } else {
      avgCost = fill.price;
    }
    return this.setPosition(account, { contract: fill.contract, quantity: newQty, avgCost });
  }

  /** Every position, in the order first seen. */
  positions(): PositionRecord[] {
    return [...this.#positions.values()];
  }
}
