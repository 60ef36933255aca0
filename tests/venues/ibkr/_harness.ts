/**
 * Runs a graph through StrategyCoordinator + IbkrVenue + the real @stoqey/ib
 * client against a FakeTws, and waits on what the run publishes.
 *
 * @module
 */
import { createTradingBus, type TradingBus } from "../../../src/bus/mod.ts";
import { graphFromObject } from "../../../src/config/mod.ts";
import { type RunResult, StrategyCoordinator } from "../../../src/coordinator/mod.ts";
import type { TelemetryEvent, VenueHealthEvent } from "../../../src/model/mod.ts";
import { LiveTradingGuard } from "../../../src/risk/mod.ts";
import { EventName, IBApi } from "@stoqey/ib";
import { IbkrVenue, type IbkrVenueOptions } from "../../../src/venues/ibkr/mod.ts";
import type { FakeTws } from "../../fake_tws/mod.ts";
import { EventWaits } from "../../_support/mod.ts";
import { eventsNamed } from "../../coordinator/_harness.ts";

/** Folder of the test strategies. */
export const STRATEGIES_DIR = new URL("../../strategies/", import.meta.url).pathname;

/** Reconnect delays short enough for tests: 5 ms doubling to 20 ms, no jitter. */
export const FAST_BACKOFF = { initialMs: 5, maxMs: 20, jitter: 0 } as const;

/** 2025-01-02 15:00 UTC, a round 5-second boundary. */
export const T0 = Date.UTC(2025, 0, 2, 15, 0);

/** Options of {@link startIbkrRun}. */
export interface IbkrRunOptions {
  /** The fake TWS to connect to. */
  readonly tws: FakeTws;
  /** Graph as YAML gives it, without `venue`. */
  readonly graph: Record<string, unknown>;
  /** Extra `venue` keys (client_id, account, market_data_type, ...). */
  readonly venue?: Record<string, unknown>;
  /** Live guard; default: no --live flag. */
  readonly liveGuard?: LiveTradingGuard;
  /** Venue options; `backoff` defaults to {@link FAST_BACKOFF}. */
  readonly venueOptions?: IbkrVenueOptions;
}

/** A running scenario. */
export interface IbkrRun {
  /** The coordinator. */
  readonly coordinator: StrategyCoordinator;
  /** The venue. */
  readonly venue: IbkrVenue;
  /** The run's bus. */
  readonly bus: TradingBus;
  /** Every telemetry event so far. */
  readonly events: TelemetryEvent[];
  /** Every venue health event so far. */
  readonly health: VenueHealthEvent[];
  /** Resolves with `check()`'s first defined result, re-checked on every bus event. */
  waitFor<T>(check: () => T | undefined, description: string, timeoutMs?: number): Promise<T>;
  /** Decoder errors (code 505) any client of the venue reported. */
  readonly decoderErrors: string[];
  /** Requests a stop, waits for run() to end, stops the coordinator; fails on any 505. */
  finish(): Promise<RunResult>;
}

/** Events named `name`, optionally only those of `strategyId` (the coordinator tests' helper). */
export const named = eventsNamed;

/** `strategy.log` events with `message` of one strategy. */
export function logs(
  events: readonly TelemetryEvent[],
  strategyId: string,
  message: string,
): TelemetryEvent[] {
  return named(events, "strategy.log", strategyId).filter((e) => e.message === message);
}

/** Loads the graph, starts the coordinator (start(), then run() in the background). */
export async function startIbkrRun(options: IbkrRunOptions): Promise<IbkrRun> {
  const { tws } = options;
  const loaded = await graphFromObject(
    {
      venue: {
        type: "ibkr",
        host: tws.host,
        port: tws.port,
        client_id: 7,
        ...options.venue,
      },
      ...options.graph,
    },
    { strategiesDir: STRATEGIES_DIR, env: () => undefined },
  );
  if (loaded.config.venue.type !== "ibkr") throw new Error("the graph must use the ibkr venue");
  const decoderErrors: string[] = [];
  const venue = new IbkrVenue(loaded.config.venue, {
    backoff: FAST_BACKOFF,
    ...options.venueOptions,
    createClient: (creation) => {
      const ib = options.venueOptions?.createClient?.(creation) ?? new IBApi(creation);
      ib.on(EventName.error, (error: Error, code: number) => {
        if (code === 505) decoderErrors.push(error.message);
      });
      return ib;
    },
  });
  const bus = createTradingBus();
  const events: TelemetryEvent[] = [];
  const health: VenueHealthEvent[] = [];
  const waits = new EventWaits();
  const notify = () => waits.notify();
  bus.subscribe("telemetry", (event) => (events.push(event), notify()));
  bus.subscribe("venue_health", (event) => (health.push(event), notify()));
  bus.subscribe("bar", notify);
  bus.subscribe("tick", notify);
  bus.subscribe("fill", notify);
  bus.subscribe("order_status", notify);
  const coordinator = new StrategyCoordinator({
    graph: loaded.config,
    definitions: loaded.definitions,
    venue,
    liveGuard: options.liveGuard ?? new LiveTradingGuard({ liveFlag: false }),
    bus,
    realtimeCadenceMs: 60_000,
  });
  const finish = await startInBackground(
    coordinator,
    (phase) =>
      decoderErrors.length > 0
        ? new Error(`decoder error 505 during the ${phase}: ${decoderErrors.join(" | ")}`)
        : undefined,
  );
  return {
    coordinator,
    venue,
    bus,
    events,
    health,
    decoderErrors,
    waitFor: (check, description, timeoutMs) => waits.waitFor(check, description, timeoutMs),
    finish,
  };
}

/**
 * Starts `coordinator` (stopping it again and rethrowing when the start
 * fails), then runs it in the background. The returned `finish` requests a
 * stop ("test_done"), waits for run() to end and stops the coordinator, once
 * however often it is called. `failure`, when given, may replace the outcome
 * with an error: after a failed start (`"start"`) and after the stop (`"run"`).
 */
export async function startInBackground(
  coordinator: StrategyCoordinator,
  failure?: (phase: "start" | "run") => Error | undefined,
): Promise<() => Promise<RunResult>> {
  try {
    await coordinator.start();
  } catch (error) {
    await coordinator.stop();
    throw failure?.("start") ?? error;
  }
  const running = coordinator.run();
  let finished: Promise<RunResult> | undefined;
  return () => {
    finished ??= (async () => {
      coordinator.requestStop("test_done");
      await running;
      const result = await coordinator.stop();
      const error = failure?.("run");
      if (error !== undefined) throw error;
      return result;
    })();
    return finished;
  };
}

/** Pushes `n` flat 5-second bars of `symbol` at `price` to the fake TWS, starting `from` (epoch ms). */
export function pushBars(
  tws: FakeTws,
  symbol: string,
  from: number,
  n: number,
  price: number,
): void {
  for (let i = 0; i < n; i++) {
    tws.pushRealTimeBar(symbol, {
      time: (from + i * 5000) / 1000,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: 100,
    });
  }
}
