/**
 * The RiskGuard: every order passes through it exactly once before the broker.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import { decimalToNumber } from "../model/decimal_number.ts";
import { OrderStore } from "../orders/mod.ts";
import { ProposedExposureView } from "./_proposed_exposure_view.ts";
import { AccountExposure, type ExposurePriceLookup } from "./account_exposure.ts";
import {
  type AccountPnlSource,
  type DailyLossBreach,
  DailyLossWindow,
  describeBreach,
} from "./daily_loss_window.ts";
import { OrderRateWindow } from "./order_rate_window.ts";
import { type ProposedOrder, reducesWithoutFlip, type RiskCheck } from "./risk_check.ts";
import { APPROVED, deny, formatMoney, type RiskDecision } from "./risk_decision.ts";
import { DEFAULT_SESSION_ROLLOVER_MS } from "./session_day.ts";
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
   * The account's PnL since the run started, exact with a cheap float
   * estimate (the coordinator's books). Required with `dailyLossLimit`.
   */
  readonly pnl?: AccountPnlSource;
  /**
   * The account's exposure, derived from the run's order store; an exposure
   * over an empty store when absent (a guard that has seen no orders).
   */
  readonly exposure?: AccountExposure;
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
 * Judges each proposed order, synchronously and cheaply (once per order or
 * modification sent, never per bar). Built-in rules, in order:
 * `trading_state` (HALTED blocks everything), `daily_loss` (the session's
 * loss reaching the limit switches to REDUCING; then only orders that reduce
 * the strategy's absolute position without flipping, and modifications that
 * do not grow an order, pass, until the next session day or {@link reset}),
 * `order_rate`, `max_order_size`, `max_order_notional`,
 * `max_symbol_exposure`, `max_gross_exposure`, then the extra `checks`.
 *
 * Exposure is account-wide worst-case gross notional including working orders
 * and this order, compared in cents; an order that does not increase the
 * exposure it is measured against always passes that cap, so risk-reducing
 * orders are never trapped by it. An approved order counts toward the order
 * rate at approval. The daily loss is judged exactly from the books (see
 * {@link DailyLossWindow}).
 *
 * @example
 * ```ts
 * const guard = new RiskGuard(config.risk, { price: (s) => cache.get(s), pnl, exposure });
 * const decision = guard.check(order);
 * if (!decision.approved) report(decision.rule, decision.reason);
 * ```
 */
export class RiskGuard {
  /** The account exposure the caps are judged on. */
  readonly exposure: AccountExposure;
  #limits: RiskLimits;
  #loss: DailyLossWindow;
  #maxOrderNotionalScreen: number;
  #checks: readonly RiskCheck[];
  #machine: TradingStateMachine;
  #rate: OrderRateWindow;
  #view: ProposedExposureView;
  #symbolCapCents: number | undefined;
  #grossCapCents: number | undefined;
  #checkCount = 0;

