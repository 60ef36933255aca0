/**
 * Hard safety limits: the largest position and notional any single strategy
 * may hold and any single order may carry. Defaults live in code, the
 * environment may replace them (`IBKR_MAX_POSITION`, `IBKR_MAX_NOTIONAL`), and
 * a graph's `limits` section may only tighten them.
 *
 * Environment values are read from their exact text (a Decimal, never a JS
 * number, so `1e309` is not `Infinity` and no digit is lost) and must lie in
 * the documented ranges of value_ranges.ts, like the graph's own numbers.
 *
 * @module
 */
import { Decimal } from "../model/decimal.ts";
import { InvalidEnvironmentError } from "../errors.ts";
import { DECIMAL_LITERAL } from "./_numeric_source.ts";
import { decimalWithinRange } from "./numeric_range.ts";
import { MAX_MONEY, MAX_SHARES, MONEY_RANGE, SHARES_RANGE } from "./value_ranges.ts";

/** Per strategy position AND per order bounds. */
export interface SafetyLimits {
  /** Shares. */
  readonly maxPosition: number;
  /** Currency. */
  readonly maxNotional: Decimal;
}

/** Hard limits with where each value came from, for messages. */
export interface HardLimits extends SafetyLimits {
  /** `"code default"` or `"IBKR_MAX_POSITION"`. */
  readonly maxPositionSource: string;
  /** `"code default"` or `"IBKR_MAX_NOTIONAL"`. */
  readonly maxNotionalSource: string;
}

/** Reads an environment variable; returns undefined when unset. */
export type EnvReader = (name: string) => string | undefined;

/** Environment variable replacing the code default of `maxPosition`. */
export const MAX_POSITION_ENV = "IBKR_MAX_POSITION";
/** Environment variable replacing the code default of `maxNotional`. */
export const MAX_NOTIONAL_ENV = "IBKR_MAX_NOTIONAL";

/** The code defaults: 10,000 shares and 1,000,000 in notional. */
export const CODE_SAFETY_LIMITS: SafetyLimits = Object.freeze({
  maxPosition: 10_000,
  maxNotional: new Decimal(1_000_000),
});

/** Reads the process environment (needs `--allow-env` for the names read). */
export function readProcessEnv(name: string): string | undefined {
  return Deno.env.get(name);
}

function parsePosition(text: string): number {
  const exact = /^\d+$/.test(text) ? new Decimal(text) : undefined;
  if (exact === undefined || !exact.gt(0)) {
    throw new InvalidEnvironmentError(
      MAX_POSITION_ENV,
      `${MAX_POSITION_ENV} must be a positive whole number of shares, e.g. 5000 (got ${
        JSON.stringify(text)
      })`,
    );
  }
  if (!decimalWithinRange(exact, SHARES_RANGE)) {
    throw new InvalidEnvironmentError(
      MAX_POSITION_ENV,
      `${MAX_POSITION_ENV} must be at most ${MAX_SHARES} shares (got ${JSON.stringify(text)})`,
    );
  }
  return exact.toNumber();
}

function parseNotional(text: string): Decimal {
  const exact = DECIMAL_LITERAL.test(text) ? new Decimal(text) : undefined;
  if (exact === undefined || !exact.isFinite() || !exact.gt(0)) {
    throw new InvalidEnvironmentError(
      MAX_NOTIONAL_ENV,
      `${MAX_NOTIONAL_ENV} must be a positive decimal amount, e.g. 250000 (got ${
        JSON.stringify(text)
      })`,
    );
  }
  if (!decimalWithinRange(exact, MONEY_RANGE)) {
    throw new InvalidEnvironmentError(
      MAX_NOTIONAL_ENV,
      `${MAX_NOTIONAL_ENV} must be at most ${MAX_MONEY} (got ${JSON.stringify(text)})`,
    );
  }
  return exact;
}

/**
 * The hard limits in force: the code defaults, each replaced by its
 * environment variable when that is set and not empty.
 *
 * @throws {InvalidEnvironmentError} when a variable is set to something invalid.
 * @example
 * ```ts
 * hardLimitsFromEnv((name) => name === "IBKR_MAX_POSITION" ? "500" : undefined).maxPosition; // 500
 * ```
 */
export function hardLimitsFromEnv(env: EnvReader = readProcessEnv): HardLimits {
  const position = env(MAX_POSITION_ENV)?.trim();
  const notional = env(MAX_NOTIONAL_ENV)?.trim();
  const hasPosition = position !== undefined && position !== "";
  const hasNotional = notional !== undefined && notional !== "";
  return {
    maxPosition: hasPosition ? parsePosition(position) : CODE_SAFETY_LIMITS.maxPosition,
    maxNotional: hasNotional ? parseNotional(notional) : CODE_SAFETY_LIMITS.maxNotional,
    maxPositionSource: hasPosition ? MAX_POSITION_ENV : "code default",
    maxNotionalSource: hasNotional ? MAX_NOTIONAL_ENV : "code default",
  };
}

/**
 * The effective limits: each graph value where it is tighter, otherwise the
 * hard limit. (A graph value above the hard limit is a validation error; this
 * function just never lets it through.) Share counts are safe integers and
 * notionals Decimals, so both comparisons are exact.
 */
export function tightenLimits(
  hard: SafetyLimits,
  graph: { readonly maxPosition?: number | undefined; readonly maxNotional?: Decimal | undefined },
): SafetyLimits {
  return {
    maxPosition: Math.min(hard.maxPosition, graph.maxPosition ?? hard.maxPosition),
    maxNotional: Decimal.min(hard.maxNotional, graph.maxNotional ?? hard.maxNotional),
  };
}
