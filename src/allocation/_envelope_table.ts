/**
 * The envelope rule shared by every policy, and the table of envelopes a
 * policy holds.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/account.ts";
import { Decimal, ZERO } from "../model/decimal.ts";
import type { PositionEnvelope } from "../model/envelope.ts";
import type {
  AllocationDecision,
  AllocationInput,
  AllocationStrategyInput,
  CapitalSummary,
} from "./capital_policy.ts";

/** A strategy's weight as an exact fraction `numerator / denominator`, with its display label. */
export interface Share {
  /** Numerator (a fixed weight, or 1 for 1/N). */
  readonly numerator: Decimal;
  /** Denominator (N for 1/N, else 1). */
  readonly denominator: number;
  /** How the weight reads in reasons, e.g. `1/3` or `0.6`. */
  readonly label: string;
}

/** The capital a policy divides and where it came from. */
export interface ResolvedCapital {
  /** Total capital. */
  readonly total: Decimal;
  /** `sizing` or `net_liquidation`. */
  readonly source: "sizing" | "net_liquidation";
  /** Words for reasons. */
  readonly note: string;
}

/** Capital = `sizing.maxNotional`, or `account.netLiquidation` when that is lower. */
export function resolveCapital(
  sizing: AllocationInput["sizing"],
  account?: AccountSnapshot,
): ResolvedCapital {
  const netLiquidation = account?.netLiquidation;
  if (netLiquidation !== undefined && netLiquidation.lessThan(sizing.maxNotional)) {
    const total = Decimal.max(netLiquidation, ZERO);
    return {
      total,
      source: "net_liquidation",
      note:
        `net liquidation ${total.toString()} (below sizing.max_notional ${sizing.maxNotional.toString()})`,
    };
  }
  return {
    total: sizing.maxNotional,
    source: "sizing",
    note: `sizing.max_notional ${sizing.maxNotional.toString()}`,
  };
}

/** Inputs of {@link computeEnvelope} besides the strategy. */
export interface EnvelopeRuleInput {
  /** Policy type for reasons. */
  readonly policy: string;
  /** The graph's sizing. */
  readonly sizing: AllocationInput["sizing"];
  /** Resolved capital. */
  readonly capital: ResolvedCapital;
  /** The strategy's weight. */
  readonly share: Share;
  /** Scale on top of the weight (1 for static policies). */
  readonly scale: Decimal;
  /** Extra words about the scale (vol_target). */
  readonly scaleNote?: string;
}

/**
 * The envelope rule, for weight `w = share` and scale `s`:
 * `maxSize = floor(min(node.maxPosition, sizing.maxPosition x w x s))` and
 * `maxNotional = min(node.maxNotional, capital x w x s) / symbols`, rounded
 * down to cents. All math is exact Decimal; `w` is applied as a fraction so
 * 1/3 of 99 shares is exactly 33.
 */
export function computeEnvelope(
  strategy: AllocationStrategyInput,
  symbol: string,
  rule: EnvelopeRuleInput,
): { envelope: PositionEnvelope; decision: AllocationDecision } {
  const { share, scale, capital, sizing } = rule;
  const apply = (amount: Decimal) =>
    amount.times(share.numerator).times(scale).div(share.denominator);
  const positionShare = apply(new Decimal(sizing.maxPosition));
  const maxSize = Decimal.max(Decimal.min(strategy.maxPosition, positionShare).floor(), 0)
    .toNumber();
  const notionalShare = apply(capital.total);
  const symbols = Math.max(strategy.symbols.length, 1);
  const maxNotional = Decimal.max(Decimal.min(strategy.maxNotional, notionalShare), ZERO)
    .div(symbols)
    .toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const weight = share.numerator.div(share.denominator).toDecimalPlaces(6);
  const factor = `${share.label} x ${scale.toString()}`;
  const reason = `${rule.policy}: weight ${share.label}, scale ${scale.toString()}` +
    `${rule.scaleNote ? ` (${rule.scaleNote})` : ""}; ` +
    `max_size = floor(min(node ${strategy.maxPosition}, sizing ${sizing.maxPosition} x ${factor} = ${
      positionShare.toDecimalPlaces(2).toString()
    })) = ${maxSize}; ` +
    `max_notional = min(node ${strategy.maxNotional.toString()}, capital ${capital.total.toString()} x ${factor} = ${
      notionalShare.toDecimalPlaces(2).toString()
    }) / ${symbols} symbol(s) = ${maxNotional.toFixed(2)}; capital from ${capital.note}`;
  return {
    envelope: { maxSize, maxNotional },
    decision: {
      strategyId: strategy.id,
      symbol,
      weight: weight.toString(),
      scale: scale.toString(),
      maxSize,
      maxNotional: maxNotional.toFixed(2),
      capital: capital.total.toString(),
      capitalSource: capital.source,
      reason,
    },
  };
}

