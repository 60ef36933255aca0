/**
 * The order path of a run: the order store, the RiskGuard judging on it, the
 * broker proxy, the intent processor and the router of venue reports, wired
 * together, plus the order-side steps of outages and stops.
 *
 * @module
 */
import type { CapitalAllocationPolicy } from "../allocation/mod.ts";
import type { TradingBus } from "../bus/mod.ts";
import type { StrategyGraphConfig } from "../config/mod.ts";
import type { MarketDataService } from "../data/mod.ts";
import { type AccountSnapshot, type NetPosition, toDecimal } from "../model/mod.ts";
import { type ManagedOrder, OrderStore } from "../orders/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import { AccountExposure, type LiveTradingGuard, type RiskCheck, RiskGuard } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { describeError } from "../error_text.ts";
import { reconcileAtStop, reconcileWithVenue } from "./_reconcile.ts";
import { type CancelReport, cancelWorkingOrders } from "./_shutdown.ts";
import { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { ExecutionRouter } from "./execution_router.ts";
import { IntentProcessor } from "./intent_processor.ts";
import type { StrategyHost } from "./strategy_host.ts";

/**
 * How long an order that is terminal at the venue waits for executions it
 * reported but that have not arrived, in market ms, before it stops working
 * anyway (an `order.settle_timeout` event): IBKR sends executions within
 * seconds, its commission reports within 10 s.
 */
export const SETTLE_TIMEOUT_MS = 30_000;

/** What an {@link OrderPath} is built from. */
export interface OrderPathOptions {
  /** The validated graph (risk limits, intent expiry). */
  readonly graph: StrategyGraphConfig;
  /** The venue whose broker receives orders. */
  readonly venue: Venue;
  /** The run's bus (venue reports arrive there). */
  readonly bus: TradingBus;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** Envelopes. */
  readonly policy: CapitalAllocationPolicy;
  /** Prices and price cells. */
  readonly data: MarketDataService;
  /** Checked before every order and modification. */
  readonly liveGuard: LiveTradingGuard;
  /** Extra RiskGuard checks. */
  readonly riskChecks: readonly RiskCheck[];
  /** The latest account snapshot (orders only flow once it is set). */
  readonly account: () => AccountSnapshot;
  /** The host of a strategy id. */
  readonly host: (strategyId: string) => StrategyHost | undefined;
  /** Called on each venue rejection (repeated-error health tracking). */
  readonly onRejected: (strategyId: string, ts: number) => void;
}

/**
 * Owns the run's orders from intent to settlement. Venue reports reach it
 * through {@link listen}; a working order that ends (or whose modification
 * is answered) lets a target waiting for it be decided again.
 */
export class OrderPath {
  /** Every order of the run: the single source of truth for orders and working quantities. */
  readonly orders: OrderStore;
  /** The RiskGuard every order and modification passes once. */
  readonly riskGuard: RiskGuard;
  /** The intent queue. */
  readonly intents: IntentProcessor;
  #options: OrderPathOptions;
  #proxy: CoordinatorBrokerProxy;
  #router: ExecutionRouter;
  #startPositions: readonly NetPosition[] = [];

  /** Wires the parts; nothing is sent until intents arrive after start. */
  constructor(options: OrderPathOptions) {
    this.#options = options;
    const { graph, venue, bus, telemetry, portfolio, data } = options;
    this.orders = new OrderStore({ onStoppedWorking: (order) => this.#settled(order) });
    const price = (symbol: string) => data.price(symbol);
    this.riskGuard = new RiskGuard(graph.risk, {
      price,
      exposure: new AccountExposure(this.orders, { priceCell: (s) => data.priceCell(s) }),
      pnl: {
        exact: () => portfolio.marketNetPnl(),
        estimate: () => portfolio.marketNetPnlEstimate(),
        estimateErrorBound: () => portfolio.marketNetPnlErrorBound(),
      },
      checks: options.riskChecks,
      onStateChange: (change) =>
        telemetry.emit("strategy.coordinator", {
          kind: "trading_state",
          from: change.from,
          to: change.to,
          reason: change.reason,
        }),
    });
    this.#proxy = new CoordinatorBrokerProxy({
      broker: venue.broker,
      riskGuard: this.riskGuard,
      liveGuard: options.liveGuard,
      endpoint: venue.endpoint,
      account: options.account,
      store: this.orders,
      telemetry,
      onSendFailed: (order, error) =>
        bus.publish("order_status", {
          orderId: order.id,
          status: "rejected",
          filled: toDecimal(0),
          remaining: order.quantity,
          reason: `venue did not take the order: ${describeError(error)}`,
          ts: venue.clock.now(),
        }),
      onModifyFailed: (order, error) => this.#modifyFailed(order.id, describeError(error)),
      onCancelFailed: (order) => {
        const slot = options.host(order.strategyId)?.slot(order.symbol);
        if (slot !== undefined) this.intents.cancelFailed(slot);
      },
    });
    this.intents = new IntentProcessor({
      host: options.host,
      portfolio,
      policy: options.policy,
      price,
      proxy: this.#proxy,
      // Evaluated now, not at the next cadence: a loss that crossed the limit this bar cuts flips.
      tradingState: () => this.riskGuard.evaluateDailyLoss(venue.clock.now()),
      telemetry,
      now: () => venue.clock.now(),
      intentExpiryMs: graph.settings.intentExpirySeconds * 1000,
    });
    this.#router = new ExecutionRouter({
      store: this.orders,
      portfolio,
      telemetry,
      host: options.host,
      onAmendmentAnswered: (id, symbol, outcome) => {
        const slot = options.host(id)?.slot(symbol);
        if (slot !== undefined) this.intents.amendmentAnswered(slot, outcome);
      },
      afterEvent: () => this.intents.drain(),
      onRejected: options.onRejected,
    });
  }

  /** Routes the venue's fills and order statuses; returns the unsubscribe functions. */
  listen(): (() => void)[] {
    const bus = this.#options.bus;
    return [
      bus.subscribe("fill", (fill) => this.#router.onFill(fill)),
      bus.subscribe("order_status", (event) => this.#router.onStatus(event)),
    ];
  }

  /** Records what the account held before the run (exposure and reconciliation start there). */
  setStartPositions(positions: readonly NetPosition[]): void {
    this.#startPositions = positions;
    this.riskGuard.exposure.setStartPositions(positions);
  }

  /** Market time reached `ts` before its prices are marked: a new session day may start here. */
  marketTime(ts: number): void {
    if (ts >= this.riskGuard.sessionEndsAt) this.riskGuard.startSession(ts);
  }

  /** The cadence's order work: the daily-loss limit and executions overdue at market time `now`. */
  cadence(now: number): void {
    this.riskGuard.evaluateDailyLoss(now);
    for (const order of this.orders.endOverdue(now, SETTLE_TIMEOUT_MS)) {
      this.#options.telemetry.emit("order.settle_timeout", {
        order_id: order.id,
        symbol: order.symbol,
        status: order.status,
        reported_filled: order.reportedFilled,
        booked: order.booked,
        timeout_ms: SETTLE_TIMEOUT_MS,
      }, order.strategyId);
    }
    this.intents.retryFailedCancels();
  }

  /**
   * After an outage: reconciles orders and positions, then asks again to
   * cancel every order whose cancel was requested but not answered (the
   * request may have been lost with the connection); resolves with the new
   * account, if read.
   */
  async reconcileAfterOutage(): Promise<AccountSnapshot | undefined> {
    const { venue, portfolio, telemetry } = this.#options;
    const account = await reconcileWithVenue({
      venue,
      store: this.orders,
      portfolio,
      startPositions: this.#startPositions,
      telemetry,
    });
    const now = venue.clock.now();
    for (const order of this.orders.workingOrders()) {
      if (order.terminal || Number.isNaN(order.cancelRequestedAt)) continue;
      this.orders.cancelFailed(order.id);
      void this.#proxy.cancel(order.id, now);
    }
    return account;
  }

  /** The run is stopping: no intent is processed and no order or modification is sent any more. */
  close(): void {
    this.intents.stop();
    this.#proxy.close();
  }

  /**
   * Cancels every working order and waits for the venue (up to `timeoutMs`
   * of wall time), then has the venue publish executions it still holds back
   * (IBKR: waiting for a commission report), so the books are whole.
   */
  async cancelAll(timeoutMs: number): Promise<CancelReport> {
    const report = await cancelWorkingOrders({
      bus: this.#options.bus,
      store: this.orders,
      proxy: this.#proxy,
      ts: this.#options.venue.clock.now(),
      timeoutMs,
    });
    if (report.stillWorking.length === 0) return report;
    this.#options.venue.broker.flushExecutions?.();
    return { ...report, stillWorking: this.orders.workingOrders().map((order) => order.id) };
  }

  /** The stop's `coordinator.reconciliation`: start positions plus books against the broker. */
  reconcileAtStop(): Promise<void> {
    const { venue, portfolio, telemetry } = this.#options;
    return reconcileAtStop({ venue, portfolio, startPositions: this.#startPositions, telemetry });
  }

  #settled(order: ManagedOrder): void {
    const slot = this.#options.host(order.strategyId)?.slot(order.symbol);
    if (slot !== undefined) this.intents.orderSettled(slot);
  }

  /** The venue could not take a modification: it is answered as refused, the order works on. */
  #modifyFailed(orderId: string, error: string): void {
    const order = this.orders.get(orderId);
    if (order === undefined) return;
    this.#options.bus.publish("order_status", {
      orderId,
      status: order.status,
      filled: toDecimal(order.reportedFilled),
      remaining: toDecimal(Math.max(0, order.quantity - order.reportedFilled)),
      reason: `venue did not take the modification: ${error}`,
      amendment: { outcome: "rejected", quantity: order.request.quantity },
      ts: this.#options.venue.clock.now(),
    });
  }
}
