/**
 * The RiskGuard: every order passes through it exactly once before the broker.
 *
 * @module
 */
import { type Decimal, ZERO } from "../model/decimal.ts";
import { decimalToNumber } from "../model/decimal_number.ts";
import type { PriceCellSource } from "../model/price_cell.ts";
import { ProposedExposureView } from "./_proposed_exposure_view.ts";
import { ExposureLedger, type ExposurePriceLookup } from "./exposure_ledger.ts";
import { OrderRateWindow } from "./order_rate_window.ts";
import { type ProposedOrder, reducesWithoutFlip, type RiskCheck } from "./risk_check.ts";
import { APPROVED, deny, formatMoney, type RiskDecision } from "./risk_decision.ts";
import { DEFAULT_SESSION_ROLLOVER_MS, nextSessionStart } from "./session_day.ts";
import { TradingState, type TradingStateListener, TradingStateMachine } from "./trading_state.ts";

/**
 * The limits the RiskGuard enforces; the parsed graph's `risk` section
 * (`RiskConfig`) has this shape and can be passed in directly.
 */
export interface RiskLimits {
  /** Largest order in shares. */
  readonly maxOrderSize: number;
  /** Largest order value (quantity x reference price). */
  readonly maxOrderNotional: Decimal;
  /** Cap on one symbol's account-wide gross exposure; none when absent. */
  readonly maxSymbolExposure?: Decimal;
  /** Cap on the sum of all symbols' gross exposure; none when absent. */
  readonly maxGrossExposure?: Decimal;
  /** Loss since session start that switches trading to REDUCING; none when absent. */
  readonly dailyLossLimit?: Decimal;
  /** Largest number of approved orders in any 60 s of market time. */
  readonly maxOrdersPerMinute: number;
}

/** Services and hooks of a RiskGuard. */
export interface RiskGuardOptions {
  /** Latest market price per symbol (the coordinator's price cache). */
  readonly price: ExposurePriceLookup;
  /**
   * The account's cumulative PnL (realized + unrealized, the coordinator
   * decides whether net of commissions) since the run started. The guard
   * subtracts its value at session start. Required with `dailyLossLimit`.
   */
  readonly accountPnl?: () => Decimal;
  /**
   * The same account PnL as a float (e.g. `accountPnl` is
   * `() => toDecimal(pnlNumber())`), for a pre-check: while the session PnL it
   * gives is above the daily loss limit by far more than float rounding, an
   * order skips the Decimal computation. Only a PnL near or past the limit is
   * judged with `accountPnl`, so decisions and messages do not change.
   */
  readonly accountPnlNumber?: () => number;
  /**
   * The market price cell of a symbol, whose `price` always equals
   * `price(symbol)`: the new ledger's entries hold them, so valuing the account
   * per order needs no lookup per symbol. Ignored when `ledger` is given.
   */
  readonly priceCell?: PriceCellSource;
  /** Exposure ledger the coordinator updates; a new empty one when absent. */
  readonly ledger?: ExposureLedger;
  /** Extra checks run after the built-in ones, in order. */
  readonly checks?: readonly RiskCheck[];
  /** Receives trading state changes. */
  readonly onStateChange?: TradingStateListener;
  /** Session days start this many ms after UTC midnight; default 05:00 UTC. */
  readonly sessionRolloverMs?: number;
}

function toCents(amount: Decimal | number): number {
  return Math.round(typeof amount === "number" ? amount * 100 : amount.times(100).toNumber());
}

/** Relative margin of the float pre-checks: far above float rounding (~1e-16), far below money. */
const SCREEN_MARGIN = 1e-9;

/**
 * Judges each proposed order, synchronously and cheaply (once per order,
 * never per bar). Built-in rules, in order: `trading_state` (HALTED blocks
 * everything), `daily_loss` (a breach switches to REDUCING; then only orders
 * that reduce the strategy's absolute position without flipping pass, until
 * the next session day or {@link reset}), `order_rate`, `max_order_size`,
 * `max_order_notional`, `max_symbol_exposure`, `max_gross_exposure`, then the
 * extra `checks`.
 *
 * Exposure is account-wide worst-case gross notional including working orders
 * and this order, compared in cents; an order that does not increase the
 * exposure it is measured against always passes that cap, so risk-reducing
 * orders are never trapped by it. An approved order counts toward the order
 * rate at approval.
 *
 * @example
 * ```ts
 * const guard = new RiskGuard(config.risk, { price: (s) => cache.get(s), accountPnl });
 * const decision = guard.check(order);
 * if (!decision.approved) report(decision.rule, decision.reason);
 * ```
 */
export class RiskGuard {
  /** The exposure ledger the coordinator keeps up to date. */
  readonly ledger: ExposureLedger;
  #limits: RiskLimits;
  #accountPnl: (() => Decimal) | undefined;
  #accountPnlNumber: (() => number) | undefined;
  #lossLimitNumber: number;
  #pnlBaselineNumber = 0;
  #maxOrderNotionalScreen: number;
  #checks: readonly RiskCheck[];
  #machine: TradingStateMachine;
  #rate: OrderRateWindow;
  #view: ProposedExposureView;
  #rolloverMs: number;
  #symbolCapCents: number | undefined;
  #grossCapCents: number | undefined;
  #sessionEndsAt = Number.NEGATIVE_INFINITY;
  #pnlBaseline: Decimal = ZERO;
  #checkCount = 0;

