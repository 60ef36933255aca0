/**
 * StrategyCoordinator: runs every strategy of a graph on one venue, sharing
 * one connection, one subscription per symbol and one risk layer.
 *
 * @module
 */
import {
  type AllocationDecision,
  type CapitalAllocationPolicy,
  createCapitalPolicy,
} from "../allocation/mod.ts";
import { createTradingBus, type TradingBus } from "../bus/mod.ts";
import type { StrategyGraphConfig } from "../config/mod.ts";
import { MarketDataService } from "../data/mod.ts";
import { type AccountSnapshot, type Bar, barSizeMs, type Tick, toDecimal } from "../model/mod.ts";
import { Portfolio, type StrategySummaryRow } from "../portfolio/mod.ts";
import { type LiveTradingGuard, type RiskCheck, RiskGuard } from "../risk/mod.ts";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { CoordinatorBrokerProxy } from "./broker_proxy.ts";
import { ExecutionRouter } from "./execution_router.ts";
import { HealthMonitor } from "./health_monitor.ts";
import { IntentProcessor } from "./intent_processor.ts";
import { MetricsReporter } from "./metrics_reporter.ts";
import { OrderTracker } from "./order_tracker.ts";
import { StartupError, StrategyFailure } from "./run_errors.ts";
import { buildHosts, describeError } from "./_build_hosts.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";
import { warmUpFromHistory } from "./_warmup.ts";

/** Options of a {@link StrategyCoordinator}. */
export interface StrategyCoordinatorOptions {
  /** The validated graph. */
  readonly graph: StrategyGraphConfig;
  /** Strategy definitions by type, as loaded with the graph. */
  readonly definitions: ReadonlyMap<string, StrategyDefinition>;
  /** The venue (not yet connected). */
  readonly venue: Venue;
  /** Guards real-money trading at start and before every order. */
  readonly liveGuard: LiveTradingGuard;
  /** The bus; a new one when absent (pass one to attach telemetry writers first). */
  readonly bus?: TradingBus;
  /** Extra RiskGuard checks (sector / asset-class caps). */
  readonly riskChecks?: readonly RiskCheck[];
  /** Wall-clock cadence for realtime venues, ms; default 1000. */
  readonly realtimeCadenceMs?: number;
}

