/**
 * The parts of a stop: stop the strategies, cancel what works and wait for the
 * venue to confirm, unsubscribe each symbol once.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { MarketDataService } from "../data/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { describeError } from "./_build_hosts.ts";
import type { OrderTracker } from "./order_tracker.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** What {@link cancelWorkingOrders} works on. */
export interface CancelOptions {
  /** The run's bus (order statuses arrive there). */
  readonly bus: TradingBus;
  /** Our orders. */
  readonly tracker: OrderTracker;
  /** The path to the broker. */
  readonly proxy: CoordinatorBrokerProxy;
  /** How long to wait for the venue to confirm, wall ms. */
  readonly timeoutMs: number;
}

/**
 * Requests cancellation of every working order, then waits (event-driven,
 * up to `timeoutMs` of wall time) until the venue has confirmed each one.
 * Returns how many were cancelled and the ids still working afterwards.
 */
export async function cancelWorkingOrders(
  options: CancelOptions,
): Promise<{ cancelled: number; stillWorking: string[] }> {
  const { bus, tracker, proxy, timeoutMs } = options;
  const working = tracker.workingOrders();
  await Promise.all(working.map((order) => proxy.cancel(order.request.id)));
  if (tracker.workingCount > 0) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const off = bus.subscribe("order_status", () => {
        if (tracker.workingCount === 0) done();
      });
    });
  }
  return {
    cancelled: working.length,
    stillWorking: tracker.workingOrders().map((order) => order.request.id),
  };
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
