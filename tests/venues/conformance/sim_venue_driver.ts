/**
 * The conformance driver of the simulated venue: a real {@link SimVenue} whose
 * replay loop publishes one bar per symbol each time the suite steps the
 * market.
 *
 * The replay runs at a numeric speed with an injected wait: the loop
 * publishes the bars of one timestamp, then waits; a step fills in the next
 * bars and ends the wait, and is over when the loop waits again (bars,
 * matching and events are synchronous in between). The merger always holds
 * each stream's next bar, so a stream hands out a bar whose time and prices
 * the step fills in before the loop publishes it.
 *
 * @module
 */
import { createTradingBus } from "../../../src/bus/mod.ts";
import { type Bar, toDecimal } from "../../../src/model/mod.ts";
import {
  type BarSource,
  type BarStream,
  SimVenue,
  simVenueOptions,
} from "../../../src/venues/sim/mod.ts";
import { VenueEventLog } from "./_event_log.ts";
import {
  PARTIAL_FILL_SHARE,
  type SessionOptions,
  type VenueDriver,
  type VenueSession,
} from "./venue_driver.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 2024-01-02 14:30 UTC, a market open. */
const START = Date.UTC(2024, 0, 2, 14, 30);
/** A symbol the source has but no session subscribes: the sim broker rejects its orders. */
const UNSUBSCRIBED = "SPY";

type MutableBar = { -readonly [K in keyof Bar]: Bar[K] };

/** Bars whose prices and times are decided when a step releases them. */
class SteppedBarSource implements BarSource {
  readonly description = "conformance market steps";
  /** The bar each stream handed out last: the next one the replay will publish. */
  readonly pending = new Map<string, MutableBar>();
  readonly lastPrice = new Map<string, number>();

  constructor(prices: Readonly<Record<string, number>>) {
    for (const [symbol, price] of Object.entries(prices)) this.lastPrice.set(symbol, price);
  }

  has(_symbol: string): boolean {
    return true;
  }

  open(symbol: string): BarStream {
    let ts = START;
    return {
      next: () => {
        const price = this.lastPrice.get(symbol) ?? 100;
        const bar = { symbol, ts, open: price, high: price, low: price, close: price, volume: 100 };
        ts += MINUTE;
        this.pending.set(symbol, bar);
        return bar;
      },
    };
  }

  history(): Bar[] {
    return [];
  }

  firstTimestamp(): number {
    return START;
  }
}

/** Hands the replay loop a wait that a step ends, and tells when the loop waits again. */
class ReplayGate {
  #release: (() => void) | undefined;
  #parked: PromiseWithResolvers<void> = Promise.withResolvers();

  /** The replay loop's `sleep`: parks until {@link release} (or the venue stops). */
  readonly sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        this.#release = undefined;
        resolve();
      };
      signal?.addEventListener("abort", done, { once: true });
      this.#release = done;
      this.#parked.resolve();
    });

  /** Resolves once the loop waits (it has published everything before). */
  parked(): Promise<void> {
    return this.#parked.promise;
  }

  /** Lets the loop publish the next timestamp; resolves when it waits again. */
  release(): Promise<void> {
    const release = this.#release;
    if (release === undefined) throw new Error("the replay is not waiting for a step");
    this.#parked = Promise.withResolvers();
    const parked = this.#parked.promise;
    release();
    return parked;
  }

  /** Makes the current and later waits for the loop fail with `error`. */
  fail(error: unknown): void {
    this.#parked.reject(error);
    this.#parked.promise.catch(() => {});
  }
}

/** Drives a {@link SimVenue} through its replay loop (see the module docs). */
export const simVenueDriver: VenueDriver = {
  name: "SimVenue",
  async start(options: SessionOptions): Promise<VenueSession> {
    const source = new SteppedBarSource(options.prices);
    const gate = new ReplayGate();
    const venue = new SimVenue(
      simVenueOptions({
        speed: 1,
        partialFillRatio: toDecimal(options.partialFills ? PARTIAL_FILL_SHARE : 1),
      }),
      { barSizeMs: MINUTE, source, sleep: gate.sleep },
    );
    const bus = createTradingBus();
    const events = new VenueEventLog(bus);
    await venue.connect(bus);
    for (const symbol of Object.keys(options.prices)) await venue.marketData.subscribe(symbol);
    const stop = new AbortController();
    const running = venue.run(stop.signal);
    running.catch((error) => gate.fail(error));
    await gate.parked(); // the first bars are out: the replay has started
    let dayOffset = 0;
    let time = START;
    const release = (prices: ReadonlyMap<string, number>): Promise<void> => {
      time += MINUTE;
      for (const bar of source.pending.values()) {
        const price = prices.get(bar.symbol) ?? source.lastPrice.get(bar.symbol) ?? bar.open;
        source.lastPrice.set(bar.symbol, price);
        bar.ts = time + dayOffset;
        bar.open =
          bar.high =
          bar.low =
          bar.close =
            price;
      }
      return gate.release();
    };
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        stop.abort();
        await venue.close();
        await running;
      })();
      return closing;
    };
    return {
      venue,
      events,
      step: (symbol, price) => release(new Map([[symbol, price]])),
      endDay: () => {
        dayOffset += DAY; // the next bar opens the next UTC day: DAY orders expire at it
        return release(new Map());
      },
      rejectedSymbol: () => Promise.resolve(UNSUBSCRIBED),
      settle: () => Promise.resolve(),
      close,
      [Symbol.asyncDispose]: close,
    };
  },
};
