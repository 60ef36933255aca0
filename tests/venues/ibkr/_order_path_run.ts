/**
 * Starts a graph on StrategyCoordinator + IbkrVenue + the real @stoqey/ib
 * client against a FakeTws, like `startIbkrRun` in `_harness.ts`, with the
 * hooks the order path property test needs: extra RiskGuard checks, a bus
 * hook that runs before the coordinator subscribes, a record of every order
 * and modification the coordinator hands to the broker, a record of every
 * placeOrder the venue hands to the IBApi client, and a summary of what a
 * run exercised.
 *
 * @module
 */
import { EventName, IBApi } from "@stoqey/ib";
import {
  createTradingBus,
  EventBus,
  type TradingBus,
  type TradingTopics,
} from "../../../src/bus/mod.ts";
import { graphFromObject } from "../../../src/config/mod.ts";
import { type RunResult, StrategyCoordinator } from "../../../src/coordinator/mod.ts";
import type { OrderRequest, TelemetryEvent, VenueHealthEvent } from "../../../src/model/mod.ts";
import { LiveTradingGuard, type RiskCheck } from "../../../src/risk/mod.ts";
import type { Broker, Venue } from "../../../src/venue/mod.ts";
import { IbkrVenue, type IbkrVenueOptions } from "../../../src/venues/ibkr/mod.ts";
import type { FakeTws } from "../../fake_tws/mod.ts";
import { EventWaits } from "../../_support/mod.ts";
import { FAST_BACKOFF, startInBackground, STRATEGIES_DIR } from "./_harness.ts";

/** One order or modification the coordinator handed to the venue's broker. */
export interface BrokerHandoff {
  /** `submit` for a new order, `modify` for a modification. */
  readonly kind: "submit" | "modify";
  /** Our order id (the orderRef TWS sees). */
  readonly orderId: string;
  /** Total quantity the venue should place, as a decimal string. */
  readonly quantity: string;
  /** Whether the `stopping` lifecycle event had been published already. */
  readonly afterStopping: boolean;
}

/** One placeOrder the venue handed to the IBApi client. */
export interface ClientPlacement {
  /** IB order id. */
  readonly ibOrderId: number;
  /** Our order id. */
  readonly orderRef: string;
  /** Total quantity, as a decimal string. */
  readonly quantity: string;
  /** Whether the `stopping` lifecycle event had been published already. */
  readonly afterStopping: boolean;
}

/** Options of {@link startOrderPathRun}. */
export interface OrderPathRunOptions {
  /** The fake TWS to connect to. */
  readonly tws: FakeTws;
  /** Graph as YAML gives it, without `venue`. */
  readonly graph: Record<string, unknown>;
  /** Extra RiskGuard checks. */
  readonly riskChecks?: readonly RiskCheck[];
  /** Called with the run's bus before the coordinator subscribes (its handlers run first). */
  readonly onBus?: (bus: TradingBus) => void;
  /** Called with every order or modification before the broker gets it; may throw to refuse it. */
  readonly onHandoff?: (order: OrderRequest, kind: BrokerHandoff["kind"]) => void;
  /** Called with every IBApi client the venue builds, before it connects (to wrap calls). */
  readonly onClient?: (ib: IBApi) => void;
  /** Extra `venue` keys (client_id, max_requests_per_second, ...). */
  readonly venue?: Record<string, unknown>;
  /** Venue options; `backoff` defaults to {@link FAST_BACKOFF}. */
  readonly venueOptions?: IbkrVenueOptions;
  /** How long the stop waits for cancels, wall ms; default 2000. */
  readonly cancelTimeoutMs?: number;
}

/** A running scenario. */
export interface OrderPathRun {
  /** The coordinator. */
  readonly coordinator: StrategyCoordinator;
  /** The venue (unwrapped). */
  readonly venue: IbkrVenue;
  /** The run's bus. */
  readonly bus: TradingBus;
  /** Every telemetry event so far. */
  readonly events: TelemetryEvent[];
  /** Every venue health event so far. */
  readonly health: VenueHealthEvent[];
  /** Every broker handoff, in order. */
  readonly handoffs: BrokerHandoff[];
  /** Every placeOrder given to a client, in order. */
  readonly placements: ClientPlacement[];
  /** Decoder errors (code 505) any client of the venue reported. */
  readonly decoderErrors: string[];
  /** Resolves with `check()`'s first defined result, re-checked on every bus event. */
  waitFor<T>(check: () => T | undefined, description: string, timeoutMs?: number): Promise<T>;
  /** Requests a stop, waits for run() to end and stops the coordinator. */
  finish(): Promise<RunResult>;
}

/**
 * A bus view whose subscriptions go to `target`, each handler guarded: what a
 * handler throws goes to `onError` instead of into the publisher (a venue
 * socket handler would otherwise swallow it or crash).
 */
export class GuardedSubscriptions extends EventBus<TradingTopics> {
  readonly #target: TradingBus;
  readonly #onError: (error: unknown) => void;

  /** Subscribes on `target`; errors of handlers go to `onError`. */
  constructor(target: TradingBus, onError: (error: unknown) => void) {
    super();
    this.#target = target;
    this.#onError = onError;
  }

  /** Subscribes a guarded `handler` on the target bus. */
  override subscribe<K extends keyof TradingTopics>(
    topic: K,
    handler: (event: TradingTopics[K]) => void,
  ): () => void {
    return this.#target.subscribe(topic, (event) => {
      try {
        handler(event);
      } catch (error) {
        this.#onError(error);
      }
    });
  }
}

