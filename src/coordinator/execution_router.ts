/**
 * Routes venue order statuses and executions to the order store, the books,
 * telemetry and the owning strategy.
 *
 * @module
 */
import type { Fill, OrderStatusEvent } from "../model/mod.ts";
import type { OrderStore } from "../orders/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** Services of an {@link ExecutionRouter}. */
export interface ExecutionRouterOptions {
  /** The run's orders. */
  readonly store: OrderStore;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** The host of a strategy id. */
  readonly host: (strategyId: string) => StrategyHost | undefined;
  /** A modification of a strategy's working order in a symbol was answered. */
  readonly onAmendmentAnswered: (
    strategyId: string,
    symbol: string,
    outcome: "accepted" | "rejected",
  ) => void;
  /** Called after each applied fill, rejection or amendment answer, e.g. to drain new intents. */
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
    const { store, portfolio, telemetry } = this.#options;
    const order = store.get(fill.orderId);
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
    const strategyId = order.strategyId;
    if (!portfolio.applyFill(strategyId, fill)) {
      telemetry.emit(
        "order.duplicate_fill",
        { order_id: fill.orderId, exec_id: fill.execId },
        strategyId,
      );
      return;
    }
    store.bookExecution(fill);
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
    const { store, telemetry } = this.#options;
    const before = store.get(event.orderId);
    if (before === undefined) {
      telemetry.emit("order.unknown_status", { order_id: event.orderId, status: event.status });
      return;
    }
    const wasTerminal = before.terminal;
    const amended = event.amendment !== undefined && before.pendingAmendment !== undefined;
    const order = store.applyStatus(event) ?? before;
    const strategyId = order.strategyId;
    if (amended) {
      const amendment = event.amendment as NonNullable<typeof event.amendment>;
      telemetry.emit(
        amendment.outcome === "accepted" ? "order.amended" : "order.amendment_rejected",
        {
          order_id: order.id,
          symbol: order.symbol,
          quantity: amendment.quantity,
          limit_price: amendment.limitPrice,
          filled: event.filled,
          reason: event.reason,
        },
        strategyId,
      );
      if (amendment.outcome === "rejected") {
        this.#options.host(strategyId)?.deliverDenial({
          strategyId,
          symbol: order.symbol,
          rule: "venue_amend_reject",
          reason: event.reason ?? "the venue refused the modification",
          quantity: order.outstanding,
          ts: event.ts,
        });
      }
      this.#options.onAmendmentAnswered(strategyId, order.symbol, amendment.outcome);
    }
    if (!wasTerminal && (order.terminal || !amended)) {
      telemetry.emit("order.status", {
        order_id: event.orderId,
        symbol: order.symbol,
        status: event.status,
        filled: event.filled,
        remaining: event.remaining,
        avg_fill_price: event.avgFillPrice,
        reason: amended ? undefined : event.reason,
      }, strategyId);
    }
    if (!wasTerminal && event.status === "rejected") {
      this.#options.onRejected(strategyId, event.ts);
      this.#options.host(strategyId)?.deliverDenial({
        strategyId,
        symbol: order.symbol,
        rule: "venue_reject",
        reason: event.reason ?? "rejected by the venue",
        quantity: order.sign * order.quantity,
        ts: event.ts,
      });
    }
    this.#options.afterEvent();
  }
}
