/**
 * The simulated venue: a replayed or synthetic feed, a simulated broker and
 * account behind the same {@link Venue} contract as Interactive Brokers.
 *
 * @module
 */
import type { TradingBus } from "../../bus/mod.ts";
import {
  ALWAYS_OPEN_CALENDAR,
  type TradingCalendar,
  US_EQUITIES_CALENDAR,
} from "../../calendar/mod.ts";
import { type AccountSnapshot, type Decimal, ManualClock, toDecimal } from "../../model/mod.ts";
import type { Venue, VenueEndpoint } from "../../venue/mod.ts";
import { BarMerger } from "./bar_merge.ts";
import type { BarSource } from "./bar_source.ts";
import { createBarSource } from "./bar_source_factory.ts";
import { ReplayLoop, type Sleep } from "./replay_loop.ts";
import { SimAccount } from "./sim_account.ts";
import { SimBroker } from "./sim_broker.ts";
import { SimMarketData } from "./sim_market_data.ts";
import type { SimVenueOptions } from "./sim_venue_options.ts";

/** Initial cash of the simulated account when none is given: USD 1,000,000. */
export const DEFAULT_INITIAL_CASH: Decimal = toDecimal(1_000_000);

/** Run-time settings of a {@link SimVenue} that are not part of the graph's venue config. */
export interface SimVenueRuntimeOptions {
  /** The graph's bar size in ms (`settings.bar_size`): the synthetic time step. */
  readonly barSizeMs: number;
  /**
   * Spacing of the replayed bars in ms when it is not `barSizeMs` (CSV minute
   * bars replayed for a 5m graph): real-time pacing uses it and the
   * coordinator aggregates the bars (see {@link SimMarketData}).
   */
  readonly sourceBarSizeMs?: number;
  /** Bars to replay instead of the source `config.feed` describes (CSV files read before the run, tests, benchmarks). */
  readonly source?: BarSource;
  /** Wait used at a numeric speed (tests inject one that records durations). */
  readonly sleep?: Sleep;
  /** Starting cash of the account (default {@link DEFAULT_INITIAL_CASH}). */
  readonly initialCash?: Decimal;
  /** Bars between macrotask yields at speed "max" (default 4096). */
  readonly yieldEvery?: number;
  /**
   * The replayed market's calendar. Default: {@link US_EQUITIES_CALENDAR} for
   * `feed: csv` (real US stock bars), {@link ALWAYS_OPEN_CALENDAR} for the
   * synthetic feed, whose bars run in continuous time.
   */
  readonly calendar?: TradingCalendar;
}

/**
 * A {@link Venue} whose market time is the replayed bars' time (a
 * {@link ManualClock}). `connect` builds the bar source unless one was given
 * (reading CSV files if the feed is csv; the run command reads them before it
 * opens its log and passes them as `source`), sets the clock to the first bar's time (it reads
 * `-Infinity` before, and after connecting to a source without bars), publishes a
 * `venue_health` `connected` event and resolves with the `"SIM"` account
 * snapshot. `run` replays the subscribed symbols (see {@link ReplayLoop}) and
 * resolves at the end of the data or on abort; `close` stops a running replay
 * and is idempotent.
 *
 * @example
 * ```ts
 * const venue = new SimVenue(simVenueOptions({ seed: 7 }), { barSizeMs: 60_000 });
 * const bus = createTradingBus();
 * await venue.connect(bus);
 * await venue.marketData.subscribe("AAPL");
 * bus.subscribe("bar", (bar) => console.log(bar.close));
 * await venue.run(new AbortController().signal);
 * await venue.close();
 * ```
 */
