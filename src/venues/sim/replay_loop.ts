/**
 * The replay loop: drives merged bars through the clock, the broker and the bus.
 *
 * @module
 */
import { setImmediate } from "node:timers";
import type { TradingBus } from "../../bus/mod.ts";
import type { Bar, ManualClock } from "../../model/mod.ts";
import type { BarMerger } from "./bar_merge.ts";

/** Waits `ms` milliseconds; may return early when `signal` aborts. Injected in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Something that must see each bar before strategies do: the simulated broker. */
export interface BarProcessor {
  /** Called with each bar after the clock is set to `bar.ts`, before the bar is published. */
  onBar(bar: Bar): void;
}

/** How many bars the loop publishes between two macrotask yields at speed "max". */
export const DEFAULT_YIELD_EVERY = 4096;

/** Settings of a {@link ReplayLoop}. */
export interface ReplayLoopOptions {
  /** The merged streams of the subscribed symbols. */
  readonly merger: BarMerger;
  /** The venue clock, set to each bar's `ts`. */
  readonly clock: ManualClock;
  /** Sees each bar before it is published (fills at that bar happen first). */
  readonly broker: BarProcessor;
  /** `"max"`: as fast as possible; a positive number: real-time multiplier. */
  readonly speed: "max" | number;
  /** Bar size in ms; at a numeric speed the loop waits `barSizeMs / speed` between timestamps. */
  readonly barSizeMs: number;
  /** Injected wait (tests); default a timer that ends early on abort. */
  readonly sleep?: Sleep;
  /** Bars between macrotask yields at speed "max" (default {@link DEFAULT_YIELD_EVERY}). */
  readonly yieldEvery?: number;
}

/** Waits `ms` ms with a timer, ending early (and clearing the timer) when `signal` aborts. */
export function sleepWithTimer(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Replays the merged bars on the bus given to {@link ReplayLoop.attach}. For each bar: the clock is set to `bar.ts`, the
 * broker matches working orders against it, then the bar is published on the
 * bus topic `bar` (synchronously, in the loop's stack).
 *
 * At speed `"max"` the loop runs synchronously and yields one macrotask every
 * `yieldEvery` bars, so signal handlers (SIGINT) and timers get to run; the
 * per-bar path allocates nothing. At a numeric speed it waits
 * `barSizeMs / speed` ms before each new timestamp (not before the first, and
 * not between bars sharing a timestamp; gaps in the data are not waited out).
 *
 * `run` resolves when the data ends, the signal aborts or {@link stop} is
 * called; an exception from a bus handler ends the run and rejects it.
 *
 * @example
 * ```ts
 * const loop = new ReplayLoop({ merger, clock, broker, speed: "max", barSizeMs: 60_000 });
 * loop.attach(bus);
 * await loop.run(AbortSignal.timeout(60_000));
 * ```
 */
export class ReplayLoop {
  readonly #options: ReplayLoopOptions;
  readonly #yieldEvery: number;
  readonly #sleep: Sleep;
  #stopped = false;
  #running = false;
  #published = 0;
  #controller: AbortController | undefined;
  #bus: TradingBus | undefined;

  /** Validates the speed, bar size and yield interval. */
  constructor(options: ReplayLoopOptions) {
    if (options.speed !== "max" && !(options.speed > 0 && Number.isFinite(options.speed))) {
      throw new RangeError(`speed must be "max" or a positive number, got ${options.speed}`);
    }
    if (!(options.barSizeMs > 0)) {
      throw new RangeError(`bar size must be > 0 ms, got ${options.barSizeMs}`);
    }
    const yieldEvery = options.yieldEvery ?? DEFAULT_YIELD_EVERY;
    if (!Number.isSafeInteger(yieldEvery) || yieldEvery < 1) {
      throw new RangeError(`yieldEvery must be an integer >= 1, got ${yieldEvery}`);
    }
    this.#options = options;
    this.#yieldEvery = yieldEvery;
    this.#sleep = options.sleep ?? sleepWithTimer;
  }

  /** Sets the bus bars are published on (topic `bar`). */
  attach(bus: TradingBus): void {
    this.#bus = bus;
  }

  /** Bars published so far. */
  get barsPublished(): number {
    return this.#published;
  }

  /** Replays until the data ends, `signal` aborts or {@link stop} is called. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#bus === undefined) throw new Error("the replay has no bus: call attach(bus) first");
    if (this.#running) throw new Error("the replay is already running");
    if (this.#stopped || signal.aborted) return;
    this.#running = true;
    const controller = new AbortController();
    this.#controller = controller;
    const onAbort = () => this.stop();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      if (this.#options.speed === "max") {
        while (this.#pump(this.#yieldEvery)) await nextMacrotask();
      } else {
        await this.#paced(this.#options.barSizeMs / this.#options.speed, controller.signal);
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
      this.#running = false;
      this.#controller = undefined;
    }
  }

  /** Ends the replay at the next bar (or wait); later `run` calls return at once. */
  stop(): void {
    this.#stopped = true;
    this.#controller?.abort();
  }

  /** Publishes up to `limit` bars; false when the data ended or the loop was stopped. */
  #pump(limit: number): boolean {
    const { merger, clock, broker } = this.#options;
    const bus = this.#bus as TradingBus;
    let count = 0;
    try {
      while (count < limit) {
        if (this.#stopped) return false;
        const bar = merger.next();
        if (bar === undefined) return false;
        clock.set(bar.ts);
        broker.onBar(bar);
        bus.publish("bar", bar);
        count++;
      }
      return !this.#stopped;
    } finally {
      this.#published += count;
    }
  }

  async #paced(waitMs: number, signal: AbortSignal): Promise<void> {
    const { merger } = this.#options;
    let first = true;
    while (!this.#stopped && merger.peekTs() !== undefined) {
      if (!first) await this.#sleep(waitMs, signal);
      first = false;
      const ts = merger.peekTs();
      if (this.#stopped || ts === undefined) return;
      this.#publishTimestamp(ts);
    }
  }

  /** Publishes every bar stamped `ts`. */
  #publishTimestamp(ts: number): void {
    const { merger, clock, broker } = this.#options;
    const bus = this.#bus as TradingBus;
    while (!this.#stopped && merger.peekTs() === ts) {
      const bar = merger.next() as Bar;
      clock.set(bar.ts);
      broker.onBar(bar);
      bus.publish("bar", bar);
      this.#published++;
    }
  }
}