  /** A guard enforcing `limits`. */
  constructor(limits: RiskLimits, options: RiskGuardOptions) {
    if (limits.dailyLossLimit !== undefined && options.pnl === undefined) {
      throw new TypeError("RiskGuard: dailyLossLimit is set, so options.pnl is required");
    }
    this.#limits = limits;
    this.#loss = new DailyLossWindow(limits.dailyLossLimit, {
      ...(options.pnl === undefined ? {} : { pnl: options.pnl }),
      rolloverMs: options.sessionRolloverMs ?? DEFAULT_SESSION_ROLLOVER_MS,
    });
    // A notional below this float bound is below max_order_notional whatever the rounding.
    this.#maxOrderNotionalScreen = decimalToNumber(limits.maxOrderNotional) * (1 - SCREEN_MARGIN);
    this.#checks = options.checks ?? [];
    this.exposure = options.exposure ?? new AccountExposure(new OrderStore());
    this.#machine = new TradingStateMachine(options.onStateChange);
    this.#rate = new OrderRateWindow(limits.maxOrdersPerMinute);
    this.#view = new ProposedExposureView(this.exposure, options.price);
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
   * session). The coordinator watches market time and calls
   * {@link startSession} when it passes this, before the new prices are
   * marked, so the baseline is the previous session's close.
   */
  get sessionEndsAt(): number {
    return this.#loss.sessionEndsAt;
  }

  /** Exact PnL since the current session started (0 before any session or without `pnl`). */
  sessionPnl(): Decimal {
    return this.#loss.sessionPnl();
  }

  /**
   * Starts a session day at `ts`: the daily-loss baseline becomes the account
   * PnL at the current marks and REDUCING returns to ACTIVE (HALTED stays).
   * `check` starts one by itself at the first order of a session day nobody
   * started.
   */
  startSession(ts: number): void {
    this.#loss.start(ts);
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
   * Judges one order or modification; approved ones count toward the order
   * rate. The size and notional rules first compare floats with a margin;
   * only values near a bound are compared in Decimal, so decisions are exact.
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
    const sign = order.side === "BUY" ? 1 : -1;
    const replaced = order.replacesQuantity === undefined
      ? undefined
      : decimalToNumber(order.replacesQuantity);
    const added = replaced === undefined ? quantity : Math.max(0, quantity - replaced);
    const executed = order.executedQuantity === undefined
      ? 0
      : decimalToNumber(order.executedQuantity);
    if (order.ts >= this.#loss.sessionEndsAt) this.startSession(order.ts);
    const lossDenial = this.#checkDailyLoss(
      order,
      sign * (quantity - executed),
      replaced !== undefined && added === 0,
    );
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
    view.bind(order, { signedQuantity: sign * added, state: this.#machine.state, referencePrice });
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
   * Evaluates the daily-loss limit at market time `ts` without an order (the
   * coordinator calls it on its cadence), starting a new session day first
   * when `ts` passed the rollover; a breach switches ACTIVE to REDUCING right
   * away instead of at the next order. Returns the state.
   */
  evaluateDailyLoss(ts: number): TradingState {
    if (ts >= this.#loss.sessionEndsAt) this.startSession(ts);
    if (this.#machine.state === TradingState.ACTIVE && !this.#loss.clearOfLimit()) {
      this.#enterReducingOnBreach(ts);
    }
    return this.#machine.state;
  }

  /** Switches ACTIVE to REDUCING when the exact session PnL breaches the limit. */
  #enterReducingOnBreach(ts: number): DailyLossBreach | undefined {
    const breach = this.#loss.breach();
    if (breach !== undefined && this.#machine.state === TradingState.ACTIVE) {
      this.#machine.transition(TradingState.REDUCING, {
        reason: `${
          describeBreach(breach)
        } breached daily_loss_limit ${this.#loss.limit?.toString()}`,
        ts,
      });
    }
    return breach;
  }

  #checkDailyLoss(
    order: ProposedOrder,
    signed: number,
    shrinksWorkingOrder: boolean,
  ): RiskDecision | undefined {
    const limit = this.#loss.limit;
    if (limit === undefined) return undefined;
    const reduces = shrinksWorkingOrder || reducesWithoutFlip(order.strategyPosition, signed);
    // ACTIVE far from the limit, or a reducing order: neither needs the exact PnL.
    if (this.#machine.state === TradingState.ACTIVE && this.#loss.clearOfLimit()) return undefined;
    if (reduces) return undefined;
    const breach = this.#enterReducingOnBreach(order.ts);
    if (this.#machine.state !== TradingState.REDUCING) return undefined;
    const figures = breach === undefined
      ? `session PnL ${this.#loss.sessionPnl().toString()}`
      : describeBreach(breach);
    return deny(
      "daily_loss",
      `trading is REDUCING after ${figures} reached daily_loss_limit ${limit.toString()}: ` +
        `${order.side} ${order.quantity.toString()} against position ${order.strategyPosition} does not reduce it without flipping`,
    );
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
