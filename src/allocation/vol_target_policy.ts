/**
 * Volatility targeting: equal weight scaled by target / realized volatility.
 *
 * @module
 */
import type { TradingCalendar } from "../calendar/mod.ts";
import type { AccountSnapshot } from "../model/account.ts";
import { Decimal, toDecimal, ZERO } from "../model/decimal.ts";
import type { PositionEnvelope } from "../model/envelope.ts";
import { EnvelopeTable, fillTable } from "./_envelope_table.ts";
import type {
  AllocationDecision,
  AllocationInput,
  CapitalAllocationPolicy,
  CapitalSummary,
} from "./capital_policy.ts";
import { annualizationFactor, RollingVolatility } from "./rolling_volatility.ts";

const ONE = new Decimal(1);
const SCALE_DECIMALS = 2;
/**
 * Relative drift of the target scale from the scale in effect that moves an
 * envelope (10%): a rebalance band, so a noisy volatility estimate does not
 * resize positions on every refresh.
 */
export const REBALANCE_BAND = 0.1;

/** Options of a {@link VolTargetPolicy}. */
export interface VolTargetOptions {
  /** Annualised target volatility, e.g. 0.15. */
  readonly targetVol: Decimal;
  /** Number of log returns in the realized-volatility window (needs lookbackBars + 1 closes). */
  readonly lookbackBars: number;
  /** Largest scale (caps scale-ups when realized volatility is low). */
  readonly maxScale: Decimal;
  /** The graph's bar size in ms, for annualisation. */
  readonly barSizeMs: number;
  /**
   * The market the bars come from (the venue's calendar): volatility is
   * annualised over the bars it produces in a year.
   */
  readonly calendar: TradingCalendar;
}

/**
 * Weight `w = 1/N` (as equal weight) and a per-symbol scale
 * `s = min(maxScale, targetVol / realizedVol)`, rounded down to 2 decimals; a new `s` takes
 * effect only when it differs by {@link REBALANCE_BAND} (10%) or more from the one in effect, so a
 * refresh reports a real change of volatility, not estimation noise:
 * - `maxSize = floor(min(node.maxPosition, sizing.maxPosition x s / N))`
 * - `maxNotional = min(node.maxNotional, capital x s / N) / (the strategy's symbol count)`.
 *
 * `realizedVol` is the sample standard deviation of the last `lookbackBars`
 * log returns of the symbol's closes, annualised by
 * {@link annualizationFactor} of the bar size on the venue's calendar (US
 * equities: 252 trading days of 6.5 hours; always open, the synthetic feed:
 * 365.25 days of 24 hours). A realized volatility of 0 gives `maxScale`.
 *
 * Conservative start: until a symbol has `lookbackBars + 1` closes its scale
 * is 0, so its envelope is empty and the strategy cannot trade it. Feed the
 * warmup bars through {@link observe}, then {@link refresh}.
 *
 * @example
 * ```ts
 * const policy = new VolTargetPolicy({
 *   targetVol: new Decimal("0.15"), lookbackBars: 20, maxScale: new Decimal(1),
 *   barSizeMs: 86_400_000, calendar: US_EQUITIES_CALENDAR,
 * });
 * policy.prepare(graph);              // all envelopes 0
 * for (const bar of warmup) policy.observe(bar.symbol, bar.close);
 * const changed = policy.refresh(ts); // log each as strategy.coordinator
 * ```
 */
export class VolTargetPolicy implements CapitalAllocationPolicy {
  /** Config type. */
  readonly type = "vol_target" as const;
  /** Needs every completed bar's close. */
  readonly observesCloses = true;
  #options: VolTargetOptions;
  #annualization: number;
  #windows = new Map<string, RollingVolatility>();
  #table = new EnvelopeTable();
  #input: AllocationInput | undefined;
  #account: AccountSnapshot | undefined;
  #lastRefresh = Number.NEGATIVE_INFINITY;
  #applied = new Map<string, Decimal>();

