/**
 * Merging per-symbol bar streams into one time-ordered replay.
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
import type { BarStream } from "./bar_source.ts";

/** One symbol's stream and where it stands. */
interface MergeSlot {
  readonly symbol: string;
  readonly stream: BarStream;
  /** Next bar to emit, or undefined once the stream has ended. */
  head: Bar | undefined;
  /** `head.ts`, kept as a number for fast comparisons. */
  headTs: number;
  /** Last bar emitted for this symbol. */
  last: Bar | undefined;
  /** Subscription sequence number: breaks ties between equal timestamps. */
  order: number;
  /** Whether the slot waits in the ring (subscribed, data not ended). */
  queued: boolean;
  /** Whether the symbol is subscribed. */
  active: boolean;
}

function before(a: MergeSlot, b: MergeSlot): boolean {
  return a.headTs < b.headTs || (a.headTs === b.headTs && a.order < b.order);
}

/**
 * Merges the streams of the subscribed symbols by `ts`; bars with equal `ts`
 * come out in subscription order (a symbol subscribed again goes last).
 *
 * The streams wait in a ring buffer sorted by (next ts, subscription order).
 * The stream just emitted is reinserted by walking back from the tail; when
 * symbols advance in step (same timestamps, the usual case for synthetic and
 * daily data) that is one comparison, so each bar costs O(1) and allocates
 * nothing. Irregular data costs one move per stream whose next bar is later.
 *
 * A symbol added while a replay is under way joins at the current time: its
 * bars older than the last emitted bar are skipped. A removed symbol keeps its
 * position in its stream, so adding it again resumes there (skipping what was
 * missed). Adding and removing between two `next()` calls is safe.
 *
 * @example
 * ```ts
 * const merger = new BarMerger();
 * merger.add("AAPL", () => source.open("AAPL"));
 * merger.add("MSFT", () => source.open("MSFT"));
 * for (let bar = merger.next(); bar !== undefined; bar = merger.next()) console.log(bar);
 * ```
 */
export class BarMerger {
  readonly #slots = new Map<string, MergeSlot>();
  #ring: (MergeSlot | undefined)[] = new Array<MergeSlot | undefined>(8).fill(undefined);
  #mask = 7;
  #first = 0;
  #count = 0;
  #sequence = 0;
  #lastTs = Number.NEGATIVE_INFINITY;

  /**
   * Subscribes `symbol`. `open` is called only the first time the symbol is
   * added; adding an already subscribed symbol does nothing.
   */
  add(symbol: string, open: () => BarStream): void {
    let slot = this.#slots.get(symbol);
    if (slot?.active) return;
    if (slot === undefined) {
      const stream = open();
      const head = stream.next();
      slot = {
        symbol,
        stream,
        head,
        headTs: head?.ts ?? Number.POSITIVE_INFINITY,
        last: undefined,
        order: 0,
        queued: false,
        active: false,
      };
      this.#slots.set(symbol, slot);
    }
    slot.active = true;
    slot.order = this.#sequence++;
    while (slot.head !== undefined && slot.headTs < this.#lastTs) this.#advance(slot);
    if (slot.head !== undefined) this.#insert(slot);
  }

  /** Unsubscribes `symbol`; its bars stop. Returns false when it was not subscribed. */
  remove(symbol: string): boolean {
    const slot = this.#slots.get(symbol);
    if (slot === undefined || !slot.active) return false;
    slot.active = false;
    if (slot.queued) this.#dequeue(slot);
    return true;
  }

  /** Whether `symbol` is subscribed (even if its data has ended). */
  isActive(symbol: string): boolean {
    return this.#slots.get(symbol)?.active ?? false;
  }

  /** The last bar emitted for `symbol`, kept after it is removed. */
  lastBar(symbol: string): Bar | undefined {
    return this.#slots.get(symbol)?.last;
  }

  /** The subscribed symbols, in subscription order. */
  activeSymbols(): string[] {
    return [...this.#slots.values()]
      .filter((slot) => slot.active)
      .sort((a, b) => a.order - b.order)
      .map((slot) => slot.symbol);
  }

  /** Timestamp of the next bar, or `undefined` when every subscribed stream has ended. */
  peekTs(): number | undefined {
    return this.#count === 0 ? undefined : (this.#ring[this.#first] as MergeSlot).headTs;
  }

  /** The next bar in (ts, subscription order), or `undefined` at the end. */
  next(): Bar | undefined {
    if (this.#count === 0) return undefined;
    const first = this.#first;
    const top = this.#ring[first] as MergeSlot;
    this.#ring[first] = undefined;
    this.#first = (first + 1) & this.#mask;
    this.#count--;
    top.queued = false;
    const bar = top.head as Bar;
    top.last = bar;
    this.#lastTs = top.headTs;
    this.#advance(top);
    if (top.head !== undefined) this.#insert(top);
    return bar;
  }

  #advance(slot: MergeSlot): void {
    const head = slot.stream.next();
    slot.head = head;
    slot.headTs = head === undefined ? Number.POSITIVE_INFINITY : head.ts;
  }

  /** Inserts `slot` at its sorted place, walking back from the tail. */
  #insert(slot: MergeSlot): void {
    if (this.#count === this.#ring.length) this.#grow();
    const ring = this.#ring;
    const mask = this.#mask;
    const first = this.#first;
    let index = this.#count;
    while (index > 0) {
      const previous = ring[(first + index - 1) & mask] as MergeSlot;
      if (!before(slot, previous)) break;
      ring[(first + index) & mask] = previous;
      index--;
    }
    ring[(first + index) & mask] = slot;
    this.#count++;
    slot.queued = true;
  }

  /** Takes `slot` out of the ring, closing the gap. */
  #dequeue(slot: MergeSlot): void {
    const ring = this.#ring;
    const mask = this.#mask;
    const first = this.#first;
    let index = 0;
    while (ring[(first + index) & mask] !== slot) index++;
    for (; index < this.#count - 1; index++) {
      ring[(first + index) & mask] = ring[(first + index + 1) & mask];
    }
    ring[(first + index) & mask] = undefined;
    this.#count--;
    slot.queued = false;
  }

  #grow(): void {
    const ring = new Array<MergeSlot | undefined>(this.#ring.length * 2).fill(undefined);
    for (let i = 0; i < this.#count; i++) ring[i] = this.#ring[(this.#first + i) & this.#mask];
    this.#ring = ring;
    this.#mask = ring.length - 1;
    this.#first = 0;
  }
}
