/**
 * Turns IB tickPrice / tickSize callbacks into our ticks (price with size).
 *
 * @module
 */
import type { TickKind } from "../../model/mod.ts";

/** Tick type -> kind for prices: BID 1, ASK 2, LAST 4 and their delayed forms 66, 67, 68. */
const PRICE_KINDS: ReadonlyMap<number, TickKind> = new Map([
  [1, "bid"],
  [2, "ask"],
  [4, "last"],
  [66, "bid"],
  [67, "ask"],
  [68, "last"],
]);

/** Tick type -> kind for sizes: BID_SIZE 0, ASK_SIZE 3, LAST_SIZE 5 and delayed 69, 70, 71. */
const SIZE_KINDS: ReadonlyMap<number, TickKind> = new Map([
  [0, "bid"],
  [3, "ask"],
  [5, "last"],
  [69, "bid"],
  [70, "ask"],
  [71, "last"],
]);

/** Receives an assembled tick. */
export type TickSink = (kind: TickKind, price: number, size: number) => void;

/**
 * One symbol's quote state. The client emits a price tick and then,
 * synchronously, the size that came with it as a separate tickSize, except
 * for the bid: its size tick type is 0, which the decoder's `if (sizeTickType)`
 * drops, so bid sizes only arrive as independent TICK_SIZE messages. So:
 * - a bid price is published at once with the last bid size seen;
 * - an ask or last price waits for its paired size (same synchronous emit
 *   loop), or is published with the last size in a microtask if none comes.
 * Prices of 0 or below (IB's "no quote") are ignored.
 */
export class TickAssembler {
  readonly #sink: TickSink;
  readonly #sizes = new Map<TickKind, number>();
  readonly #pending = new Map<TickKind, number>();

  /** Publishes assembled ticks to `sink`. */
  constructor(sink: TickSink) {
    this.#sink = sink;
  }

  /** A tickPrice callback. */
  price(tickType: number, price: number | undefined): void {
    const kind = PRICE_KINDS.get(tickType);
    if (kind === undefined || price === undefined || !(price > 0)) return;
    if (kind === "bid") {
      this.#sink(kind, price, this.#sizes.get(kind) ?? 0);
      return;
    }
    this.#flush(kind);
    this.#pending.set(kind, price);
    queueMicrotask(() => this.#flush(kind));
  }

  /** A tickSize callback. */
  size(tickType: number, size: number | undefined): void {
    const kind = SIZE_KINDS.get(tickType);
    if (kind === undefined || size === undefined || !(size >= 0)) return;
    this.#sizes.set(kind, size);
    const price = this.#pending.get(kind);
    if (price === undefined) return;
    this.#pending.delete(kind);
    this.#sink(kind, price, size);
  }

  #flush(kind: TickKind): void {
    const price = this.#pending.get(kind);
    if (price === undefined) return;
    this.#pending.delete(kind);
    this.#sink(kind, price, this.#sizes.get(kind) ?? 0);
  }
}
