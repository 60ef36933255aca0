/**
 * Shared set-up of the coordinator tests: a graph from a plain object, the
 * test strategies in ./strategies, a simulated venue replaying given bars,
 * and every telemetry event captured in memory.
 *
 * @module
 */
import { graphFromObject } from "../../src/config/mod.ts";
import { type RunResult, StrategyCoordinator } from "../../src/coordinator/mod.ts";
import type { Bar, TelemetryEvent } from "../../src/model/mod.ts";
import { LiveTradingGuard, type RiskCheck } from "../../src/risk/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import { ArrayBarSource, SimVenue } from "../../src/venues/sim/mod.ts";
import { createTradingBus, type TradingBus } from "../../src/bus/mod.ts";
import { barSizeMs } from "../../src/model/mod.ts";
import type { TradingCalendar } from "../../src/calendar/mod.ts";

/** Folder of the test strategies. */
export const TEST_STRATEGIES = new URL("../strategies/", import.meta.url).pathname;

/** Start of the test bars: 2024-01-02 14:30 UTC. */
export const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** One-minute bars of `symbol` with the given closes (open = previous close). */
export function minuteBars(symbol: string, closes: readonly number[]): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1] as number;
    return {
      symbol,
      ts: T0 + i * 60_000,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: 1_000,
    };
  });
}

/** `n` one-minute bars of `symbol` at a constant price. */
export function flatBars(symbol: string, n: number, price = 100): Bar[] {
  return minuteBars(symbol, Array.from({ length: n }, () => price));
}

/** Options of {@link runScenario}. */
export interface ScenarioOptions {
  /** Graph as YAML would give it (snake_case); `venue` defaults to sim. */
  readonly graph: Record<string, unknown>;
  /** Bars per symbol to replay; absent means the graph's own feed (e.g. synthetic). */
  readonly bars?: Readonly<Record<string, readonly Bar[]>>;
  /** Extra RiskGuard checks. */
  readonly riskChecks?: readonly RiskCheck[];
  /** Replaces the default (sim-only) live guard. */
  readonly liveGuard?: LiveTradingGuard;
  /** Wraps the simulated venue, e.g. to count calls or fake an IBKR endpoint. */
  readonly wrapVenue?: (venue: SimVenue) => Venue;
  /** Bars between the replay's macrotask yields (default: the venue's); 1 lets async work run between bars. */
  readonly yieldEvery?: number;
  /** The replayed market's calendar (default: the sim venue's, always open for given bars). */
  readonly calendar?: TradingCalendar;
  /** Called with the bus before the coordinator subscribes (its handlers run first). */
  readonly onBus?: (bus: TradingBus) => void;
  /** Called with the coordinator before it starts. */
  readonly onCoordinator?: (coordinator: StrategyCoordinator) => void;
}

/** What a scenario produced. */
export interface Scenario {
  /** How the run ended (absent when start failed). */
  readonly result?: RunResult;
  /** The start error, when start failed. */
  readonly startError?: unknown;
  /** Every telemetry event, in order. */
  readonly events: TelemetryEvent[];
  /** The coordinator. */
  readonly coordinator: StrategyCoordinator;
}

/** Events named `name`, optionally only those of `strategyId`. */
export function eventsNamed(
  events: readonly TelemetryEvent[],
  name: string,
  strategyId?: string,
): TelemetryEvent[] {
  return events.filter((e) =>
    e.event === name && (strategyId === undefined || e.strategy_id === strategyId)
  );
}

/** Builds the graph, runs it on the simulated venue to the end of the bars, and collects telemetry. */
export async function runScenario(options: ScenarioOptions): Promise<Scenario> {
  const loaded = await graphFromObject(
    { venue: { type: "sim" }, ...options.graph },
    { strategiesDir: TEST_STRATEGIES, env: () => undefined },
  );
  const sim = new SimVenue(
    loaded.config.venue.type === "sim" ? loaded.config.venue : (() => {
      throw new Error("scenario graphs run on the sim venue");
    })(),
    {
      barSizeMs: barSizeMs(loaded.config.settings.barSize),
      ...(options.bars === undefined ? {} : { source: new ArrayBarSource(options.bars) }),
      ...(options.yieldEvery === undefined ? {} : { yieldEvery: options.yieldEvery }),
      ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
    },
  );
  const bus = createTradingBus();
  const events: TelemetryEvent[] = [];
  bus.subscribe("telemetry", (event) => events.push(event));
  options.onBus?.(bus);
  const coordinator = new StrategyCoordinator({
    graph: loaded.config,
    definitions: loaded.definitions,
    venue: options.wrapVenue?.(sim) ?? sim,
    liveGuard: options.liveGuard ?? new LiveTradingGuard({ liveFlag: false }),
    bus,
    ...(options.riskChecks === undefined ? {} : { riskChecks: options.riskChecks }),
  });
  options.onCoordinator?.(coordinator);
  try {
    const result = await coordinator.execute();
    return { result, events, coordinator };
  } catch (startError) {
    return { startError, events, coordinator };
  }
}

/** A venue that delegates to `sim` but records every subscribe and unsubscribe call. */
export function countingVenue(sim: SimVenue, calls: string[]): Venue {
  const feed = sim.marketData;
  return {
    endpoint: sim.endpoint,
    clock: sim.clock,
    broker: sim.broker,
    account: sim.account,
    marketData: {
      subscribe: (symbol) => (calls.push(`subscribe ${symbol}`), feed.subscribe(symbol)),
      unsubscribe: (symbol) => (calls.push(`unsubscribe ${symbol}`), feed.unsubscribe(symbol)),
      history: (symbol, count, size) => feed.history(symbol, count, size),
    },
    connect: (bus) => sim.connect(bus),
    run: (signal) => sim.run(signal),
    close: () => sim.close(),
  };
}