  /** A guard enforcing `limits`. */
  constructor(limits: RiskLimits, options: RiskGuardOptions) {
    if (limits.dailyLossLimit !== undefined && options.accountPnl === undefined) {
      throw new TypeError("RiskGuard: dailyLossLimit is set, so options.accountPnl is required");
    }
    this.#limits = limits;
    this.#accountPnl = options.accountPnl;
    this.#accountPnlNumber = options.accountPnlNumber;
    this.#lossLimitNumber = limits.dailyLossLimit === undefined
      ? Number.NaN
      : decimalToNumber(limits.dailyLossLimit);
    // A notional below this float bound is below max_order_notional whatever the rounding.
    this.#maxOrderNotionalScreen = decimalToNumber(limits.maxOrderNotional) * (1 - SCREEN_MARGIN);
    this.#checks = options.checks ?? [];
    this.ledger = options.ledger ??
      new ExposureLedger(options.priceCell === undefined ? {} : { priceCell: options.priceCell });
    this.#machine = new TradingStateMachine(options.onStateChange);
    this.#rate = new OrderRateWindow(limits.maxOrdersPerMinute);
    this.#view = new ProposedExposureView(this.ledger, options.price);
    this.#rolloverMs = options.sessionRolloverMs ?? DEFAULT_SESSION_ROLLOVER_MS;
    this.#symbolCapCents = limits.maxSymbolExposure === undefined
      ? undefined
      : toCents(limits.maxSymbolExposure);
    this.#grossCapCents = limits.maxGrossExposure === undefined
      ? undefined
      : toCents(limits.maxGrossExposure);
  }

  /** Current trading state. */
  get state(): TradingState {
    return this.#machine.state;
  }

  /** How many times {@link check} has been called. */
  get checkCount(): number {
    return this.#checkCount;
  }

  /**
   * When the current session day ends (epoch ms; -Infinity before the first
   * session). A caller that sees market time pass it may call
   * {@link startSession} right away, so the new day's baseline is taken at the
   * rollover rather than at the day's first order.
   */
  get sessionEndsAt(): number {
    return this.#sessionEndsAt;
  }

  /** PnL since the current session started (0 before any session or without `accountPnl`). */
  sessionPnl(): Decimal {
    return this.#accountPnl === undefined ? ZERO : this.#accountPnl().minus(this.#pnlBaseline);
  }

  /**
   * Starts a session day at `ts`: the daily-loss baseline becomes the current
   * account PnL and REDUCING returns to ACTIVE (HALTED stays). `check` calls
   * it by itself at the first order of each session day that has not been
   * started; call it at run start (and at each rollover, see
   * {@link sessionEndsAt}) so PnL moves before the day's first order count.
   */
  startSession(ts: number): void {
    this.#sessionEndsAt = nextSessionStart(ts, this.#rolloverMs);
    this.#pnlBaseline = this.#accountPnl?.() ?? ZERO;
    this.#pnlBaselineNumber = decimalToNumber(this.#pnlBaseline);
    if (this.#machine.state === TradingState.REDUCING) {
      this.#machine.transition(TradingState.ACTIVE, { reason: "new session day", ts });
    }
  }

  /** Blocks every order until {@link reset}. */
  halt(reason: string, ts: number): void {
    this.#machine.transition(TradingState.HALTED, { reason, ts });
  }

  /** Explicit reset: back to ACTIVE and a fresh daily-loss window starting at `ts`. */
  reset(ts: number, reason = "explicit reset"): void {
    this.#machine.transition(TradingState.ACTIVE, { reason, ts });
    this.startSession(ts);
  }

