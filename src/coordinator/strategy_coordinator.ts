/**
 * StrategyCoordinator: runs every strategy of a graph on one venue, sharing
 * one connection, one subscription per symbol and one risk layer.
 *
 * @module
 */
import { type CapitalAllocationPolicy, createCapitalPolicy } from "../allocation/mod.ts";
import { createTradingBus, type TradingBus } from "../bus/mod.ts";
import { MarketDataService } from "../data/mod.ts";
import { type AccountSnapshot, barSizeMs, type NetPosition, toDecimal } from "../model/mod.ts";
import { type ManagedOrder, OrderStore } from "../orders/mod.ts";
import { Portfolio } from "../portfolio/mod.ts";
import { AccountExposure, RiskGuard } from "../risk/mod.ts";
import { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { ExecutionRouter } from "./execution_router.ts";
import { HealthMonitor } from "./health_monitor.ts";
import { BarDispatcher } from "./bar_dispatcher.ts";
import { IntentProcessor } from "./intent_processor.ts";
import { MetricsReporter } from "./metrics_reporter.ts";
import type { RunResult, StrategyCoordinatorOptions } from "./coordinator_options.ts";
import { StartupError, StrategyFailure } from "./run_errors.ts";
import { buildHosts, describeError } from "./_build_hosts.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";
import { warmUpFromHistory } from "./_warmup.ts";
import { logAllocation } from "./_allocation_log.ts";
import { reconcileAtStop, reconcileWithVenue } from "./_reconcile.ts";
import { cancelWorkingOrders, stopStrategies, unsubscribeAll } from "./_shutdown.ts";

/**
 * How long an order that is terminal at the venue waits for executions it
 * reported but that have not arrived, in market ms, before it stops working
 * anyway (an `order.settle_timeout` event): IBKR sends executions within
 * seconds, its commission reports within 10 s.
 */
export const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Lifecycle: {@link start} connects, checks the LiveTradingGuard, prepares
 * capital, builds strategies (respecting `allow_partial_start`), subscribes
 * each symbol once and runs warmup history; {@link run} drives the venue until
 * its data ends, {@link requestStop} is called, or a strategy throws; then it
 * stops strategies, cancels working orders, unsubscribes each symbol once and
 * returns the summary. {@link execute} does all three.
 *
 * The hot path: the venue publishes a bar, the market data service passes it
 * (aggregated) to {@link StrategyCoordinator}'s dispatch, which loops over a
 * precomputed array of the symbol's strategy slots and then drains the intents
 * they stated, synchronously.
 */
export class StrategyCoordinator {
  /** The run's bus. */
  readonly bus: TradingBus;
  /** Telemetry emitter. */
  readonly telemetry: Telemetry;
  /** Per-strategy books. */
  readonly portfolio: Portfolio = new Portfolio({
    priceCell: (symbol) => this.data.priceCell(symbol),
  });
  /** Every order of the run: the single source of truth for orders and working quantities. */
  readonly orders: OrderStore = new OrderStore({
    onStoppedWorking: (order) => this.#onOrderStopped(order),
  });
  /** The RiskGuard every order passes once. */
  readonly riskGuard: RiskGuard;
  /** Capital policy. */
  readonly policy: CapitalAllocationPolicy;
  /** Market data service. */
  readonly data: MarketDataService;
  #options: StrategyCoordinatorOptions;
  #venue: Venue;
  #hosts = new Map<string, StrategyHost>();
  #intents: IntentProcessor;
  #router: ExecutionRouter;
  #health: HealthMonitor;
  #metrics: MetricsReporter;
  #proxy: CoordinatorBrokerProxy;
  #account: AccountSnapshot | undefined;
  #startPositions: readonly NetPosition[] = [];
  #abort = new AbortController();
  #stopReason = "end_of_data";
  #failure: StrategyFailure | undefined;
  #started = false;
  #intervalMs: number;
  #dispatcher: BarDispatcher;
  #offBus: (() => void)[] = [];

  /** Wires the coordinator; nothing connects until {@link start}. */
  constructor(options: StrategyCoordinatorOptions) {
    this.#options = options;
    this.#venue = options.venue;
    this.bus = options.bus ?? createTradingBus();
    this.telemetry = new Telemetry(this.bus, this.#venue.clock);
    const graph = this.#options.graph;
    const barMs = barSizeMs(graph.settings.barSize);
    this.#intervalMs = graph.settings.telemetryIntervalSeconds * 1000;
    // Subscribed before the market data service marks prices: a session day starts with the
    // previous session's closes still marked, so its daily-loss baseline is that close.
    this.#offBus.push(
      this.bus.subscribe("bar", (bar) => this.#marketTime(bar.ts)),
      this.bus.subscribe("tick", (tick) => this.#marketTime(tick.ts)),
    );
    this.data = new MarketDataService(this.#venue.marketData, this.bus, {
      barSizeMs: barMs,
      ...(this.#venue.marketData.sourceBarSizeMs === undefined
        ? {}
        : { sourceBarSizeMs: this.#venue.marketData.sourceBarSizeMs }),
    });
    const price = (symbol: string) => this.data.price(symbol);
    this.policy = createCapitalPolicy(graph.capitalPolicy, { barSizeMs: barMs });
    this.riskGuard = new RiskGuard(graph.risk, {
      price,
      exposure: new AccountExposure(this.orders, {
        priceCell: (symbol) => this.data.priceCell(symbol),
      }),
      pnl: {
        exact: () => this.portfolio.marketNetPnl(),
        estimate: () => this.portfolio.marketNetPnlEstimate(),
        estimateErrorBound: () => this.portfolio.marketNetPnlErrorBound(),
      },
      checks: options.riskChecks ?? [],
      onStateChange: (change) =>
        this.telemetry.emit("strategy.coordinator", {
          kind: "trading_state",
          from: change.from,
          to: change.to,
          reason: change.reason,
        }),
    });
    this.#proxy = new CoordinatorBrokerProxy({
      broker: this.#venue.broker,
      riskGuard: this.riskGuard,
      liveGuard: options.liveGuard,
      endpoint: this.#venue.endpoint,
      // Orders only flow after start(), which set the account.
      account: () => this.#account as AccountSnapshot,
      store: this.orders,
      telemetry: this.telemetry,
      onSendFailed: (order, error) =>
        this.bus.publish("order_status", {
          orderId: order.id,
          status: "rejected",
          filled: toDecimal(0),
          remaining: order.quantity,
          reason: `venue did not take the order: ${describeError(error)}`,
          ts: this.#venue.clock.now(),
        }),
      onModifyFailed: (order, error) => this.#modifyFailed(order.id, describeError(error)),
    });
    this.#intents = new IntentProcessor({
      host: (id) => this.#hosts.get(id),
      portfolio: this.portfolio,
      policy: this.policy,
      price,
      proxy: this.#proxy,
      tradingState: () => this.riskGuard.state,
      telemetry: this.telemetry,
      now: () => this.#venue.clock.now(),
      intentExpiryMs: graph.settings.intentExpirySeconds * 1000,
    });
    this.#health = new HealthMonitor({
      data: this.data,
      telemetry: this.telemetry,
      watchers: (symbol) => this.#dispatcher.watchers(symbol),
      stallAfterMs: Math.max(
        graph.settings.heartbeatTimeoutSeconds * 1000,
        this.#venue.marketData.sourceBarSizeMs ?? barMs,
      ),
    });
    this.#router = new ExecutionRouter({
      store: this.orders,
      portfolio: this.portfolio,
      telemetry: this.telemetry,
      host: (id) => this.#hosts.get(id),
      onAmendmentAnswered: (id, symbol) => this.#slotSettled(id, symbol),
      afterEvent: () => this.#intents.drain(),
      onRejected: (id, ts) => this.#health.recordError(`orders:${id}`, ts, id),
    });
    this.#dispatcher = new BarDispatcher({
      intents: this.#intents,
      policy: this.policy,
      onWarm: (slot) => this.#onWarm(slot),
      onFailure: (id, callback, error) => this.#fail(id, callback, error),
      onCadence: (now) => this.#cadence(now),
    });
    this.#metrics = new MetricsReporter({
      hosts: () => this.#hosts.values(),
      portfolio: this.portfolio,
      riskGuard: this.riskGuard,
      limits: graph.risk,
      price,
      telemetry: this.telemetry,
    });
  }

  /** Strategies that started, by id. */
  get hosts(): ReadonlyMap<string, StrategyHost> {
    return this.#hosts;
  }

  /** Connects, checks safety, builds strategies, subscribes and warms up. Throws {@link StartupError}. */
  async start(): Promise<void> {
    const graph = this.#options.graph;
    this.#listen();
    this.#account = await this.#venue.connect(this.bus);
    this.telemetry.emit("coordinator.lifecycle", {
      phase: "starting",
      graph: graph.name,
      venue: this.#venue.endpoint,
      account: this.#account.accountId,
      paper: this.#account.isPaper,
      strategies: graph.strategies.map((s) => s.id),
      symbols: graph.symbols,
    });
    this.#options.liveGuard.checkStart(this.#venue.endpoint, this.#account);
    this.#startPositions = await this.#venue.broker.positions();
    this.riskGuard.exposure.setStartPositions(this.#startPositions);
    logAllocation(this.telemetry, this.policy, {
      decisions: this.policy.prepare(
        { strategies: graph.strategies, sizing: graph.sizing },
        this.#account,
      ),
      stage: "prepare",
    });
    const built = await buildHosts({
      graph,
      definitions: this.#options.definitions,
      portfolio: this.portfolio,
      data: this.data,
      telemetry: this.telemetry,
      services: {
        now: () => this.#venue.clock.now(),
        price: (symbol) => this.data.price(symbol),
        position: (id, symbol) => this.portfolio.position(id, symbol),
        envelope: (id, symbol) => this.policy.envelopeFor(id, symbol),
        enqueue: (intent) => this.#intents.enqueue(intent),
        orderSlot: (id, symbol) => this.orders.slot(id, symbol),
        log: (id, message, fields) =>
          this.telemetry.emit("strategy.log", { message, ...fields }, id),
        fail: (id, callback, error) => this.#fail(id, callback, error),
      },
    });
    for (const host of built) {
      this.#hosts.set(host.id, host);
      this.#dispatcher.add(host);
    }
    await warmUpFromHistory({
      hosts: built,
      data: this.data,
      intents: this.#intents,
      telemetry: this.telemetry,
      onWarm: (slot) => this.#onWarm(slot),
    });
    if (this.#failure !== undefined) {
      throw new StartupError(this.#failure?.message ?? "a strategy failed during warmup");
    }
    this.riskGuard.startSession(this.#venue.clock.now());
    this.#started = true;
    for (const host of built) {
      this.telemetry.emit(
        "strategy.lifecycle",
        { phase: "started", symbols: host.symbols },
        host.id,
      );
    }
    this.telemetry.emit("coordinator.lifecycle", {
      phase: "started",
      strategies: built.map((h) => h.id),
      subscriptions: this.data.subscribedSymbols(),
    });
  }

  /** Drives the venue until its data ends, a stop is requested or a strategy fails. */
  async run(): Promise<void> {
    if (!this.#started) throw new Error("StrategyCoordinator.run() called before start()");
    const dispatcher = this.#dispatcher;
    this.data.onBar((bar) => dispatcher.dispatchBar(bar));
    this.data.onTick((tick) => dispatcher.dispatchTick(tick));
    let timer: ReturnType<typeof setInterval> | undefined;
    if (this.#venue.realtime === true) {
      timer = setInterval(
        () => this.#cadence(this.#venue.clock.now()),
        this.#options.realtimeCadenceMs ?? 1000,
      );
    }
    try {
      await this.#venue.run(this.#abort.signal);
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
  }

  /** Asks a running coordinator to stop (SIGINT / SIGTERM); idempotent. */
  requestStop(reason: string): void {
    if (this.#abort.signal.aborted) return;
    this.#stopReason = reason;
    this.#abort.abort(reason);
  }

  /**
   * Stops strategies, cancels working orders, unsubscribes every symbol once,
   * emits final metrics and closes the venue. Safe after a failed start.
   */
  async stop(): Promise<RunResult> {
    const reason = this.#failure === undefined ? this.#stopReason : "strategy_failure";
    this.telemetry.emit("coordinator.lifecycle", { phase: "stopping", reason });
    this.#intents.stop();
    this.#proxy.close();
    stopStrategies(this.#hosts.values(), this.telemetry);
    const cancels = await cancelWorkingOrders({
      bus: this.bus,
      store: this.orders,
      proxy: this.#proxy,
      ts: this.#venue.clock.now(),
      timeoutMs: this.#options.cancelTimeoutMs ?? 5000,
    });
    await unsubscribeAll(this.data, this.telemetry);
    this.data.detach();
    if (this.#started) this.#metrics.report(true);
    if (this.#account !== undefined) {
      await reconcileAtStop({
        venue: this.#venue,
        portfolio: this.portfolio,
        startPositions: this.#startPositions,
        telemetry: this.telemetry,
      });
    }
    for (const host of this.#hosts.values()) {
      this.telemetry.emit("strategy.lifecycle", { phase: "stopped", reason }, host.id);
    }
    await this.#venue.close();
    for (const off of this.#offBus) off();
    const price = (symbol: string) => this.data.price(symbol);
    const summaries = [...this.#hosts.keys()].map((id) => this.portfolio.summary(id, price));
    this.telemetry.emit("coordinator.lifecycle", {
      phase: "stopped",
      reason,
      cancelled_orders: cancels.cancelled,
      finished_while_stopping: cancels.finishedOtherwise,
      orders_left_working: cancels.stillWorking,
      orders: this.orders.size,
      risk_checks: this.riskGuard.checkCount,
    });
    return {
      reason,
      exitCode: this.#failure === undefined ? 0 : 1,
      summaries,
      ...(this.#failure === undefined ? {} : { failure: this.#failure }),
    };
  }

  /** start, run, stop; a failed start is stopped too and rethrown as {@link StartupError}. */
  async execute(): Promise<RunResult> {
    try {
      await this.start();
    } catch (error) {
      const message = describeError(error);
      this.telemetry.emit("coordinator.lifecycle", { phase: "start_failed", error: message });
      await this.stop();
      throw error instanceof StartupError ? error : new StartupError(message, { cause: error });
    }
    await this.run();
    return await this.stop();
  }

  #listen(): void {
    this.#offBus.push(
      this.bus.subscribe("fill", (fill) => this.#router.onFill(fill)),
      this.bus.subscribe("order_status", (event) => this.#router.onStatus(event)),
      this.bus.subscribe("venue_health", (event) => {
        this.#health.onVenueHealth(event);
        if (event.kind === "disconnected" || event.kind === "paused") this.#intents.pause();
        if (event.kind === "resumed") {
          // Hold intents until the account is re-read and orders and positions are reconciled.
          this.#intents.pause();
          void this.#resume();
        }
      }),
    );
  }

  #cadence(now: number): void {
    const dispatcher = this.#dispatcher;
    if (Number.isNaN(dispatcher.nextCadenceTs)) {
      dispatcher.nextCadenceTs = now + this.#intervalMs;
      return;
    }
    if (now < dispatcher.nextCadenceTs) return;
    dispatcher.nextCadenceTs = now + this.#intervalMs;
    this.riskGuard.evaluateDailyLoss(now);
    this.#endOverdueOrders(now);
    logAllocation(this.telemetry, this.policy, {
      decisions: this.policy.refresh(now),
      stage: "refresh",
    });
    this.#health.checkHeartbeats(now);
    this.#metrics.report();
  }

  #onWarm(slot: SymbolSlot): void {
    this.telemetry.emit("strategy.lifecycle", {
      phase: "warm",
      symbol: slot.symbol,
      bars: slot.barsSeen,
    }, slot.host.id);
  }

  #fail(strategyId: string, callback: string, error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#dispatcher.halt();
    this.#failure = new StrategyFailure(strategyId, callback, error);
    this.telemetry.emit("strategy.lifecycle", {
      phase: "failed",
      callback,
      error: describeError(error),
      stack: error instanceof Error ? error.stack : undefined,
    }, strategyId);
    this.riskGuard.halt(`strategy ${strategyId} threw in ${callback}`, this.#venue.clock.now());
    this.requestStop("strategy_failure");
  }

  async #resume(): Promise<void> {
    const account = await reconcileWithVenue({
      venue: this.#venue,
      store: this.orders,
      portfolio: this.portfolio,
      startPositions: this.#startPositions,
      telemetry: this.telemetry,
    });
    if (account !== undefined) this.#account = account;
    this.#intents.resume();
  }

  /** Market time reached `ts` (before its prices are marked): a new session day starts here. */
  #marketTime(ts: number): void {
    if (this.#started && ts >= this.riskGuard.sessionEndsAt) this.riskGuard.startSession(ts);
  }

  /** A working order ended: a target waiting for it is decided again. */
  #onOrderStopped(order: ManagedOrder): void {
    this.#slotSettled(order.strategyId, order.symbol);
  }

  #slotSettled(strategyId: string, symbol: string): void {
    const slot = this.#hosts.get(strategyId)?.slot(symbol);
    if (slot !== undefined) this.#intents.orderSettled(slot);
  }

  /** Ends the wait for executions that never came (an event each), so the slots can trade again. */
  #endOverdueOrders(now: number): void {
    for (const order of this.orders.endOverdue(now, SETTLE_TIMEOUT_MS)) {
      this.telemetry.emit("order.settle_timeout", {
        order_id: order.id,
        symbol: order.symbol,
        status: order.status,
        reported_filled: order.reportedFilled,
        booked: order.booked,
        timeout_ms: SETTLE_TIMEOUT_MS,
      }, order.strategyId);
    }
    this.#intents.drain();
  }

  /** The venue could not take a modification: it is answered as refused, the order works on. */
  #modifyFailed(orderId: string, error: string): void {
    const order = this.orders.get(orderId);
    if (order === undefined) return;
    this.bus.publish("order_status", {
      orderId,
      status: order.status,
      filled: toDecimal(order.reportedFilled),
      remaining: toDecimal(Math.max(0, order.quantity - order.reportedFilled)),
      reason: `venue did not take the modification: ${error}`,
      amendment: { outcome: "rejected", quantity: order.request.quantity },
      ts: this.#venue.clock.now(),
    });
  }
}
