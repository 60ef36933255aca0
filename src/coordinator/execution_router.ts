/**
 * Routes venue order statuses and executions to the books, the working-order
 * tracker, the exposure ledger, telemetry and the owning strategy.
 *
 * @module
 */
import { decimalToNumber, type Fill, type OrderStatusEvent } from "../model/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { ExposureLedger } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { OrderTracker } from "./order_tracker.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** Services of an {@link ExecutionRouter}. */
export interface ExecutionRouterOptions {
  /** Our orders. */
  readonly tracker: OrderTracker;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** Account exposure for the RiskGuard. */
  readonly ledger: ExposureLedger;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** The host of a strategy id. */
  readonly host: (strategyId: string) => StrategyHost | undefined;
  /** Called after each applied fill or rejection, e.g. to drain new intents. */
  readonly afterEvent: () => void;
  /** Called on each venue rejection (for repeated-error health tracking). */
  readonly onRejected: (strategyId: string, ts: number) => void;
}

/**
 * Attributes every execution to the order (and so the strategy) that caused
 * it. Executions of orders this run did not send are reported as
 * `order.unattributed_fill` and change no book; a repeated execution id is
 * ignored, so recovery can safely re-deliver executions.
 */
export class ExecutionRouter {
  #options: ExecutionRouterOptions;

  /** Creates the router. */
  constructor(options: ExecutionRouterOptions) {
    this.#options = options;
  }

  /** Handles one execution. */
  onFill(fill: Fill): void {
    const { tracker, portfolio, ledger, telemetry } = this.#options;
    const order = tracker.get(fill.orderId);
    if (order === undefined) {
      telemetry.emit("order.unattributed_fill", {
        order_id: fill.orderId,
        exec_id: fill.execId,
        symbol: fill.symbol,
        side: fill.side,
        quantity: fill.quantity,
        price: fill.price,
      });
      return;
    }
    const strategyId = order.request.strategyId;
    if (!portfolio.applyFill(strategyId, fill)) {
      telemetry.emit(
        "order.duplicate_fill",
        { order_id: fill.orderId, exec_id: fill.execId },
        strategyId,
      );
      return;
    }
    tracker.applyFill(fill);
    const quantity = decimalToNumber(fill.quantity);
    ledger.fillApplied({
      orderId: fill.orderId,
      symbol: fill.symbol,
      quantity: fill.side === "BUY" ? quantity : -quantity,
      price: fill.price,
    });
    telemetry.emit("order.fill", {
      order_id: fill.orderId,
      exec_id: fill.execId,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      commission: fill.commission,
      position: portfolio.position(strategyId, fill.symbol),
    }, strategyId);
    this.#options.host(strategyId)?.deliverFill(fill);
    this.#options.afterEvent();
  }

  /** Handles one order status update. */
  onStatus(event: OrderStatusEvent): void {
    const { tracker, ledger, telemetry } = this.#options;
    const order = tracker.get(event.orderId);
    if (order === undefined) {
      telemetry.emit("order.unknown_status", { order_id: event.orderId, status: event.status });
      return;
    }
    const wasTerminal = order.terminal;
    tracker.applyStatus(event);
    if (wasTerminal) return;
    const strategyId = order.request.strategyId;
    if (order.terminal) ledger.orderFinished(event.orderId);
    telemetry.emit("order.status", {
      order_id: event.orderId,
      symbol: order.request.symbol,
      status: event.status,
      filled: event.filled,
      remaining: event.remaining,
      avg_fill_price: event.avgFillPrice,
      reason: event.reason,
    }, strategyId);
    if (event.status !== "rejected") return;
    this.#options.onRejected(strategyId, event.ts);
    this.#options.host(strategyId)?.deliverDenial({
      strategyId,
      symbol: order.request.symbol,
      rule: "venue_reject",
      reason: event.reason ?? "rejected by the venue",
      quantity: order.sign * order.quantity,
      ts: event.ts,
    });
    this.#options.afterEvent();
  }
}