/** How a run ended. */
export interface RunResult {
  /** `end_of_data`, `signal:SIGINT`, `strategy_failure`, ... */
  readonly reason: string;
  /** 0 for a clean stop, 1 when a strategy failed. */
  readonly exitCode: number;
  /** Per-strategy summary rows at stop. */
  readonly summaries: readonly StrategySummaryRow[];
  /** The strategy failure that halted the run, if one did. */
  readonly failure?: StrategyFailure;
}

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
  /** Our orders. */
  readonly tracker: OrderTracker = new OrderTracker();
  /** The RiskGuard every order passes once. */
  readonly riskGuard: RiskGuard;
  /** Capital policy. */
  readonly policy: CapitalAllocationPolicy;
  /** Market data service. */
  readonly data: MarketDataService;
  #options: StrategyCoordinatorOptions;
  #graph: StrategyGraphConfig;
  #venue: Venue;
  #hosts = new Map<string, StrategyHost>();
  #slotsBySymbol = new Map<string, SymbolSlot[]>();
  #intents: IntentProcessor;
  #router: ExecutionRouter;
  #health: HealthMonitor;
  #metrics: MetricsReporter;
  #proxy: CoordinatorBrokerProxy;
  #account: AccountSnapshot | undefined;
  #abort = new AbortController();
  #stopReason = "end_of_data";
  #failure: StrategyFailure | undefined;
  #halted = false;
  #started = false;
  #intervalMs: number;
  #observesCloses: boolean;
  #nextCadenceTs = Number.NaN;
  #offBus: (() => void)[] = [];

  /** Wires the coordinator; nothing connects until {@link start}. */
  constructor(options: StrategyCoordinatorOptions) {
    this.#options = options;
    this.#graph = options.graph;
    this.#venue = options.venue;
    this.bus = options.bus ?? createTradingBus();
    this.telemetry = new Telemetry(this.bus, this.#venue.clock);
    const graph = this.#graph;
    const barMs = barSizeMs(graph.settings.barSize);
    this.#intervalMs = graph.settings.telemetryIntervalSeconds * 1000;
    this.data = new MarketDataService(this.#venue.marketData, this.bus, {
      barSizeMs: barMs,
      ...(this.#venue.marketData.sourceBarSizeMs === undefined
        ? {}
        : { sourceBarSizeMs: this.#venue.marketData.sourceBarSizeMs }),
    });
    const price = (symbol: string) => this.data.price(symbol);
    this.policy = createCapitalPolicy(graph.capitalPolicy, { barSizeMs: barMs });
    this.#observesCloses = this.policy.observesCloses;
    this.riskGuard = new RiskGuard(graph.risk, {
      price,
      // Cells mirror `price`, so these equal toDecimal(portfolio.netPnlEstimate(price)).
      priceCell: (symbol) => this.data.priceCell(symbol),
      accountPnl: () => toDecimal(this.portfolio.marketNetPnlEstimate()),
      accountPnlNumber: () => this.portfolio.marketNetPnlEstimate(),
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
      account: () => this.#requireAccount(),
      tracker: this.tracker,
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
    });
    this.#intents = new IntentProcessor({
      host: (id) => this.#hosts.get(id),
      portfolio: this.portfolio,
      policy: this.policy,
      price,
      proxy: this.#proxy,
      telemetry: this.telemetry,
      now: () => this.#venue.clock.now(),
      intentExpiryMs: graph.settings.intentExpirySeconds * 1000,
    });
    this.#health = new HealthMonitor({
      data: this.data,
      telemetry: this.telemetry,
      watchers: (symbol) => (this.#slotsBySymbol.get(symbol) ?? []).map((s) => s.host.id),
      stallAfterMs: Math.max(
        graph.settings.heartbeatTimeoutSeconds * 1000,
        this.#venue.marketData.sourceBarSizeMs ?? barMs,
      ),
    });
    this.#router = new ExecutionRouter({
      tracker: this.tracker,
      portfolio: this.portfolio,
      ledger: this.riskGuard.ledger,
      telemetry: this.telemetry,
      host: (id) => this.#hosts.get(id),
      afterEvent: () => this.#intents.drain(),
      onRejected: (id, ts) => this.#health.recordError(`orders:${id}`, ts, id),
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
    const graph = this.#graph;
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
    const brokerPositions = await this.#venue.broker.positions();
    this.riskGuard.ledger.setPositions(brokerPositions);
    this.#logAllocation(
      this.policy.prepare({
        strategies: graph.strategies,
        sizing: graph.sizing,
      }, this.#account),
      "prepare",
    );
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
        log: (id, message, fields) =>
          this.telemetry.emit("strategy.log", { message, ...fields }, id),
        fail: (id, callback, error) => this.#fail(id, callback, error),
      },
    });
    for (const host of built) {
      this.#hosts.set(host.id, host);
      for (const slot of host.slots) {
        const slots = this.#slotsBySymbol.get(slot.symbol) ?? [];
        slots.push(slot);
        this.#slotsBySymbol.set(slot.symbol, slots);
      }
    }
    await warmUpFromHistory({
      hosts: built,
      data: this.data,
      intents: this.#intents,
      telemetry: this.telemetry,
      onWarm: (slot) => this.#onWarm(slot),
    });
    if (this.#halted) {
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
    this.data.onBar((bar) => this.#dispatchBar(bar));
    this.data.onTick((tick) => this.#dispatchTick(tick));
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
    for (const host of this.#hosts.values()) {
      const error = host.stop();
      if (error !== undefined) {
        this.telemetry.emit("strategy.lifecycle", {
          phase: "stop_failed",
          error: describeError(error),
        }, host.id);
      }
    }
    const working = this.tracker.workingOrders();
    await Promise.all(working.map((order) => this.#proxy.cancel(order.request.id)));
    const stillWorking = this.tracker.workingOrders().map((o) => o.request.id);
    for (const symbol of this.data.subscribedSymbols()) {
      while (
        !(await this.data.release(symbol))
      ) { /* drop every subscriber; the last one unsubscribes */ }
      this.telemetry.emit("market_data.unsubscribed", { symbol });
    }
    this.data.detach();
    if (this.#started) this.#metrics.report(true);
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
      cancelled_orders: working.length,
      orders_left_working: stillWorking,
      orders: this.tracker.all().length,
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

  #dispatchBar(bar: Bar): void {
    if (this.#halted) return;
    const slots = this.#slotsBySymbol.get(bar.symbol);
    if (slots !== undefined) {
      // The hot loop: one try around all slots of the symbol, strategies called directly.
      let i = 0;
      try {
        for (; i < slots.length; i++) {
          const slot = slots[i] as SymbolSlot;
          slot.lastBarTs = bar.ts;
          slot.instance.onBar(bar);
          if (!slot.warm && ++slot.barsSeen >= slot.warmupBars) {
            slot.warm = true;
            this.#onWarm(slot);
          }
        }
      } catch (error) {
        this.#fail((slots[i] as SymbolSlot).host.id, "onBar", error);
        return;
      }
    }
    if (this.#observesCloses) this.policy.observe(bar.symbol, bar.close);
    if (this.#intents.pending) this.#intents.drain();
    if (!(bar.ts < this.#nextCadenceTs)) this.#cadence(bar.ts);
  }

  #dispatchTick(tick: Tick): void {
    if (this.#halted) return;
    const slots = this.#slotsBySymbol.get(tick.symbol);
    if (slots === undefined) return;
    for (let i = 0; i < slots.length; i++) (slots[i] as SymbolSlot).host.deliverTick(tick);
    if (this.#intents.pending && !this.#halted) this.#intents.drain();
  }

  #cadence(now: number): void {
    if (Number.isNaN(this.#nextCadenceTs)) {
      this.#nextCadenceTs = now + this.#intervalMs;
      return;
    }
    if (now < this.#nextCadenceTs) return;
    this.#nextCadenceTs = now + this.#intervalMs;
    this.riskGuard.evaluateDailyLoss(now);
    this.#logAllocation(this.policy.refresh(now), "refresh");
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
    if (this.#halted) return;
    this.#halted = true;
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
    try {
      this.#account = await this.#venue.account.snapshot();
      const open = new Set((await this.#venue.broker.openOrders()).map((o) => o.request.id));
      const abandoned: string[] = [];
      for (const order of this.tracker.workingOrders()) {
        if (!open.has(order.request.id) && this.tracker.abandon(order.request.id, "cancelled")) {
          this.riskGuard.ledger.orderFinished(order.request.id);
          abandoned.push(order.request.id);
        }
      }
      const differences = this.portfolio.reconcile(await this.#venue.broker.positions());
      this.telemetry.emit("coordinator.reconciliation", {
        open_orders: open.size,
        orders_no_longer_working: abandoned,
        position_differences: differences,
      });
    } catch (error) {
      this.telemetry.emit("coordinator.reconciliation", { error: describeError(error) });
    }
    this.#intents.resume();
  }

  #logAllocation(decisions: readonly AllocationDecision[], stage: string): void {
    for (const decision of decisions) {
      this.telemetry.emit("strategy.coordinator", {
        kind: "allocation",
        stage,
        symbol: decision.symbol,
        weight: decision.weight,
        scale: decision.scale,
        max_size: decision.maxSize,
        max_notional: decision.maxNotional,
        capital: decision.capital,
        capital_source: decision.capitalSource,
        reason: decision.reason,
      }, decision.strategyId);
    }
    if (decisions.length > 0) {
      const capital = this.policy.capital();
      this.telemetry.emit("strategy.coordinator", {
        kind: "capital",
        stage,
        total: capital.total,
        allocated: capital.allocated,
        available: capital.available,
      });
    }
  }

  #requireAccount(): AccountSnapshot {
    if (this.#account === undefined) {
      throw new Error("no account snapshot: the venue is not connected");
    }
    return this.#account;
  }
}
