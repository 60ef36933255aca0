/**
 * The synthetic feed: seeded, deterministic GBM bars for any symbol.
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
import type { BarSource, BarStream } from "./bar_source.ts";
import {
  GbmBarGenerator,
  gbmHistory,
  type GbmParams,
  validateGbmParams,
} from "./gbm_bar_generator.ts";
import { deriveSeed, SeededRandom } from "./prng.ts";

/** Settings of a {@link SyntheticBarSource}. */
export interface SyntheticBarSourceOptions {
  /** Run seed; every symbol's stream is derived from it and the symbol. */
  readonly seed: number;
  /** Timestamp of every symbol's first bar, epoch ms. */
  readonly start: number;
  /** Bar size in ms: the spacing of bars and the GBM time step. */
  readonly barSizeMs: number;
  /** Bars per symbol (integer >= 0). */
  readonly bars: number;
  /** Default annual drift. */
  readonly drift: number;
  /** Default annual volatility (>= 0). */
  readonly volatility: number;
  /** Default start price (> 0). */
  readonly startPrice: number;
  /** Per-symbol overrides of drift, volatility and start price; keys are symbols (any case). */
  readonly symbolOverrides?: Readonly<Record<string, Partial<GbmParams>>>;
}

class SyntheticBarStream implements BarStream {
  readonly #generator: GbmBarGenerator;
  #remaining: number;

  constructor(generator: GbmBarGenerator, bars: number) {
    this.#generator = generator;
    this.#remaining = bars;
  }

  next(): Bar | undefined {
    if (this.#remaining === 0) return undefined;
    this.#remaining--;
    return this.#generator.next();
  }
}

/**
 * Seeded GBM bars for any non-empty symbol. The same options give identical
 * bars; each symbol's stream is seeded from `deriveSeed(seed, symbol)`, so
 * symbols are independent of each other and of subscription order. History
 * uses its own stream (`deriveSeed(seed, symbol + "/history")`) and ends at the
 * symbol's start price, right before the first replay bar.
 *
 * @example
 * ```ts
 * const source = new SyntheticBarSource({
 *   seed: 42, start: Date.UTC(2024, 0, 2, 14, 30), barSizeMs: 60_000, bars: 500,
 *   drift: 0.05, volatility: 0.25, startPrice: 100,
 *   symbolOverrides: { AAPL: { startPrice: 180 } },
 * });
 * const stream = source.open("AAPL");
 * stream.next(); // { symbol: "AAPL", ts: 1704205800000, open: 180, ... }
 * ```
 */
export class SyntheticBarSource implements BarSource {
  readonly #options: SyntheticBarSourceOptions;
  readonly #overrides: ReadonlyMap<string, Partial<GbmParams>>;

  /**
   * Validates `options` (bar count, bar size, default and overridden GBM parameters).
   *
   * @throws {RangeError} naming the field that is out of range.
   */
  constructor(options: SyntheticBarSourceOptions) {
    if (!Number.isSafeInteger(options.bars) || options.bars < 0) {
      throw new RangeError(`synthetic bars must be an integer >= 0, got ${options.bars}`);
    }
    if (!Number.isSafeInteger(options.barSizeMs) || options.barSizeMs <= 0) {
      throw new RangeError(`bar size must be a positive integer of ms, got ${options.barSizeMs}`);
    }
    if (!Number.isFinite(options.start)) {
      throw new RangeError(`synthetic start must be an epoch ms timestamp, got ${options.start}`);
    }
    this.#options = options;
    const overrides = new Map<string, Partial<GbmParams>>();
    for (const [symbol, override] of Object.entries(options.symbolOverrides ?? {})) {
      overrides.set(symbol.toUpperCase(), override);
    }
    this.#overrides = overrides;
    validateGbmParams("synthetic feed", this.paramsFor(""));
    for (const symbol of overrides.keys()) validateGbmParams(symbol, this.paramsFor(symbol));
  }

  /** `"synthetic GBM (seed N)"`. */
  get description(): string {
    return `synthetic GBM (seed ${this.#options.seed})`;
  }

  /** The GBM parameters of `symbol`: its overrides over the defaults. */
  paramsFor(symbol: string): GbmParams {
    const override = this.#overrides.get(symbol.toUpperCase());
    return {
      drift: override?.drift ?? this.#options.drift,
      volatility: override?.volatility ?? this.#options.volatility,
      startPrice: override?.startPrice ?? this.#options.startPrice,
    };
  }

  /** Every non-empty symbol has synthetic bars. */
  has(symbol: string): boolean {
    return symbol.length > 0;
  }

  /** A fresh stream of `bars` bars of `symbol` starting at `start`. */
  open(symbol: string): BarStream {
    this.#requireSymbol(symbol);
    const random = new SeededRandom(deriveSeed(this.#options.seed, symbol));
    const generator = new GbmBarGenerator(random, {
      symbol,
      params: this.paramsFor(symbol),
      barSizeMs: this.#options.barSizeMs,
      start: this.#options.start,
    });
    return new SyntheticBarStream(generator, this.#options.bars);
  }

  /**
   * `count` deterministic bars of `barSizeMs` ending right before `start`, the
   * last one closing at the symbol's start price (the first replay bar's open).
   */
  history(symbol: string, count: number, barSizeMs: number): Bar[] {
    this.#requireSymbol(symbol);
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`history count must be an integer >= 0, got ${count}`);
    }
    if (!Number.isSafeInteger(barSizeMs) || barSizeMs <= 0) {
      throw new RangeError(`history bar size must be a positive integer of ms, got ${barSizeMs}`);
    }
    const random = new SeededRandom(deriveSeed(this.#options.seed, `${symbol}/history`));
    return gbmHistory(random, {
      symbol,
      params: this.paramsFor(symbol),
      barSizeMs,
      end: this.#options.start,
      count,
    });
  }

  /** `start`, or `undefined` when `bars` is 0. */
  firstTimestamp(): number | undefined {
    return this.#options.bars > 0 ? this.#options.start : undefined;
  }

  #requireSymbol(symbol: string): void {
    if (!this.has(symbol)) {
      throw new RangeError("the synthetic feed needs a non-empty symbol");
    }
  }
}
