/**
 * The parts of a stop: stop the strategies, cancel what works and wait for the
 * venue to confirm, unsubscribe each symbol once; and {@link shutDown}, which
 * runs them all in order.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { MarketDataService } from "../data/mod.ts";
import type { OrderStore } from "../orders/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import type { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import type { OrderPath } from "./order_path.ts";
import { describeError } from "../error_text.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** What {@link cancelWorkingOrders} works on. */
export interface CancelOptions {
  /** The run's bus (order statuses arrive there). */
  readonly bus: TradingBus;
  /** The run's orders. */
  readonly store: OrderStore;
  /** The path to the broker. */
  readonly proxy: CoordinatorBrokerProxy;
  /** Market time of the stop. */
  readonly ts: number;
  /** How long to wait for the venue to confirm, wall ms. */
  readonly timeoutMs: number;
}

/** What happened to the orders that worked when the stop began. */
export interface CancelReport {
  /** Orders the venue confirmed cancelled (or withdrew before sending). */
  readonly cancelled: string[];
  /** Orders that filled (or were rejected) before the cancel took effect. */
  readonly finishedOtherwise: string[];
  /** Orders still working when the wait ended (also terminal ones still awaiting executions). */
  readonly stillWorking: string[];
}

/**
 * Requests cancellation of every order the venue still works (a venue
 * withdraws orders it has not sent yet), then waits (event-driven, up to
 * `timeoutMs` of wall time) until every order has stopped working, terminal
 * ones awaiting executions included. Reports, of the orders it asked to
 * cancel, the confirmed cancels and those that filled or were rejected
 * first, and every order still working after the wait.
 */
export async function cancelWorkingOrders(options: CancelOptions): Promise<CancelReport> {
  const { bus, store, proxy, ts, timeoutMs } = options;
  // Terminal orders still waiting for executions are not cancelled, only waited for.
  const asked = store.workingOrders().filter((order) => !order.terminal);
  await Promise.all(asked.map((order) => proxy.cancel(order.id, ts)));
  if (store.workingCount > 0) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        offStatus();
        offFill();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const check = () => {
        if (store.workingCount === 0) done();
      };
      const offStatus = bus.subscribe("order_status", check);
      const offFill = bus.subscribe("fill", check);
    });
  }
  const report: CancelReport = {
    cancelled: [],
    finishedOtherwise: [],
    stillWorking: store.workingOrders().map((order) => order.id),
  };
  for (const { id } of asked) {
    const order = store.get(id);
    if (order === undefined || order.ending === undefined) continue;
    if (order.status === "cancelled") report.cancelled.push(id);
    else report.finishedOtherwise.push(id);
  }
  return report;
}

/** Releases every subscriber of every symbol: each symbol is unsubscribed at the venue once. */
export async function unsubscribeAll(data: MarketDataService, telemetry: Telemetry): Promise<void> {
  for (const symbol of data.subscribedSymbols()) {
    while (!(await data.release(symbol))) {
      // drop every subscriber; the last one unsubscribes at the venue
    }
    telemetry.emit("market_data.unsubscribed", { symbol });
  }
}

/** Calls every strategy's `onStop`; one that throws is reported (`stop_failed`) and the stop goes on. */
export function stopStrategies(hosts: Iterable<StrategyHost>, telemetry: Telemetry): void {
  for (const host of hosts) {
    const error = host.stop();
    if (error !== undefined) {
      telemetry.emit(
        "strategy.lifecycle",
        { phase: "stop_failed", error: describeError(error) },
        host.id,
      );
    }
  }
}

/** What {@link shutDown} works on. */
export interface ShutdownOptions {
  /** Why the run stops: logged with `stopping` and every strategy's `stopped`. */
  readonly reason: string;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** The run's order path (closed, cancelled, reconciled). */
  readonly orderPath: OrderPath;
  /** Subscriptions. */
  readonly data: MarketDataService;
  /** The strategies to stop. */
  readonly hosts: readonly StrategyHost[];
  /** The venue, closed last. */
  readonly venue: Venue;
  /** How long to wait for the venue to confirm cancellations, wall ms. */
  readonly cancelTimeoutMs: number;
  /** Whether the venue connected: then the books are reconciled with its positions. */
  readonly connected: boolean;
  /** Final metrics, when the run started. */
  readonly finalMetrics?: () => void;
  /** Called last, whatever failed before: detaches the coordinator from the bus. */
  readonly detach: () => void;
}

/**
 * Every step of a stop, logged from `coordinator.lifecycle` `stopping` on:
 * stops intake and the strategies, cancels working orders, unsubscribes each
 * symbol, reports final metrics, reconciles, gives each strategy its
 * `stopped` line, then (also when a step threw) closes the venue and detaches.
 */
export async function shutDown(options: ShutdownOptions): Promise<CancelReport> {
  const { reason, telemetry, orderPath, data, hosts } = options;
  telemetry.emit("coordinator.lifecycle", { phase: "stopping", reason });
  try {
    orderPath.close();
    stopStrategies(hosts, telemetry);
    const cancels = await orderPath.cancelAll(options.cancelTimeoutMs);
    await unsubscribeAll(data, telemetry);
    data.detach();
    options.finalMetrics?.();
    if (options.connected) await orderPath.reconcileAtStop();
    for (const host of hosts) {
      telemetry.emit("strategy.lifecycle", { phase: "stopped", reason }, host.id);
    }
    return cancels;
  } finally {
    try {
      await options.venue.close();
    } finally {
      options.detach();
    }
  }
}
