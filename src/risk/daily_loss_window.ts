/**
 * The daily-loss window: the account's PnL since the previous session's
 * close, judged exactly against the daily loss limit.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import { ZERO } from "../model/decimal.ts";
import { DEFAULT_SESSION_ROLLOVER_MS, nextSessionStart } from "./session_day.ts";

/** The account's PnL as the daily-loss rule reads it (the coordinator's books). */
export interface AccountPnlSource {
  /** Exact net PnL (realized + unrealized at market prices - commissions) since the run started. */
  exact(): Decimal;
  /** The same as a float, cheap; it differs from {@link exact} by at most {@link estimateErrorBound}. */
  estimate(): number;
  /** A bound on `|estimate() - exact()|`, in the account currency. */
  estimateErrorBound(): number;
}

/** A breach of the limit, with the exact figures. */
export interface DailyLossBreach {
  /** PnL since the previous session's close. */
  readonly sessionPnl: Decimal;
  /** Account PnL now. */
  readonly now: Decimal;
  /** Account PnL at the previous session's close. */
  readonly baseline: Decimal;
}

/**
 * Tracks one session day at a time. {@link start} takes the baseline: the
 * account PnL marked at the latest prices, which at a session boundary are
 * the previous session's closes, so every session (each bar of a daily-bar
 * replay) is judged on its own loss. Decisions are exact: a float screen
 * ({@link clearOfLimit}) only answers when the float estimate is farther from
 * the limit than its error bound; anything nearer is computed in Decimal.
 */
export class DailyLossWindow {
  readonly #limit: Decimal | undefined;
  readonly #limitNumber: number;
  readonly #pnl: AccountPnlSource | undefined;
  readonly #rolloverMs: number;
  #sessionEndsAt = Number.NEGATIVE_INFINITY;
  #baseline: Decimal = ZERO;
  #baselineEstimate = 0;
  #baselineBound = 0;

  /**
   * A window judging `limit` (none: nothing is ever breached) on `pnl`.
   *
   * @throws {TypeError} when a limit is given without a PnL source.
   */
  constructor(
    limit: Decimal | undefined,
    options: { pnl?: AccountPnlSource; rolloverMs?: number } = {},
  ) {
    if (limit !== undefined && options.pnl === undefined) {
      throw new TypeError("a daily loss limit needs an account PnL source");
    }
    this.#limit = limit;
    this.#limitNumber = limit === undefined ? Number.NaN : limit.toNumber();
    this.#pnl = options.pnl;
    this.#rolloverMs = options.rolloverMs ?? DEFAULT_SESSION_ROLLOVER_MS;
  }

  /** The limit, if any. */
  get limit(): Decimal | undefined {
    return this.#limit;
  }

  /** When the current session day ends (epoch ms; -Infinity before the first session). */
  get sessionEndsAt(): number {
    return this.#sessionEndsAt;
  }

  /** Account PnL at the start of the current session (the previous session's close). */
  get baseline(): Decimal {
    return this.#baseline;
  }

  /** Starts the session day containing `ts`; the baseline is the PnL at the current marks. */
  start(ts: number): void {
    this.#sessionEndsAt = nextSessionStart(ts, this.#rolloverMs);
    const pnl = this.#pnl;
    if (pnl === undefined) return;
    this.#baseline = pnl.exact();
    this.#baselineEstimate = pnl.estimate();
    this.#baselineBound = pnl.estimateErrorBound();
  }

  /** Exact PnL since the session started (0 without a PnL source). */
  sessionPnl(): Decimal {
    return this.#pnl === undefined ? ZERO : this.#pnl.exact().minus(this.#baseline);
  }

  /**
   * True when the session PnL is certainly above `-limit`, decided from the
   * float estimate and its error bound alone; false means "compute it".
   */
  clearOfLimit(): boolean {
    const pnl = this.#pnl;
    if (pnl === undefined || this.#limit === undefined) return true;
    // The bound refers to the marks of the estimate it follows: read the estimate first.
    const estimate = pnl.estimate();
    const bound = pnl.estimateErrorBound() + this.#baselineBound +
      Number.EPSILON * 4 * (Math.abs(this.#limitNumber) + 1);
    return estimate - this.#baselineEstimate - bound > -this.#limitNumber;
  }

  /** The exact breach (session PnL at or below `-limit`), or undefined when there is none. */
  breach(): DailyLossBreach | undefined {
    const limit = this.#limit;
    const pnl = this.#pnl;
    if (limit === undefined || pnl === undefined) return undefined;
    const now = pnl.exact();
    const sessionPnl = now.minus(this.#baseline);
    if (sessionPnl.greaterThan(limit.negated())) return undefined;
    return { sessionPnl, now, baseline: this.#baseline };
  }
}

/** `session PnL -101 (account PnL -301 now, -200 at the previous session's close)`. */
export function describeBreach(breach: DailyLossBreach): string {
  return `session PnL ${breach.sessionPnl.toString()} (account PnL ${breach.now.toString()} now, ${breach.baseline.toString()} at the previous session's close)`;
}
