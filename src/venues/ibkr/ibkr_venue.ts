/**
 * The Interactive Brokers venue: TWS / IB Gateway over @stoqey/ib behind the
 * core's {@link Venue} contract.
 *
 * @module
 */
import type { TradingBus } from "../../bus/mod.ts";
import { type TradingCalendar, US_EQUITIES_CALENDAR } from "../../calendar/mod.ts";
import type { IbkrVenueConfig } from "../../config/mod.ts";
import type { AccountSnapshot, Clock } from "../../model/mod.ts";
import type { Venue, VenueEndpoint } from "../../venue/mod.ts";
import { healthPublisher, type IbkrContext } from "./_ibkr_context.ts";
import { chooseAccount, parseManagedAccounts } from "./account_selection.ts";
import { type ConnectionState, ConnectionSupervisor } from "./connection_supervisor.ts";
import { ContractResolver } from "./contract_resolver.ts";
import { HistoryFetcher } from "./history_fetcher.ts";
import { OrderIdAllocator, RequestIdAllocator } from "./id_allocators.ts";
import { IbkrAccount } from "./ibkr_account.ts";
import { IbkrBroker } from "./ibkr_broker.ts";
import { TwsDisconnectedError, TwsRequestError } from "./ibkr_errors.ts";
import { IbkrMarketData } from "./ibkr_market_data.ts";
import {
  type IbkrVenueOptions,
  type ResolvedIbkrVenueOptions,
  resolveIbkrVenueOptions,
} from "./ibkr_venue_options.ts";
import { PendingRequests } from "./pending_requests.ts";
import { TwsLink, type TwsSession } from "./tws_link.ts";

/** reqMarketDataType values. */
const MARKET_DATA_TYPES: Readonly<Record<IbkrVenueConfig["marketDataType"], number>> = {
  live: 1,
  frozen: 2,
  delayed: 3,
  delayed_frozen: 4,
};

/** Notices TWS sends with id -1 that are not errors (farm status, connectivity handled elsewhere). */
const NOTICE_CODES: ReadonlySet<number> = new Set([
  1100,
  1101,
  1102,
  2104,
  2106,
  2107,
  2108,
  2119,
  2158,
]);

/**
 * A {@link Venue} on TWS / IB Gateway. `connect(bus)` opens the socket (a
 * fresh IBApi with host, port, clientId and maxReqPerSec, so the client reads
 * no environment and no files), waits for nextValidId, picks the account
 * (`config.account`, or the only managed one), sets the market data type,
 * reads the account summary and publishes `venue_health` `connected`.
 * Market time is the wall clock (`realtime`); the feed publishes 5-second
 * bars (`marketData.sourceBarSizeMs`) that the coordinator aggregates.
 * Connection losses are handled by a {@link ConnectionSupervisor}.
 *
 * @example
 * ```ts
 * const venue = new IbkrVenue(graph.venue); // graph.venue.type === "ibkr"
 * const coordinator = new StrategyCoordinator({ graph, definitions, venue, liveGuard });
 * await coordinator.execute();
 * ```
 */
export class IbkrVenue implements Venue {
  /** `{ kind: "ibkr", host, port }`. */
  readonly endpoint: VenueEndpoint;
  /** Market time: the wall clock unless injected. */
  readonly clock: Clock;
  /** Live market: time passes without data. */
  readonly realtime = true;
  /** US equities: the venue trades US stocks routed through SMART. */
  readonly calendar: TradingCalendar = US_EQUITIES_CALENDAR;
  /** Subscriptions, ticks, 5-second bars and history. */
  readonly marketData: IbkrMarketData;
  /** Orders, statuses, fills, positions. */
  readonly broker: IbkrBroker;
  /** Account summary. */
  readonly account: IbkrAccount;
  readonly #config: IbkrVenueConfig;
  readonly #options: ResolvedIbkrVenueOptions;
  readonly #link: TwsLink;
  readonly #pending: PendingRequests;
  readonly #ctx: IbkrContext;
  readonly #supervisor: ConnectionSupervisor;
  readonly #orderIds = new OrderIdAllocator();
  readonly #history: HistoryFetcher;
  readonly #errorHandlers: ((id: number, code: number, message: string) => boolean)[] = [];
  #bus: TradingBus | undefined;
  #accountId: string | undefined;
  #connecting: Promise<AccountSnapshot> | undefined;
  #closing: Promise<void> | undefined;
  #runWaiters: (() => void)[] = [];