/** The envelopes a policy holds, keyed by strategy and symbol, plus its capital. */
export class EnvelopeTable {
  #envelopes = new Map<string, Map<string, PositionEnvelope>>();
  #total: Decimal = ZERO;

  /** Forgets every envelope and sets the total capital. */
  reset(total: Decimal): void {
    this.#envelopes.clear();
    this.#total = total;
  }

  /** Stores an envelope; returns whether it differs from the one stored before. */
  set(strategyId: string, symbol: string, envelope: PositionEnvelope): boolean {
    let bySymbol = this.#envelopes.get(strategyId);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.#envelopes.set(strategyId, bySymbol);
    }
    const previous = bySymbol.get(symbol);
    bySymbol.set(symbol, envelope);
    return previous === undefined || previous.maxSize !== envelope.maxSize ||
      !previous.maxNotional.equals(envelope.maxNotional);
  }

  /** The stored envelope; throws a RangeError naming the pair when there is none. */
  get(strategyId: string, symbol: string): PositionEnvelope {
    const envelope = this.#envelopes.get(strategyId)?.get(symbol);
    if (envelope === undefined) {
      throw new RangeError(
        `no envelope for strategy "${strategyId}" and symbol "${symbol}": it was not part of the allocation input`,
      );
    }
    return envelope;
  }

  /** Total, allocated (sum of envelope notionals) and available capital. */
  capital(): CapitalSummary {
    let allocated = ZERO;
    for (const bySymbol of this.#envelopes.values()) {
      for (const envelope of bySymbol.values()) allocated = allocated.plus(envelope.maxNotional);
    }
    return { total: this.#total, allocated, available: this.#total.minus(allocated) };
  }
}

/** How {@link fillTable} derives each strategy's share and each symbol's scale. */
export interface FillTableOptions {
  /** Account figures; a lower net liquidation caps the capital. */
  readonly account?: AccountSnapshot;
  /** Policy type for reasons. */
  readonly policy: string;
  /** The strategy's weight. */
  readonly shareOf: (strategy: AllocationStrategyInput) => Share;
  /** The symbol's scale, with words for the reason. */
  readonly scaleOf: (symbol: string) => { readonly scale: Decimal; readonly note?: string };
  /** Keep the table and return only decisions whose envelope changed (refresh). */
  readonly changedOnly?: boolean;
}

/** Computes every (strategy, symbol) envelope of `input` into `table`; returns the decisions. */
export function fillTable(
  table: EnvelopeTable,
  input: AllocationInput,
  options: FillTableOptions,
): AllocationDecision[] {
  const capital = resolveCapital(input.sizing, options.account);
  if (!options.changedOnly) table.reset(capital.total);
  const decisions: AllocationDecision[] = [];
  for (const strategy of input.strategies) {
    const share = options.shareOf(strategy);
    for (const symbol of strategy.symbols) {
      const { scale, note } = options.scaleOf(symbol);
      const { envelope, decision } = computeEnvelope(strategy, symbol, {
        policy: options.policy,
        sizing: input.sizing,
        capital,
        share,
        scale,
        scaleNote: note,
      });
      const changed = table.set(strategy.id, symbol, envelope);
      if (changed || !options.changedOnly) decisions.push(decision);
    }
  }
  return decisions;
}