  /** A policy with `options`. */
  constructor(options: VolTargetOptions) {
    if (!options.targetVol.greaterThan(0)) {
      throw new RangeError(`targetVol is ${options.targetVol.toString()}, must be > 0`);
    }
    if (!options.maxScale.greaterThan(0)) {
      throw new RangeError(`maxScale is ${options.maxScale.toString()}, must be > 0`);
    }
    this.#options = options;
    this.#annualization = annualizationFactor(options.barSizeMs, options.calendar);
    if (!Number.isInteger(options.lookbackBars) || options.lookbackBars < 2) {
      throw new RangeError(`lookbackBars is ${options.lookbackBars}, must be an integer >= 2`);
    }
  }

  /** Computes every envelope from the closes observed so far; keeps existing windows. */
  prepare(input: AllocationInput, account?: AccountSnapshot): AllocationDecision[] {
    this.#input = input;
    this.#account = account;
    for (const strategy of input.strategies) {
      for (const symbol of strategy.symbols) {
        if (!this.#windows.has(symbol)) {
          this.#windows.set(symbol, new RollingVolatility(this.#options.lookbackBars));
        }
      }
    }
    return this.#fill(false);
  }

  /** The envelope of `strategyId` in `symbol`. */
  envelopeFor(strategyId: string, symbol: string): PositionEnvelope {
    return this.#table.get(strategyId, symbol);
  }

  /** Total, allocated and available capital. */
  capital(): CapitalSummary {
    return this.#table.capital();
  }

  /** Feeds one close of a prepared symbol (O(1)); other symbols are ignored. */
  observe(symbol: string, close: number): void {
    this.#windows.get(symbol)?.observe(close);
  }

  /** Annualised realized volatility of `symbol`, or `undefined` before its window is full. */
  realizedVolatility(symbol: string): number | undefined {
    const period = this.#windows.get(symbol)?.periodVolatility();
    return period === undefined ? undefined : period * this.#annualization;
  }

  /** The scale of `symbol` now (0 before its window is full). */
  scaleOf(symbol: string): Decimal {
    const realized = this.realizedVolatility(symbol);
    if (realized === undefined) return ZERO;
    if (realized === 0) return this.#options.maxScale;
    const raw = this.#options.targetVol.div(toDecimal(realized));
    return Decimal.min(this.#options.maxScale, raw).toDecimalPlaces(
      SCALE_DECIMALS,
      Decimal.ROUND_DOWN,
    );
  }

  /** Recomputes at `ts`; returns decisions only for envelopes that changed. */
  refresh(ts: number): AllocationDecision[] {
    if (this.#input === undefined || ts <= this.#lastRefresh) return [];
    this.#lastRefresh = ts;
    return this.#fill(true);
  }

  #fill(changedOnly: boolean): AllocationDecision[] {
    const input = this.#input as AllocationInput;
    const count = input.strategies.length;
    const share = { numerator: ONE, denominator: count, label: `1/${count}` };
    return fillTable(this.#table, input, {
      account: this.#account,
      policy: this.type,
      changedOnly,
      shareOf: () => share,
      scaleOf: (symbol) => ({ scale: this.#scaleInEffect(symbol), note: this.#scaleNote(symbol) }),
    });
  }

  /** The scale envelopes use: the target scale once it left the rebalance band around the current one. */
  #scaleInEffect(symbol: string): Decimal {
    const target = this.scaleOf(symbol);
    const current = this.#applied.get(symbol);
    if (
      current === undefined || current.isZero() || target.isZero() ||
      Math.abs(target.div(current).toNumber() - 1) >= REBALANCE_BAND
    ) {
      this.#applied.set(symbol, target);
      return target;
    }
    return current;
  }

  #scaleNote(symbol: string): string {
    const realized = this.realizedVolatility(symbol);
    const window = this.#windows.get(symbol);
    if (realized === undefined) {
      return `realized vol unknown: ${
        window?.count ?? 0
      }/${this.#options.lookbackBars} returns, scale 0 until known`;
    }
    const { targetVol, lookbackBars, maxScale, calendar, barSizeMs } = this.#options;
    const perYear = Number(calendar.barsPerYear(barSizeMs).toFixed(2));
    return `target_vol ${targetVol.toString()} / realized vol ${
      realized.toFixed(6)
    } over ${lookbackBars} returns (annualised over ${perYear} bars a year, ${calendar.name}), max_scale ${maxScale.toString()}`;
  }
}
