/**
 * Group (sector / asset-class) gross exposure caps, as an extra RiskCheck.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import type { ProposedOrder, RiskCheck, RiskView } from "./risk_check.ts";
import { APPROVED, deny, formatMoney, type RiskDecision } from "./risk_decision.ts";

/** Options of a {@link GroupExposureCheck}. */
export interface GroupExposureOptions {
  /** Symbol -> group name, e.g. `{ AAPL: "tech", XOM: "energy" }`. Symbols are upper-cased. */
  readonly groups: Readonly<Record<string, string>>;
  /** Group name -> cap on the group's summed gross exposure. Groups without a cap are not limited. */
  readonly caps: Readonly<Record<string, Decimal>>;
  /** Rule name in denials; default `max_group_exposure`. */
  readonly name?: string;
}

/**
 * Caps the summed worst-case gross exposure of every symbol in a group,
 * including working orders and the proposed order. Symbols outside any group
 * pass. Like the built-in caps, an order that does not increase its group's
 * exposure always passes, and amounts are compared in cents.
 *
 * @example
 * ```ts
 * const sectors = new GroupExposureCheck({
 *   groups: { AAPL: "tech", MSFT: "tech", XOM: "energy" },
 *   caps: { tech: new Decimal(150_000) },
 * });
 * new RiskGuard(config.risk, { price, accountPnl, checks: [sectors] });
 * ```
 */
export class GroupExposureCheck implements RiskCheck {
  /** Rule name used in denials. */
  readonly name: string;
  #groupOf = new Map<string, string>();
  #members = new Map<string, string[]>();
  #caps = new Map<string, { cap: Decimal; cents: number }>();

  /** A check over `options.groups` with `options.caps`. */
  constructor(options: GroupExposureOptions) {
    this.name = options.name ?? "max_group_exposure";
    for (const [rawSymbol, group] of Object.entries(options.groups)) {
      const symbol = rawSymbol.toUpperCase();
      this.#groupOf.set(symbol, group);
      const members = this.#members.get(group) ?? [];
      if (!members.includes(symbol)) members.push(symbol);
      this.#members.set(group, members);
    }
    for (const [group, cap] of Object.entries(options.caps)) {
      if (cap.isNegative()) {
        throw new RangeError(`group ${group} cap ${cap.toString()} must be >= 0`);
      }
      this.#caps.set(group, { cap, cents: Math.round(cap.times(100).toNumber()) });
    }
  }

  /** The group of `symbol`, if it has one. */
  groupOf(symbol: string): string | undefined {
    return this.#groupOf.get(symbol);
  }

  /** Denies an order that lifts its group's exposure above the group's cap. */
  check(order: ProposedOrder, view: RiskView): RiskDecision {
    const group = this.#groupOf.get(order.symbol);
    if (group === undefined) return APPROVED;
    const limit = this.#caps.get(group);
    if (limit === undefined) return APPROVED;
    let before = 0;
    for (const symbol of this.#members.get(group) ?? []) {
      before += view.currentSymbolExposure(symbol);
    }
    const after = before - view.currentSymbolExposure(order.symbol) +
      view.symbolExposure(order.symbol);
    if (Math.round(after * 100) > limit.cents && after > before) {
      return deny(
        this.name,
        `group ${group} gross exposure ${
          formatMoney(after)
        } after this order exceeds ${this.name} ${limit.cap.toString()}`,
      );
    }
    return APPROVED;
  }
}
