/**
 * Bars from prebuilt in-memory arrays: for tests, benchmarks and CSV replay.
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
import type { BarSource, BarStream } from "./bar_source.ts";

class ArrayBarStream implements BarStream {
  readonly #bars: readonly Bar[];
  #index = 0;

  constructor(bars: readonly Bar[]) {
    this.#bars = bars;
  }

  next(): Bar | undefined {
    const index = this.#index;
    if (index >= this.#bars.length) return undefined;
    this.#index = index + 1;
    return this.#bars[index];
  }
}

/**
 * A {@link BarSource} over `Bar[]` per symbol. The arrays are used as given
 * (not copied) and replayed without allocating. There is no earlier data, so
 * `history` returns `[]` and warmup happens on the replayed stream.
 *
 * @example
 * ```ts
 * const source = new ArrayBarSource({
 *   AAPL: [{ symbol: "AAPL", ts: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 }],
 * });
 * ```
 */
export class ArrayBarSource implements BarSource {
  readonly #bars: ReadonlyMap<string, readonly Bar[]>;
  readonly #description: string;

  /**
   * Checks that every array holds bars of its own key's symbol in strictly
   * increasing time.
   *
   * @throws {RangeError} naming the symbol and index of the first offending bar.
   */
  constructor(
    barsBySymbol: Readonly<Record<string, readonly Bar[]>>,
    options: { description?: string } = {},
  ) {
    const bars = new Map<string, readonly Bar[]>();
    for (const [symbol, list] of Object.entries(barsBySymbol)) {
      for (let i = 0; i < list.length; i++) {
        const bar = list[i] as Bar;
        if (bar.symbol !== symbol) {
          throw new RangeError(
            `${symbol}[${i}]: bar has symbol "${bar.symbol}", expected "${symbol}"`,
          );
        }
        if (i > 0 && !(bar.ts > (list[i - 1] as Bar).ts)) {
          throw new RangeError(
            `${symbol}[${i}]: ts ${bar.ts} is not after the previous bar's ${
              (list[i - 1] as Bar).ts
            }`,
          );
        }
      }
      bars.set(symbol, list);
    }
    this.#bars = bars;
    this.#description = options.description ?? "in-memory bars";
  }

  /** What the bars are, e.g. `"CSV files"`; default `"in-memory bars"`. */
  get description(): string {
    return this.#description;
  }

  /** The symbols that have an array, in the order given. */
  symbols(): string[] {
    return [...this.#bars.keys()];
  }

  /** Whether `symbol` has an array (possibly empty). */
  has(symbol: string): boolean {
    return this.#bars.has(symbol);
  }

  /** A stream over `symbol`'s array. */
  open(symbol: string): BarStream {
    return new ArrayBarStream(this.#require(symbol));
  }

  /** Always `[]`: in-memory data has nothing before its first bar. */
  history(symbol: string, _count: number, _barSizeMs: number): Bar[] {
    this.#require(symbol);
    return [];
  }

  /** Timestamp of the earliest first bar over all symbols. */
  firstTimestamp(): number | undefined {
    let first: number | undefined;
    for (const list of this.#bars.values()) {
      const ts = list[0]?.ts;
      if (ts !== undefined && (first === undefined || ts < first)) first = ts;
    }
    return first;
  }

  #require(symbol: string): readonly Bar[] {
    const bars = this.#bars.get(symbol);
    if (bars === undefined) {
      const known = [...this.#bars.keys()].join(", ") || "none";
      throw new RangeError(`${this.#description} have no bars for ${symbol} (symbols: ${known})`);
    }
    return bars;
  }
}
