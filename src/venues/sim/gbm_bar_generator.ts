/**
 * Geometric Brownian motion bars: the price model of the synthetic feed.
 *
 * Each bar's log return is `(drift - volatility^2 / 2) * dt + volatility *
 * sqrt(dt) * Z` with `dt = barSizeMs / MS_PER_YEAR`. The open is the previous
 * close (no gaps). High and low are drawn from the distribution of the maximum
 * (minimum) of a Brownian bridge between open and close, so they always bracket
 * open and close and widen with volatility. Prices are rounded to cents (never
 * below 0.01); the model keeps the unrounded log price, so rounding does not
 * accumulate. Volume is log-normal around {@link SYNTHETIC_BASE_VOLUME}, at least 1.
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
import type { SeededRandom } from "./prng.ts";

/**
 * Length of the year that annualised drift and volatility refer to: 365 days
 * of 24 hours, because the synthetic clock runs around the clock (one bar
 * every `barSizeMs`, no sessions or weekends).
 */
export const MS_PER_YEAR = 365 * 86_400_000;

/** Median volume of one synthetic bar, in shares. */
export const SYNTHETIC_BASE_VOLUME = 10_000;

/** GBM parameters of one symbol. */
export interface GbmParams {
  /** Annual drift (mu), e.g. `0.05`. */
  readonly drift: number;
  /** Annual volatility (sigma), >= 0, e.g. `0.25`. */
  readonly volatility: number;
  /** Price the path starts from (the first bar's open), > 0. */
  readonly startPrice: number;
}

/** Throws a RangeError naming `symbol` when `params` cannot drive a GBM. */
export function validateGbmParams(symbol: string, params: GbmParams): void {
  if (!Number.isFinite(params.drift)) {
    throw new RangeError(`${symbol}: drift must be a finite number, got ${params.drift}`);
  }
  if (!(params.volatility >= 0) || !Number.isFinite(params.volatility)) {
    throw new RangeError(`${symbol}: volatility must be >= 0, got ${params.volatility}`);
  }
  if (!(params.startPrice > 0) || !Number.isFinite(params.startPrice)) {
    throw new RangeError(`${symbol}: start price must be > 0, got ${params.startPrice}`);
  }
}

/** Per-bar constants of a GBM with `params` sampled every `barSizeMs`. */
interface GbmStep {
  readonly logDrift: number;
  readonly stepSigma: number;
  readonly stepVariance: number;
}

function gbmStep(params: GbmParams, barSizeMs: number): GbmStep {
  const dt = barSizeMs / MS_PER_YEAR;
  const variance = params.volatility * params.volatility;
  return {
    logDrift: (params.drift - variance / 2) * dt,
    stepSigma: params.volatility * Math.sqrt(dt),
    stepVariance: variance * dt,
  };
}

function cents(price: number): number {
  const rounded = Math.round(price * 100) / 100;
  return rounded < 0.01 ? 0.01 : rounded;
}

/**
 * Builds one bar from its log open and log close, drawing high, low and volume
 * from `random` (two uniforms, then one normal, always in that order).
 */
function makeBar(
  random: SeededRandom,
  fields: { symbol: string; ts: number; logOpen: number; logClose: number; stepVariance: number },
): Bar {
  const { logOpen, logClose, stepVariance } = fields;
  const gap = logClose - logOpen;
  const upper = Math.sqrt(gap * gap - 2 * stepVariance * Math.log(random.uniform()));
  const lower = Math.sqrt(gap * gap - 2 * stepVariance * Math.log(random.uniform()));
  const open = cents(Math.exp(logOpen));
  const close = cents(Math.exp(logClose));
  const high = Math.max(cents(Math.exp((logOpen + logClose + upper) / 2)), open, close);
  const low = Math.min(cents(Math.exp((logOpen + logClose - lower) / 2)), open, close);
  const volume = Math.max(1, Math.round(SYNTHETIC_BASE_VOLUME * Math.exp(0.5 * random.normal())));
  return { symbol: fields.symbol, ts: fields.ts, open, high, low, close, volume };
}

/**
 * Generates one symbol's GBM bars forward in time, one per call, starting at
 * `start` with open = `params.startPrice`.
 *
 * @example
 * ```ts
 * const generator = new GbmBarGenerator(new SeededRandom(7), {
 *   symbol: "AAPL", params: { drift: 0.05, volatility: 0.25, startPrice: 180 },
 *   barSizeMs: 60_000, start: Date.UTC(2024, 0, 2, 14, 30),
 * });
 * const first = generator.next(); // first.open === 180
 * ```
 */
export class GbmBarGenerator {
  readonly #random: SeededRandom;
  readonly #symbol: string;
  readonly #barSizeMs: number;
  readonly #step: GbmStep;
  #logPrice: number;
  #ts: number;

  /** Creates a generator for `options.symbol` drawing from `random`. */
  constructor(
    random: SeededRandom,
    options: { symbol: string; params: GbmParams; barSizeMs: number; start: number },
  ) {
    validateGbmParams(options.symbol, options.params);
    this.#random = random;
    this.#symbol = options.symbol;
    this.#barSizeMs = options.barSizeMs;
    this.#step = gbmStep(options.params, options.barSizeMs);
    this.#logPrice = Math.log(options.params.startPrice);
    this.#ts = options.start;
  }

  /** The next bar; its `ts` is one bar size after the previous one. */
  next(): Bar {
    const step = this.#step;
    const logOpen = this.#logPrice;
    const logClose = logOpen + step.logDrift + step.stepSigma * this.#random.normal();
    const bar = makeBar(this.#random, {
      symbol: this.#symbol,
      ts: this.#ts,
      logOpen,
      logClose,
      stepVariance: step.stepVariance,
    });
    this.#logPrice = logClose;
    this.#ts += this.#barSizeMs;
    return bar;
  }
}

/**
 * `count` GBM bars that end where a replay starts: the last bar covers
 * `[end - barSizeMs, end)` and closes at `params.startPrice`, oldest first.
 *
 * The path is generated backwards from `end`, newest bar first, so a shorter
 * history is exactly the newest part of a longer one with the same `random` seed.
 */
export function gbmHistory(
  random: SeededRandom,
  options: { symbol: string; params: GbmParams; barSizeMs: number; end: number; count: number },
): Bar[] {
  validateGbmParams(options.symbol, options.params);
  const step = gbmStep(options.params, options.barSizeMs);
  const bars = new Array<Bar>(options.count);
  let logClose = Math.log(options.params.startPrice);
  for (let back = 1; back <= options.count; back++) {
    const logOpen = logClose - step.logDrift - step.stepSigma * random.normal();
    bars[options.count - back] = makeBar(random, {
      symbol: options.symbol,
      ts: options.end - back * options.barSizeMs,
      logOpen,
      logClose,
      stepVariance: step.stepVariance,
    });
    logClose = logOpen;
  }
  return bars;
}