  /** Builds the venue; nothing connects until {@link connect}. */
  constructor(config: IbkrVenueConfig, options: IbkrVenueOptions = {}) {
    this.#config = config;
    this.#options = resolveIbkrVenueOptions(options);
    const { clock, scheduler } = this.#options;
    this.clock = clock;
    this.endpoint = Object.freeze({ kind: "ibkr" as const, host: config.host, port: config.port });
    this.#link = new TwsLink({
      host: config.host,
      port: config.port,
      clientId: config.clientId,
      maxRequestsPerSecond: config.maxRequestsPerSecond,
      scheduler,
      connectTimeoutMs: this.#options.connectTimeoutMs,
      ...(this.#options.createClient === undefined
        ? {}
        : { createClient: this.#options.createClient }),
    });
    this.#pending = new PendingRequests(scheduler);
    this.#ctx = {
      link: this.#link,
      pending: this.#pending,
      requestIds: new RequestIdAllocator(),
      clock,
      scheduler,
      clientId: config.clientId,
      requestTimeoutMs: this.#options.requestTimeoutMs,
      accountId: () => {
        if (this.#accountId === undefined) throw new Error("the IBKR venue is not connected");
        return this.#accountId;
      },
      bus: () => this.#bus,
      health: healthPublisher(() => this.#bus, clock),
    };
    const contracts = new ContractResolver(this.#ctx);
    this.#supervisor = new ConnectionSupervisor({
      ctx: this.#ctx,
      backoff: this.#options.backoff,
      random: this.#options.random,
      recoveryMarginMs: this.#options.recoveryMarginMs,
      steps: {
        reconnect: () => this.#reconnect(),
        resubscribe: (opts) => this.marketData.resubscribeAll(opts),
        recoverExecutions: (since) => this.broker.recoverExecutions(since),
        reconcile: () => this.#reconcile(),
      },
    });
    this.#history = new HistoryFetcher(this.#ctx, {
      timeoutMs: this.#options.historyTimeoutMs,
      maxPages: this.#options.maxHistoryPages,
      pacingRetryMs: this.#options.pacingRetryMs,
      pacing: this.#options.historicalPacing,
      whenReady: () => this.#supervisor.whenReady(),
    });
    this.marketData = new IbkrMarketData(this.#ctx, {
      contracts,
      history: this.#history,
      isReady: () => this.#supervisor.canTrade,
      barsFromTicks: config.marketDataType === "delayed" ||
        config.marketDataType === "delayed_frozen",
    });
    this.broker = new IbkrBroker(this.#ctx, {
      contracts,
      orderIds: this.#orderIds,
      canTrade: () => this.#supervisor.canTrade,
      commissionWaitMs: this.#options.commissionWaitMs,
    });
    this.account = new IbkrAccount(this.#ctx);
    this.#link.on("disconnected", () => {
      this.#pending.failAll(
        new TwsDisconnectedError(`the connection to TWS at ${this.#link.address} was lost`),
      );
    });
    this.#link.on("error", (error, code, id) => this.#routeError(id, code, error.message));
    for (const handler of [contracts, this.#history, this.marketData, this.account]) {
      this.#errorHandlers.push((id, code, message) => handler.handleError(id, code, message));
    }
    this.#errorHandlers.push((id, code, message) => this.broker.handleError(id, code, message));
  }

  /** Connection state (`ready` when orders may be sent). */
  get state(): ConnectionState {
    return this.#supervisor.state;
  }

  /** The traded account, once connected. */
  get accountId(): string | undefined {
    return this.#accountId;
  }

  /** Connects and resolves with the account snapshot; connecting twice returns the same promise. */
  connect(bus: TradingBus): Promise<AccountSnapshot> {
    if (this.#closing !== undefined) return Promise.reject(new Error("the IBKR venue is closed"));
    if (this.#bus !== undefined && this.#bus !== bus) {
      return Promise.reject(new Error("the IBKR venue is already connected to another bus"));
    }
    this.#bus = bus;
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  /** Resolves when `signal` aborts or the venue is closed; data arrives on the bus meanwhile. */
  run(signal: AbortSignal): Promise<void> {
    if (this.#connecting === undefined) {
      return Promise.reject(new Error("the IBKR venue is not connected: call connect(bus) first"));
    }
    if (signal.aborted || this.#closing !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        this.#runWaiters = this.#runWaiters.filter((waiter) => waiter !== done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      this.#runWaiters.push(done);
    });
  }

  /**
   * Stops reconnecting, withdraws orders and modifications not sent yet
   * (published as cancelled / refused), lets TWS confirm every message sent
   * (a current-time round trip), fails open requests, and closes the socket;
   * idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #connect(): Promise<AccountSnapshot> {
    try {
      await this.#openSession();
      const snapshot = await this.account.refresh();
      this.#supervisor.markReady();
      this.#ctx.health("connected", `connected to TWS at ${this.#link.address}`, {
        detail: {
          account: snapshot.accountId,
          paper: snapshot.isPaper,
          client_id: this.#config.clientId,
          market_data_type: this.#config.marketDataType,
        },
      });
      return snapshot;
    } catch (error) {
      await this.#link.close();
      throw error;
    }
  }

  async #openSession(): Promise<TwsSession> {
    const session = await this.#link.connect();
    const chosen = chooseAccount(
      parseManagedAccounts(session.managedAccounts),
      this.#config.account,
    );
    if (this.#accountId !== undefined && chosen !== this.#accountId) {
      this.#ctx.health("error", `the traded account changed from ${this.#accountId} to ${chosen}`);
    }
    this.#accountId = chosen;
    this.#orderIds.seed(session.nextValidId);
    const type = MARKET_DATA_TYPES[this.#config.marketDataType];
    await this.#link.send((ib) => ib.reqMarketDataType(type));
    return session;
  }

  async #reconnect(): Promise<void> {
    await this.#openSession();
  }

  async #reconcile(): Promise<Readonly<Record<string, unknown>>> {
    const orders = await this.broker.reconcileOrders();
    const positions = await this.broker.positions();
    const account = await this.account.refresh();
    return {
      open_orders: orders.open,
      finished_orders: orders.finished,
      positions: positions.map((p) => ({ symbol: p.symbol, quantity: p.quantity.toString() })),
      account: account.accountId,
      net_liquidation: account.netLiquidation?.toString(),
    };
  }

  #routeError(id: number | undefined, code: number, message: string): void {
    if (id === undefined || id < 0) {
      if (this.#supervisor.state === "ready" && !NOTICE_CODES.has(code)) {
        this.#ctx.health("error", message, { code });
      }
      return;
    }
    for (const handler of this.#errorHandlers) if (handler(id, code, message)) return;
    if (this.#pending.reject(id, new TwsRequestError(`${message} (IB error ${code})`, code))) {
      return;
    }
    this.#ctx.health("error", `${message} (id ${id})`, { code, detail: { id } });
  }

  async #close(): Promise<void> {
    this.#supervisor.close();
    this.#history.close();
    this.marketData.close();
    this.broker.withdrawUnsent();
    if (this.#link.connected) {
      try {
        await this.#roundTrip();
      } catch {
        // Best effort: the socket is closed next either way.
      }
    }
    this.broker.close();
    this.#pending.failAll(new TwsDisconnectedError("the IBKR venue was closed"));
    await this.#link.close();
    for (const done of [...this.#runWaiters]) done();
  }

  /** Sends reqCurrentTime and waits for the answer: TWS has then read everything sent before. */
  async #roundTrip(): Promise<void> {
    const key = "current_time";
    const answered = this.#pending.open<void>(key, {
      describe: "current time",
      timeoutMs: Math.min(2000, this.#options.requestTimeoutMs),
    });
    const off = this.#link.on("currentTime", () => this.#pending.resolve(key, undefined));
    this.#link.send((ib) => ib.reqCurrentTime()).catch((error) => this.#pending.reject(key, error));
    try {
      await answered;
    } finally {
      off();
    }
  }
}
