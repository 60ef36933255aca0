/**
 * Fixed weights: each strategy gets its configured fraction of the sizing.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/account.ts";
import { Decimal, ZERO } from "../model/decimal.ts";
import type { PositionEnvelope } from "../model/envelope.ts";
import { EnvelopeTable, fillTable, type Share } from "./_envelope_table.ts";
import type {
  AllocationDecision,
  AllocationInput,
  CapitalAllocationPolicy,
  CapitalSummary,
} from "./capital_policy.ts";

const ONE = new Decimal(1);

/**
 * Weight `w = weights[id]`, scale 1:
 * - `maxSize = floor(min(node.maxPosition, sizing.maxPosition x w))`
 * - `maxNotional = min(node.maxNotional, capital x w) / (the strategy's symbol count)`,
 *   rounded down to cents.
 *
 * Weights must be > 0 and sum to at most 1; a sum below 1 leaves capital
 * unallocated (`capital().available > 0`).
 *
 * @example
 * ```ts
 * const policy = new FixedWeightPolicy({ aapl_fast: new Decimal("0.6"), msft_slow: new Decimal("0.4") });
 * policy.prepare(graph);
 * ```
 */
export class FixedWeightPolicy implements CapitalAllocationPolicy {
  /** Config type. */
  readonly type = "fixed" as const;
  /** Static: closes are not needed. */
  readonly observesCloses = false;
  #weights: ReadonlyMap<string, Decimal>;
  #table = new EnvelopeTable();

  /**
   * A policy with `weights` (strategy id -> weight).
   *
   * @throws {RangeError} when a weight is not > 0 or the weights sum above 1.
   */
  constructor(weights: Readonly<Record<string, Decimal>>) {
    let sum = ZERO;
    for (const [id, weight] of Object.entries(weights)) {
      if (!weight.greaterThan(0)) {
        throw new RangeError(`fixed weight of "${id}" is ${weight.toString()}, must be > 0`);
      }
      sum = sum.plus(weight);
    }
    if (sum.greaterThan(ONE)) {
      throw new RangeError(`fixed weights sum to ${sum.toString()}, must be in (0, 1]`);
    }
    this.#weights = new Map(Object.entries(weights));
  }

  /**
   * Gives each strategy its weight of the sizing.
   *
   * @throws {RangeError} when a strategy has no weight or a weight names no strategy.
   */
  prepare(input: AllocationInput, account?: AccountSnapshot): AllocationDecision[] {
    const ids = new Set(input.strategies.map((strategy) => strategy.id));
    for (const id of this.#weights.keys()) {
      if (!ids.has(id)) throw new RangeError(`fixed weight names unknown strategy "${id}"`);
    }
    const shares = new Map<string, Share>();
    for (const strategy of input.strategies) {
      const weight = this.#weights.get(strategy.id);
      if (weight === undefined) {
        throw new RangeError(`fixed weights have no entry for strategy "${strategy.id}"`);
      }
      shares.set(strategy.id, { numerator: weight, denominator: 1, label: weight.toString() });
    }
    return fillTable(this.#table, input, {
      account,
      policy: this.type,
      shareOf: (strategy) => shares.get(strategy.id) as Share,
      scaleOf: () => ({ scale: ONE }),
    });
  }

  /** The envelope of `strategyId` in `symbol`. */
  envelopeFor(strategyId: string, symbol: string): PositionEnvelope {
    return this.#table.get(strategyId, symbol);
  }

  /** Total, allocated and available capital. */
  capital(): CapitalSummary {
    return this.#table.capital();
  }

  /** Fixed weights do not depend on prices: closes are ignored. */
  observe(_symbol: string, _close: number): void {}

  /** Envelopes never change between prepares: always none. */
  refresh(_ts: number): AllocationDecision[] {
    return [];
  }
}
