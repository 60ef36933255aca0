/**
 * The symbols a fake TWS knows, and how a request's contract fields resolve
 * to one of them.
 *
 * @module
 */
import { type Decimal, toDecimal } from "../../src/model/mod.ts";
import type { ContractSpec } from "./fake_tws_options.ts";
import type { ContractFields } from "./request_types.ts";
import type { WireContract } from "./server_messages.ts";

/** Contracts a fake knows when the scenario names none: real IB conIds. */
export const DEFAULT_CONTRACTS: Readonly<Record<string, ContractSpec>> = {
  AAPL: { conId: 265598, primaryExch: "NASDAQ", longName: "APPLE INC", price: 190 },
  MSFT: { conId: 272093, primaryExch: "NASDAQ", longName: "MICROSOFT CORP", price: 410 },
  SPY: { conId: 756733, primaryExch: "ARCA", longName: "SPDR S&P 500 ETF TRUST", price: 500 },
};

/** A known contract with its reference price. */
export interface KnownContract {
  /** The wire description sent in contract details, executions, positions and open orders. */
  readonly wire: WireContract;
  /** Reference price (see `ContractSpec.price`). */
  readonly referencePrice: Decimal;
}

/** Symbol and conId lookup over the scenario's contracts. */
export class ContractRegistry {
  readonly #bySymbol = new Map<string, KnownContract>();
  readonly #byConId = new Map<number, KnownContract>();

  /** Registers `specs` (symbol -> spec); throws on a duplicate or non-positive conId. */
  constructor(specs: Readonly<Record<string, ContractSpec>>) {
    for (const [symbol, spec] of Object.entries(specs)) this.add(symbol, spec);
  }

  /** Adds (or replaces) one symbol. */
  add(symbol: string, spec: ContractSpec): void {
    const upper = symbol.toUpperCase();
    if (!Number.isInteger(spec.conId) || spec.conId <= 0) {
      throw new RangeError(
        `contracts.${symbol}.conId: must be a positive integer, got ${spec.conId}`,
      );
    }
    const other = this.#byConId.get(spec.conId);
    if (other && other.wire.symbol !== upper) {
      throw new RangeError(
        `contracts.${symbol}.conId: ${spec.conId} is already used by ${other.wire.symbol}`,
      );
    }
    const known: KnownContract = {
      wire: {
        conId: spec.conId,
        symbol: upper,
        secType: spec.secType ?? "STK",
        exchange: spec.exchange ?? "SMART",
        primaryExch: spec.primaryExch ?? "NASDAQ",
        currency: spec.currency ?? "USD",
        localSymbol: upper,
        tradingClass: upper,
        longName: spec.longName ?? upper,
        minTick: toDecimal(spec.minTick ?? "0.01"),
        timeZoneId: spec.timeZoneId ?? "US/Eastern",
      },
      referencePrice: toDecimal(spec.price ?? 100),
    };
    this.#bySymbol.set(upper, known);
    this.#byConId.set(spec.conId, known);
  }

  /** The contract for `symbol` (case-insensitive), if known. */
  get(symbol: string): KnownContract | undefined {
    return this.#bySymbol.get(symbol.toUpperCase());
  }

  /** Every known contract. */
  all(): KnownContract[] {
    return [...this.#bySymbol.values()];
  }

  /**
   * The contract a request names: by conId when non-zero (the symbol, if
   * given, must agree), else by symbol; a given secType or currency must match.
   */
  resolve(fields: ContractFields): KnownContract | undefined {
    const known = fields.conId > 0
      ? this.#byConId.get(fields.conId)
      : this.#bySymbol.get(fields.symbol.toUpperCase());
    if (!known) return undefined;
    const w = known.wire;
    if (fields.symbol !== "" && fields.symbol.toUpperCase() !== w.symbol) return undefined;
    if (fields.secType !== "" && fields.secType.toUpperCase() !== w.secType) return undefined;
    if (fields.currency !== "" && fields.currency.toUpperCase() !== w.currency) return undefined;
    return known;
  }
}
