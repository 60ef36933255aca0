/**
 * StrategyCoordinator: runs every strategy of a graph on one venue, sharing
 * one connection, one subscription per symbol and one risk layer.
 *
 * @module
 */
import { type CapitalAllocationPolicy, createCapitalPolicy } from "../allocation/mod.ts";
import { createTradingBus, type TradingBus } from "../bus/mod.ts";
import { ALWAYS_OPEN_CALENDAR, type TradingCalendar } from "../calendar/mod.ts";
import { MarketDataService, StallRule } from "../data/mod.ts";
import { type AccountSnapshot, barSizeMs } from "../model/mod.ts";
import type { OrderStore } from "../orders/mod.ts";
import { Portfolio } from "../portfolio/mod.ts";
import type { RiskGuard } from "../risk/mod.ts";
import { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { HealthMonitor } from "./health_monitor.ts";
import { BarDispatcher } from "./bar_dispatcher.ts";
import type { IntentProcessor } from "./intent_processor.ts";
import { MetricsReporter } from "./metrics_reporter.ts";
import { OrderPath } from "./order_path.ts";
import type { RunResult, StartFailure, StrategyCoordinatorOptions } from "./coordinator_options.ts";
import { BarTally } from "./bar_tally.ts";
import { StartupError, StrategyFailure } from "./run_errors.ts";
import { buildHosts } from "./_build_hosts.ts";
import { describeError } from "../error_text.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";
import { warmUpFromHistory } from "./_warmup.ts";
import { logAllocation } from "./_allocation_log.ts";
import { type CancelReport, shutDown } from "./_shutdown.ts";
import { endRun } from "./_run_end.ts";

/**
 * Lifecycle: {@link start} connects, checks the LiveTradingGuard, prepares
 * capital, builds strategies (respecting `allow_partial_start`), subscribes
 * each symbol once and runs warmup history; {@link run} drives the venue until
 * its data ends, {@link requestStop} is called, or a strategy throws; then
 * {@link stop} stops strategies, cancels working orders, unsubscribes each
 * symbol once and returns the summary. {@link execute} does all three. A
 * start that fails is cleaned up the same way, and its log ends with
 * `start_failed`.
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
  readonly orders: OrderStore;
  /** The RiskGuard every order passes once. */
  readonly riskGuard: RiskGuard;
  /** Capital policy. */
  readonly policy: CapitalAllocationPolicy;
  /** Market data service. */
  readonly data: MarketDataService;
  #options: StrategyCoordinatorOptions;
  #venue: Venue;
  #hosts = new Map<string, StrategyHost>();
  #orderPath: OrderPath;
  #intents: IntentProcessor;
  #health: HealthMonitor;
  #metrics: MetricsReporter;
  #account: AccountSnapshot | undefined;
  /** Outages (disconnected / paused) seen so far: a reconciliation resumes only its own. */
  #outages = 0;
  #abort = new AbortController();
  #stopReason = "end_of_data";
  #failure: StrategyFailure | undefined;
  #started = false;
  /** Why start() failed, once it has. */
  #startError: unknown;
  /** What venue.run() threw, if it did. */
  #runError: unknown;
  /** Every strategy created, graph order (started or not). */
  #created: StrategyHost[] = [];
  /** Strategies that failed at start, graph order. */
  #startFailures: StartFailure[] = [];
  #bars: BarTally;
  /** The outcome of the one stop. */
  #result: Promise<RunResult> | undefined;
  #intervalMs: number;
  /** The venue's market calendar (always open when the venue names none). */
  #calendar: TradingCalendar;
  /** The latest market time seen since start (bar, tick, fill or order status). */
  #marketTs = Number.NEGATIVE_INFINITY;
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
    // Fills and statuses too: a replay fills orders at a bar's open before publishing the bar.
    this.#offBus.push(
      this.bus.subscribe("bar", (bar) => this.#marketTime(bar.ts)),
      this.bus.subscribe("tick", (tick) => this.#marketTime(tick.ts)),
      this.bus.subscribe("fill", (fill) => this.#marketTime(fill.ts)),
      this.bus.subscribe("order_status", (event) => this.#marketTime(event.ts)),
    );
    const sourceBarSizeMs = this.#venue.marketData.sourceBarSizeMs;
    this.data = new MarketDataService(this.#venue.marketData, this.bus, {
      barSizeMs: barMs,
      ...(sourceBarSizeMs === undefined ? {} : { sourceBarSizeMs }),
      ...(this.#venue.calendar === undefined ? {} : { calendar: this.#venue.calendar }),
    });
    this.#bars = new BarTally(
      sourceBarSizeMs === undefined || sourceBarSizeMs === barMs ? {} : { sourceBarSizeMs },
    );
    const price = (symbol: string) => this.data.price(symbol);
    this.#calendar = this.#venue.calendar ?? ALWAYS_OPEN_CALENDAR;
    // vol_target annualises on the venue's market: the synthetic feed's year is continuous time.
    this.policy = createCapitalPolicy(graph.capitalPolicy, {
      barSizeMs: barMs,
      calendar: this.#calendar,
    });
    this.#orderPath = new OrderPath({
      graph,
      venue: this.#venue,
      bus: this.bus,
      telemetry: this.telemetry,
      portfolio: this.portfolio,
      policy: this.policy,
      data: this.data,
      liveGuard: options.liveGuard,
      riskChecks: options.riskChecks ?? [],
      // Orders only flow after start(), which set the account.
      account: () => this.#account as AccountSnapshot,
      host: (id) => this.#hosts.get(id),
      onRejected: (id, ts) => this.#health.recordError(`orders:${id}`, ts, id),
    });
    this.orders = this.#orderPath.orders;
    this.riskGuard = this.#orderPath.riskGuard;
    this.#intents = this.#orderPath.intents;
    this.#health = new HealthMonitor({
      data: this.data,
      telemetry: this.telemetry,
      watchers: (symbol) => this.#dispatcher.watchers(symbol),
      stall: new StallRule({
        timeoutMs: graph.settings.heartbeatTimeoutSeconds * 1000,
        barSizeMs: this.#venue.marketData.sourceBarSizeMs ?? barMs,
        calendar: this.#calendar,
      }),
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
    try {
      await this.#startUp();
    } catch (error) {
      this.#startError = error;
      throw error;
    }
  }

  async #startUp(): Promise<void> {
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
      bar_size: graph.settings.barSize,
      bar_size_source: graph.settings.barSizeSource,
    });
    this.#options.liveGuard.checkStart(this.#venue.endpoint, this.#account);
    this.#orderPath.setStartPositions(await this.#venue.broker.positions());
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
      onCreated: (host) => this.#created.push(host),
      onFailed: (failure) => this.#startFailures.push(failure),
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
      halted: () => this.#failure !== undefined,
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
    // Bars that arrived during warmup are delivered here, in order, after the history bars.
    const bars = this.#bars;
    this.data.onBar((bar) => {
      bars.record(bar);
      dispatcher.dispatchBar(bar);
    });
    this.#reportBacklog();
    this.data.onTick((tick) => dispatcher.dispatchTick(tick));
    let timer: ReturnType<typeof setInterval> | undefined;
    if (this.#venue.realtime === true) {
      timer = setInterval(
        () => this.#wallClockTick(this.#venue.clock.now()),
        this.#options.realtimeCadenceMs ?? 1000,
      );
    }
    try {
      await this.#venue.run(this.#abort.signal);
      // The data ended: the bars still being aggregated are complete as far as it goes.
      if (!this.#abort.signal.aborted) this.data.flushBars();
    } catch (error) {
      this.#runError = error;
      throw error;
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
   * emits final metrics and closes the venue; once, however often it is
   * called. After a failed start (or before any) the same clean-up is logged
   * as `stopping` with reason `start_failed` and the last line is
   * `start_failed` with the error, never `stopped`.
   */
  stop(): Promise<RunResult> {
    const price = (symbol: string) => this.data.price(symbol);
    this.#result ??= endRun({
      telemetry: this.telemetry,
      started: this.#started,
      startError: this.#startError,
      runError: this.#runError,
      failure: this.#failure,
      requestedReason: this.#stopReason,
      leftOut: this.#startFailures,
      cleanUp: (reason) => this.#cleanUp(reason),
      totals: () => ({
        summaries: [...this.#hosts.keys()].map((id) => this.portfolio.summary(id, price)),
        started: [...this.#hosts.keys()],
        bars: this.#bars.symbols(),
        orders: this.orders.size,
        riskChecks: this.riskGuard.checkCount,
      }),
    });
    return this.#result;
  }

  /** start, run, stop; a failed start is stopped too and rethrown as {@link StartupError}, a failed run after its stop. */
  async execute(): Promise<RunResult> {
    try {
      await this.start();
    } catch (error) {
      await this.stop();
      throw error instanceof StartupError
        ? error
        : new StartupError(describeError(error), { cause: error });
    }
    try {
      await this.run();
    } catch (error) {
      await this.stop();
      throw error;
    }
    return await this.stop();
  }

  /** The clean-up of every stop; strategies that failed at start have nothing to stop. */
  #cleanUp(reason: string): Promise<CancelReport> {
    const failed = new Set(this.#startFailures.map((failure) => failure.id));
    return shutDown({
      reason,
      telemetry: this.telemetry,
      orderPath: this.#orderPath,
      data: this.data,
      hosts: this.#created.filter((host) => !failed.has(host.id)),
      venue: this.#venue,
      cancelTimeoutMs: this.#options.cancelTimeoutMs ?? 5000,
      connected: this.#account !== undefined,
      ...(this.#started ? { finalMetrics: () => this.#metrics.report(true) } : {}),
      detach: () => {
        for (const off of this.#offBus) off();
      },
    });
  }

  #listen(): void {
    this.#offBus.push(
      ...this.#orderPath.listen(),
      this.bus.subscribe("bar", (bar) => this.#bars.recordSource(bar)),
      this.bus.subscribe("venue_health", (event) => {
        this.#health.onVenueHealth(event);
        if (event.kind === "disconnected" || event.kind === "paused") {
          this.#outages++;
          this.#intents.pause();
        }
        if (event.kind === "resumed") {
          // Hold intents until the account is re-read and orders and positions are reconciled.
          this.#intents.pause();
          void this.#resume(this.#outages);
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
    this.#orderPath.cadence(now);
    // Outside its sessions a live market only gets the order work above: metrics, exposure and
    // envelope refreshes wait for the open instead of repeating all night and weekend. (Stalls are
    // judged apart from the cadence: at each new instant of a replay, at each tick of a live timer.)
    if (this.#venue.realtime === true && !this.#calendar.isMarketOpen(now)) return;
    logAllocation(this.telemetry, this.policy, {
      decisions: this.policy.refresh(now),
      stage: "refresh",
    });
    this.#metrics.report();
  }

  /**
   * A live venue's timer: stalls are judged at every tick (time passes
   * without data, so no bar would reveal a silence), while the market is
   * open; then the cadence, when it is due.
   */
  #wallClockTick(now: number): void {
    if (this.#calendar.isMarketOpen(now)) this.#health.checkHeartbeats(now);
    this.#cadence(now);
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

  /** Reconciles after `resumed`; releases intents only if no new outage began meanwhile. */
  async #resume(outage: number): Promise<void> {
    const account = await this.#orderPath.reconcileAfterOutage();
    if (account !== undefined) this.#account = account;
    if (outage === this.#outages) this.#intents.resume();
  }

  /**
   * Market time reached `ts` (before its prices are marked): a new session
   * day may start. In a replay, market time moving to a new instant is when
   * stalls are judged: before any bar of that instant is dispatched, so each
   * symbol is judged on the data it had when time moved, whatever order the
   * bars of one instant come in (a gap every symbol shares stalls every
   * symbol, each recovering with its next bar).
   */
  #marketTime(ts: number): void {
    if (!this.#started) return;
    this.#orderPath.marketTime(ts);
    if (ts > this.#marketTs) {
      this.#marketTs = ts;
      if (this.#venue.realtime !== true) this.#health.checkHeartbeats(ts);
    }
  }

  /** One `market_data.backlog` event per symbol whose warmup-time bars were held or dropped. */
  #reportBacklog(): void {
    for (const symbol of this.data.subscribedSymbols()) {
      const stats = this.data.barDelivery(symbol);
      if (stats.flushed + stats.droppedDuplicates + stats.droppedOverflow === 0) continue;
      this.telemetry.emit("market_data.backlog", {
        symbol,
        delivered: stats.flushed,
        dropped_duplicates: stats.droppedDuplicates,
        dropped_overflow: stats.droppedOverflow,
      });
    }
  }
}
