/**
 * Equal weight: every strategy gets 1/N of the configured sizing.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/account.ts";
import { Decimal } from "../model/decimal.ts";
import type { PositionEnvelope } from "../model/envelope.ts";
import { EnvelopeTable, fillTable } from "./_envelope_table.ts";
import type {
  AllocationDecision,
  AllocationInput,
  CapitalAllocationPolicy,
  CapitalSummary,
} from "./capital_policy.ts";

const ONE = new Decimal(1);

/**
 * The seed's default policy. With N strategies, weight `w = 1/N` and scale 1:
 * - `maxSize = floor(min(node.maxPosition, sizing.maxPosition / N))`
 * - `maxNotional = min(node.maxNotional, capital / N) / (the strategy's symbol count)`,
 *   rounded down to cents, where capital is `sizing.maxNotional` or the
 *   account's net liquidation when that is lower.
 *
 * @example
 * ```ts
 * const policy = new EqualWeightPolicy();
 * const decisions = policy.prepare(graph, account); // log each as strategy.coordinator
 * policy.envelopeFor("aapl_fast", "AAPL"); // { maxSize: 50, maxNotional: 50000.00 }
 * ```
 */
export class EqualWeightPolicy implements CapitalAllocationPolicy {
  /** Config type. */
  readonly type = "equal_weight" as const;
  /** Static: closes are not needed. */
  readonly observesCloses = false;
  #table = new EnvelopeTable();

  /** Splits the sizing equally over the strategies of `input`. */
  prepare(input: AllocationInput, account?: AccountSnapshot): AllocationDecision[] {
    const count = input.strategies.length;
    const share = { numerator: ONE, denominator: count, label: `1/${count}` };
    return fillTable(this.#table, input, {
      account,
      policy: this.type,
      shareOf: () => share,
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

  /** Equal weight does not depend on prices: closes are ignored. */
  observe(_symbol: string, _close: number): void {}

  /** Envelopes never change between prepares: always none. */
  refresh(_ts: number): AllocationDecision[] {
    return [];
  }
}