export class SimVenue implements Venue {
  /** Always `{ kind: "sim" }`. */
  readonly endpoint: VenueEndpoint = Object.freeze({ kind: "sim" as const });
  /**
   * Market time: the `ts` of the bar being replayed. It reads `-Infinity`
   * (not started) until `connect` sets it to the first bar's time, so that
   * any first time, 1962 as well as 2024, moves it (a clock started at 0, the
   * epoch, would ignore every time before 1970).
   */
  readonly clock: ManualClock = new ManualClock(Number.NEGATIVE_INFINITY);
  /** Subscriptions (select the replayed symbols) and history. */
  readonly marketData: SimMarketData;
  /** Simulated order matching. */
  readonly broker: SimBroker;
  /** The `"SIM"` account. */
  readonly account: SimAccount;
  /** The replayed market's calendar (see {@link SimVenueRuntimeOptions.calendar}). */
  readonly calendar: TradingCalendar;
  readonly #config: SimVenueOptions;
  readonly #runtime: SimVenueRuntimeOptions;
  readonly #loop: ReplayLoop;
  #connecting: Promise<AccountSnapshot> | undefined;
  #bus: TradingBus | undefined;
  #closed = false;

  /**
   * Validates the settings (bar size, speed, slippage, commissions, partial
   * fill ratio, initial cash); the bar source is built by `connect`.
   *
   * @throws {RangeError} naming the invalid setting.
   */
  constructor(config: SimVenueOptions, options: SimVenueRuntimeOptions) {
    for (const size of [options.barSizeMs, options.sourceBarSizeMs ?? options.barSizeMs]) {
      if (!Number.isSafeInteger(size) || size <= 0) {
        throw new RangeError(`bar size must be a positive integer of ms, got ${size}`);
      }
    }
    this.#config = config;
    this.#runtime = options;
    this.calendar = options.calendar ??
      (config.feed === "csv" ? US_EQUITIES_CALENDAR : ALWAYS_OPEN_CALENDAR);
    const merger = new BarMerger();
    const aggregated = options.sourceBarSizeMs !== undefined &&
      options.sourceBarSizeMs !== options.barSizeMs;
    this.marketData = new SimMarketData(
      merger,
      aggregated ? { sourceBarSizeMs: options.sourceBarSizeMs } : {},
    );
    this.broker = new SimBroker({
      clock: this.clock,
      slippageBps: config.slippageBps,
      commission: config.commission,
      partialFillRatio: config.partialFillRatio,
      isStreaming: (symbol) => merger.isActive(symbol),
    });
    this.account = new SimAccount({
      initialCash: options.initialCash ?? DEFAULT_INITIAL_CASH,
      ledger: this.broker.ledger,
      lastPrice: (symbol) => this.marketData.lastPrice(symbol),
    });
    this.#loop = new ReplayLoop({
      merger,
      clock: this.clock,
      broker: this.broker,
      speed: config.speed,
      barSizeMs: options.sourceBarSizeMs ?? options.barSizeMs,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.yieldEvery === undefined ? {} : { yieldEvery: options.yieldEvery }),
    });
  }

  /** Bars published by `run` so far. */
  get barsPublished(): number {
    return this.#loop.barsPublished;
  }

  /** Builds the source, attaches everything to `bus`; connecting again with the same bus is harmless. */
  connect(bus: TradingBus): Promise<AccountSnapshot> {
    if (this.#closed) return Promise.reject(new Error("sim venue is closed"));
    if (this.#bus !== undefined && this.#bus !== bus) {
      return Promise.reject(new Error("sim venue is already connected to another bus"));
    }
    this.#bus = bus;
    this.#connecting ??= this.#connect(bus);
    return this.#connecting;
  }

  async #connect(bus: TradingBus): Promise<AccountSnapshot> {
    const source = this.#runtime.source ??
      await createBarSource(this.#config, this.#runtime.barSizeMs);
    this.marketData.attach(source);
    this.broker.attach(bus);
    this.#loop.attach(bus);
    const first = source.firstTimestamp();
    if (first !== undefined) this.clock.set(first);
    bus.publish("venue_health", {
      kind: "connected",
      message: `sim venue connected: ${source.description}`,
      ts: this.clock.now(),
    });
    return this.account.snapshotNow();
  }

  /** Replays the subscribed symbols until the data ends or `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#connecting === undefined) {
      throw new Error("sim venue is not connected: call connect(bus) first");
    }
    await this.#connecting;
    await this.#loop.run(signal);
  }

  /** Stops a running replay; idempotent. */
  close(): Promise<void> {
    this.#closed = true;
    this.#loop.stop();
    return Promise.resolve();
  }
}