  /**
   * Judges one order; approved orders count toward the order rate. The size,
   * notional and daily-loss rules first compare floats with a margin; only
   * values near a bound are compared in Decimal, so the decisions are exact.
   */
  check(order: ProposedOrder): RiskDecision {
    this.#checkCount += 1;
    if (this.#machine.state === TradingState.HALTED) {
      return deny("trading_state", "trading is HALTED: no orders are allowed until a reset");
    }
    const quantity = decimalToNumber(order.quantity);
    if (!(quantity > 0)) {
      return deny("invalid_order", `order quantity ${order.quantity.toString()} must be positive`);
    }
    const signed = order.side === "BUY" ? quantity : -quantity;
    if (order.ts >= this.#sessionEndsAt) this.startSession(order.ts);
    const lossDenial = this.#checkDailyLoss(order, signed);
    if (lossDenial !== undefined) return lossDenial;
    if (this.#rate.isFull(order.ts)) {
      return deny(
        "order_rate",
        `${this.#rate.maxOrders} orders were already approved in the last 60 s of market time: max_orders_per_minute ${this.#limits.maxOrdersPerMinute}`,
      );
    }
    // The float is the correctly rounded quantity, so it orders against the integer limit
    // exactly like the Decimal except when the two are equal.
    const maxOrderSize = this.#limits.maxOrderSize;
    if (
      quantity > maxOrderSize ||
      (quantity === maxOrderSize && order.quantity.greaterThan(maxOrderSize))
    ) {
      return deny(
        "max_order_size",
        `order size ${order.quantity.toString()} exceeds max_order_size ${this.#limits.maxOrderSize}`,
      );
    }
    const referencePrice = order.referencePriceNumber ?? decimalToNumber(order.referencePrice);
    if (!(quantity * referencePrice < this.#maxOrderNotionalScreen)) {
      const notional = order.quantity.times(order.referencePrice);
      if (notional.greaterThan(this.#limits.maxOrderNotional)) {
        return deny(
          "max_order_notional",
          `order notional ${
            formatMoney(notional)
          } exceeds max_order_notional ${this.#limits.maxOrderNotional.toString()}`,
        );
      }
    }
    const view = this.#view;
    view.bind(order, { signedQuantity: signed, state: this.#machine.state, referencePrice });
    const exposureDenial = this.#checkExposure(order);
    if (exposureDenial !== undefined) return exposureDenial;
    for (const extra of this.#checks) {
      const decision = extra.check(order, view);
      if (!decision.approved) return decision;
    }
    this.#rate.record(order.ts);
    return APPROVED;
  }

  /**
   * Evaluates the daily-loss ceiling at market time `ts` without an order
   * (the coordinator calls it on its metrics cadence), starting a new session
   * day first when `ts` passed the rollover; a breach switches ACTIVE to
   * REDUCING right away instead of at the next order. Returns the state.
   */
  evaluateDailyLoss(ts: number): TradingState {
    if (ts >= this.#sessionEndsAt) this.startSession(ts);
    this.#updateLossState(ts);
    return this.#machine.state;
  }

  #updateLossState(ts: number): Decimal {
    const limit = this.#limits.dailyLossLimit;
    const pnl = this.sessionPnl();
    if (
      limit !== undefined && this.#machine.state === TradingState.ACTIVE &&
      pnl.lessThanOrEqualTo(limit.negated())
    ) {
      this.#machine.transition(TradingState.REDUCING, {
        reason: `session PnL ${formatMoney(pnl)} breached daily_loss_limit ${limit.toString()}`,
        ts,
      });
    }
    return pnl;
  }

  #checkDailyLoss(order: ProposedOrder, signed: number): RiskDecision | undefined {
    const limit = this.#limits.dailyLossLimit;
    if (limit === undefined) return undefined;
    const state = this.#machine.state;
    // ACTIVE far from the limit: no breach, whatever the exact PnL. REDUCING and a reducing
    // order: it passes whatever the PnL. Neither needs the Decimal PnL.
    if (state === TradingState.ACTIVE && this.#clearOfLossLimit()) return undefined;
    if (state === TradingState.REDUCING && reducesWithoutFlip(order.strategyPosition, signed)) {
      return undefined;
    }
    const pnl = this.#updateLossState(order.ts);
    if (this.#machine.state !== TradingState.REDUCING) return undefined;
    if (reducesWithoutFlip(order.strategyPosition, signed)) return undefined;
    return deny(
      "daily_loss",
      `trading is REDUCING after session PnL ${
        formatMoney(pnl)
      } reached daily_loss_limit ${limit.toString()}: ` +
        `${order.side} ${order.quantity.toString()} against position ${order.strategyPosition} does not reduce it without flipping`,
    );
  }

  /** True when the float session PnL is above -dailyLossLimit by far more than rounding. */
  #clearOfLossLimit(): boolean {
    const estimate = this.#accountPnlNumber;
    if (estimate === undefined) return false;
    const now = estimate();
    const baseline = this.#pnlBaselineNumber;
    const limit = this.#lossLimitNumber;
    const margin = SCREEN_MARGIN * (Math.abs(now) + Math.abs(baseline) + Math.abs(limit) + 1);
    return now - baseline > margin - limit;
  }

  #checkExposure(order: ProposedOrder): RiskDecision | undefined {
    const view = this.#view;
    const symbolCap = this.#symbolCapCents;
    if (symbolCap !== undefined) {
      const after = view.symbolExposure(order.symbol);
      const before = view.currentSymbolExposure(order.symbol);
      if (toCents(after) > symbolCap && after > before) {
        return deny(
          "max_symbol_exposure",
          `${order.symbol} gross exposure ${
            formatMoney(after)
          } after this order exceeds max_symbol_exposure ${this.#limits.maxSymbolExposure?.toString()}`,
        );
      }
    }
    const grossCap = this.#grossCapCents;
    if (grossCap !== undefined) {
      const before = view.currentGrossExposure();
      const after = before - view.currentSymbolExposure(order.symbol) +
        view.symbolExposure(order.symbol);
      if (toCents(after) > grossCap && after > before) {
        return deny(
          "max_gross_exposure",
          `gross exposure ${
            formatMoney(after)
          } after this order exceeds max_gross_exposure ${this.#limits.maxGrossExposure?.toString()}`,
        );
      }
    }
    return undefined;
  }
}