/** A broker that reports every order and modification before `inner` gets it. */
function recordingBroker(
  inner: Broker,
  record: (order: OrderRequest, kind: BrokerHandoff["kind"]) => void,
): Broker {
  return {
    submit: (order) => (record(order, "submit"), inner.submit(order)),
    modify: (order) => (record(order, "modify"), inner.modify(order)),
    cancel: (id) => inner.cancel(id),
    openOrders: () => inner.openOrders(),
    positions: () => inner.positions(),
    priceIncrement: (symbol, price) => inner.priceIncrement(symbol, price),
    flushExecutions: () => inner.flushExecutions?.(),
  };
}

/** Loads the graph, starts the coordinator (start(), then run() in the background). */
export async function startOrderPathRun(options: OrderPathRunOptions): Promise<OrderPathRun> {
  const { tws } = options;
  const loaded = await graphFromObject(
    {
      venue: { type: "ibkr", host: tws.host, port: tws.port, client_id: 7, ...options.venue },
      ...options.graph,
    },
    { strategiesDir: STRATEGIES_DIR, env: () => undefined },
  );
  if (loaded.config.venue.type !== "ibkr") throw new Error("the graph must use the ibkr venue");
  const decoderErrors: string[] = [];
  const handoffs: BrokerHandoff[] = [];
  const placements: ClientPlacement[] = [];
  let stopping = false;
  const venue = new IbkrVenue(loaded.config.venue, {
    backoff: FAST_BACKOFF,
    ...options.venueOptions,
    createClient: (creation) => {
      const ib = new IBApi(creation);
      ib.on(EventName.error, (error: Error, code: number) => {
        if (code === 505) decoderErrors.push(error.message);
      });
      const placeOrder = ib.placeOrder.bind(ib);
      ib.placeOrder = (id, contract, order) => {
        placements.push({
          ibOrderId: id,
          orderRef: order.orderRef ?? "",
          quantity: String(order.totalQuantity),
          afterStopping: stopping,
        });
        return placeOrder(id, contract, order);
      };
      options.onClient?.(ib);
      return ib;
    },
  });
  const wrapped: Venue = {
    endpoint: venue.endpoint,
    clock: venue.clock,
    realtime: venue.realtime,
    marketData: venue.marketData,
    account: venue.account,
    broker: recordingBroker(venue.broker, (order, kind) => {
      handoffs.push({
        kind,
        orderId: order.id,
        quantity: order.quantity.toString(),
        afterStopping: stopping,
      });
      options.onHandoff?.(order, kind);
    }),
    connect: (bus) => venue.connect(bus),
    run: (signal) => venue.run(signal),
    close: () => venue.close(),
  };
  const bus = createTradingBus();
  const events: TelemetryEvent[] = [];
  const health: VenueHealthEvent[] = [];
  const waits = new EventWaits();
  const notify = () => waits.notify();
  bus.subscribe("telemetry", (event) => {
    if (event.event === "coordinator.lifecycle" && event.phase === "stopping") {
      stopping = true;
    }
    events.push(event);
    notify();
  });
  bus.subscribe("venue_health", (event) => (health.push(event), notify()));
  for (const topic of ["bar", "tick", "fill", "order_status"] as const) {
    bus.subscribe(topic, notify);
  }
  options.onBus?.(bus);
  const coordinator = new StrategyCoordinator({
    graph: loaded.config,
    definitions: loaded.definitions,
    venue: wrapped,
    liveGuard: new LiveTradingGuard({ liveFlag: false }),
    bus,
    realtimeCadenceMs: 60_000,
    cancelTimeoutMs: options.cancelTimeoutMs ?? 2000,
    ...(options.riskChecks === undefined ? {} : { riskChecks: options.riskChecks }),
  });
  const finish = await startInBackground(coordinator);
  return {
    coordinator,
    venue,
    bus,
    events,
    health,
    handoffs,
    placements,
    decoderErrors,
    waitFor: (check, description, timeoutMs) => waits.waitFor(check, description, timeoutMs),
    finish,
  };
}

/** What one run exercised, summed over the runs for the report. */
export type RunCoverage = Record<
  | "steps"
  | "orders"
  | "modifications"
  | "placeOrders"
  | "executions"
  | "outageFills"
  | "rejects"
  | "drops"
  | "inFlightDrops"
  | "outages"
  | "heldIntents"
  | "withdrawn",
  number
>;

/** What `run` exercised (`inFlightDrops` is the caller's to fill in); `steps` as given. */
export function runCoverage(tws: FakeTws, run: OrderPathRun, steps: number): RunCoverage {
  const count = (name: string, where: (e: Record<string, unknown>) => boolean = () => true) =>
    run.events.filter((e) => e.event === name && where(e)).length;
  return {
    steps,
    orders: run.handoffs.filter((h) => h.kind === "submit").length,
    modifications: run.handoffs.filter((h) => h.kind === "modify").length,
    placeOrders: tws.count("PLACE_ORDER"),
    executions: tws.executions().length,
    outageFills: tws.executions().filter((e) => e.whileDisconnected).length,
    rejects: count("order.status", (e) => e.status === "rejected"),
    drops: run.health.filter((h) => h.kind === "disconnected" && h.code === undefined).length,
    inFlightDrops: 0,
    outages: run.health.filter((h) => h.kind === "disconnected" && h.code === 1100).length,
    heldIntents: count("coordinator.intent_held"),
    withdrawn: count("order.status", (e) => String(e.reason).startsWith("withdrawn before")),
  };
}
