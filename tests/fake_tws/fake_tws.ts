/**
 * A protocol-level fake of TWS / IB Gateway for tests: listens on 127.0.0.1
 * (random port), speaks the real wire protocol so the real `@stoqey/ib`
 * client works against it, plays a scriptable scenario, records every request
 * it receives, and injects faults on command.
 *
 * @module
 */
import { type TickKind, toDecimal } from "../../src/model/mod.ts";
import type { FakePosition } from "./account_book.ts";
import {
  type ConnectionInfo,
  connectionInfo,
  type SubscriptionInfo,
  subscriptionInfos,
} from "./connection_views.ts";
import type {
  AccountValueInput,
  DecimalInput,
  FakeTwsOptions,
  FillMode,
} from "./fake_tws_options.ts";
import type { RealTimeBarInput } from "./market_desk.ts";
import { validateFillMode } from "./order_desk.ts";
import { type FakeExecution, type FakeOrder, toFakeOrder } from "./order_book.ts";
import type { ClientRequestName, ReceivedNamed, ReceivedRequest } from "./request_types.ts";
import { errorMessage } from "./server_messages.ts";
import type { RequestMatcher, WaitForOptions } from "./traffic_log.ts";
import { assembleFakeTws, type FakeTwsParts } from "./_fake_tws_parts.ts";

/**
 * A running fake TWS. Start it with {@link FakeTws.start}, point the client
 * at `host`/`port`, and `close()` it (or `await using`) at the end.
 *
 * @example
 * ```ts
 * await using tws = await FakeTws.start({ fillPrices: { AAPL: 190.5 } });
 * const ib = new IBApi({ host: tws.host, port: tws.port, clientId: 1, maxReqPerSec: 40 });
 * ib.connect();
 * await tws.waitForClient({ clientId: 1 });
 * ```
 */
export class FakeTws {
  /** Always 127.0.0.1. */
  readonly host = "127.0.0.1";
  /** The random port it listens on. */
  readonly port: number;
  /** The server version it negotiates. */
  readonly serverVersion: number;
  /** Managed accounts. */
  readonly accounts: readonly string[];

  readonly #p: FakeTwsParts;
  #closing: Promise<void> | undefined;

  private constructor(parts: FakeTwsParts) {
    this.#p = parts;
    this.port = parts.port;
    this.serverVersion = parts.ctx.serverVersion;
    this.accounts = parts.ctx.accounts;
  }

  /** Validates `options`, starts listening on 127.0.0.1:0 and returns the running fake. */
  static async start(options: FakeTwsOptions = {}): Promise<FakeTws> {
    return new FakeTws(await assembleFakeTws(options));
  }

  // ---- recorded traffic -------------------------------------------------

  /** Every decoded client request, in arrival order. */
  get received(): readonly ReceivedRequest[] {
    return this.#p.traffic.all();
  }

  /** Requests of one message name, typed: `requests("PLACE_ORDER")[0].totalQuantity`. */
  requests<N extends ClientRequestName>(name: N): ReceivedNamed<N>[] {
    return this.#p.traffic.named(name);
  }

  /** How many requests match a name or predicate. */
  count(matcher: RequestMatcher): number {
    return this.#p.traffic.count(matcher);
  }

  /** Messages the fake could not decode or that came out of sequence; empty in a healthy run. */
  get protocolErrors(): readonly string[] {
    return this.#p.protocolErrors;
  }

  /**
   * Resolves with the `count`-th request (default 1st) matching a name (plus
   * optional `where`) or predicate, received before or after the call.
   */
  waitFor<N extends ClientRequestName>(
    name: N,
    options?: WaitForOptions & { readonly where?: (request: ReceivedNamed<N>) => boolean },
  ): Promise<ReceivedNamed<N>>;
  /** Same, with a predicate over every request. */
  waitFor(
    predicate: (request: ReceivedRequest) => boolean,
    options?: WaitForOptions,
  ): Promise<ReceivedRequest>;
  waitFor(matcher: RequestMatcher, options?: WaitForOptions): Promise<ReceivedRequest> {
    return typeof matcher === "string"
      ? this.#p.traffic.waitFor(matcher, options)
      : this.#p.traffic.waitFor(matcher, options);
  }

  /** Resolves with `check()`'s first defined result, re-checked after every state change. */
  waitUntil<T>(
    check: () => T | undefined,
    options: { timeoutMs?: number; description?: string } = {},
  ): Promise<T> {
    return this.#p.waiters.wait(check, {
      timeoutMs: options.timeoutMs ?? 5000,
      describe: () => options.description ?? "a fake TWS condition",
    });
  }

  // ---- connections ------------------------------------------------------

  /** Open connections. */
  connections(): ConnectionInfo[] {
    return this.#p.server.connections().map(connectionInfo);
  }

  /** Sockets accepted so far (refused ones included). */
  get connectionAttempts(): number {
    return this.#p.server.connectionAttempts;
  }

  /** Resolves once a connection (of `clientId`, if given) has completed START_API. */
  waitForClient(options: { clientId?: number; timeoutMs?: number } = {}): Promise<ConnectionInfo> {
    const matches = (c: ConnectionInfo) =>
      c.phase === "ready" && (options.clientId === undefined || c.clientId === options.clientId);
    return this.waitUntil(() => this.connections().find(matches), {
      timeoutMs: options.timeoutMs,
      description: `a ready client${
        options.clientId === undefined ? "" : ` with id ${options.clientId}`
      }`,
    });
  }

  /** Resolves once no connection is open. */
  async waitForNoClients(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.waitUntil(() => (this.#p.server.connections().length === 0 ? true : undefined), {
      timeoutMs: options.timeoutMs,
      description: "every client connection to close",
    });
  }

  /**
   * Destroys client sockets (all, or those of `clientId`) as a network drop
   * would; the client emits `disconnected`. Account state (orders, fills,
   * positions) is kept for the reconnect. Returns how many were dropped.
   */
  dropConnection(options: { clientId?: number } = {}): Promise<number> {
    return this.#p.server.drop((c) =>
      options.clientId === undefined || c.clientId === options.clientId
    );
  }

  /** While false, new sockets are accepted and closed at once (TWS down); default true. */
  setAcceptConnections(accept: boolean): void {
    this.#p.server.accepting = accept;
  }

  /** Sends ERR_MSG with id -1 (the client's `info` event): 1100, 1101, 1102, 2104, ... Returns recipients. */
  sendInfo(code: number, message: string): number {
    const ready = this.#p.ctx.readyConnections();
    for (const conn of ready) conn.send(errorMessage(-1, code, message));
    return ready.length;
  }

  /** Sends ERR_MSG for `id` (a reqId or orderId) to every ready client, or those of `clientId`. */
  sendError(id: number, error: { code: number; message: string; clientId?: number }): number {
    const ready = this.#p.ctx.readyConnections()
      .filter((c) => error.clientId === undefined || c.clientId === error.clientId);
    for (const conn of ready) conn.send(errorMessage(id, error.code, error.message));
    return ready.length;
  }

  // ---- market data ------------------------------------------------------

  /** Live subscriptions, optionally of one symbol. */
  subscriptions(symbol?: string): SubscriptionInfo[] {
    return subscriptionInfos(this.#p.ctx.readyConnections(), symbol);
  }

  /**
   * Sends TICK_PRICE (delayed tick types to clients in delayed mode) to every
   * subscription of `symbol`, remembers the quote for fills and new
   * subscribers, and fills resting orders it makes marketable. Returns how
   * many subscriptions got it.
   */
  pushTick(
    symbol: string,
    tick: { kind: TickKind; price: DecimalInput; size?: DecimalInput },
  ): number {
    const known = this.#known(symbol);
    const reached = this.#p.marketDesk.pushTick(known, {
      kind: tick.kind,
      price: toDecimal(tick.price),
      size: toDecimal(tick.size ?? 0),
    });
    this.#p.orderDesk.retryResting(known);
    return reached;
  }

  /** Sends TICK_SIZE to every subscription of `symbol`; returns how many got it. */
  pushTickSize(symbol: string, tick: { kind: TickKind; size: DecimalInput }): number {
    return this.#p.marketDesk.pushTickSize(this.#known(symbol), {
      kind: tick.kind,
      size: toDecimal(tick.size),
    });
  }

  /** Sends REAL_TIME_BARS to every real-time bar subscription of `symbol`; returns how many got it. */
  pushRealTimeBar(symbol: string, bar: RealTimeBarInput): number {
    return this.#p.marketDesk.pushRealTimeBar(this.#known(symbol), bar);
  }

  // ---- orders -----------------------------------------------------------

  /** Every order the fake received (rejected and untransmitted ones too), in order. */
  orders(): FakeOrder[] {
    return this.#p.ctx.orders.orders().map(toFakeOrder);
  }

  /** One order by id (and client id when two clients used the same id). */
  order(orderId: number, options: { clientId?: number } = {}): FakeOrder {
    return toFakeOrder(this.#p.ctx.orders.findUnique(orderId, options.clientId));
  }

  /** Every execution, in fill order (fills made while no client was connected included). */
  executions(): FakeExecution[] {
    return [...this.#p.ctx.orders.executions()];
  }

  /**
   * Fills `quantity` (default: all that remains) of an order at `price`,
   * whether or not its client is connected; a connected client gets
   * execDetails, orderStatus (openOrder when complete) and commissionReport.
   */
  fillOrder(
    orderId: number,
    fill: { price: DecimalInput; quantity?: DecimalInput; clientId?: number },
  ): FakeExecution {
    const order = this.#p.ctx.orders.findUnique(orderId, fill.clientId);
    const quantity = fill.quantity === undefined ? order.remaining : toDecimal(fill.quantity);
    return this.#p.orderDesk.fill(order, { quantity, price: toDecimal(fill.price) });
  }

  /** Cancels a working order from the TWS side (orderStatus Cancelled + error 202); false if not working. */
  cancelOrder(orderId: number, options: { clientId?: number; reason?: string } = {}): boolean {
    return this.#p.orderDesk.cancel(
      this.#p.ctx.orders.findUnique(orderId, options.clientId),
      options.reason,
    );
  }

  /** Changes how later orders (and resting ones on the next tick) fill. */
  setFillMode(mode: FillMode): void {
    this.#p.orderDesk.settings.fillMode = validateFillMode(mode);
  }

  /** Sets the automatic fill price of `symbol`. */
  setFillPrice(symbol: string, price: DecimalInput): void {
    this.#p.orderDesk.settings.fillPrices.set(this.#known(symbol), toDecimal(price));
  }

  /** Rejects the next `count` orders with 201 (in addition to any still pending). */
  rejectNextOrders(count: number, options: { reason?: string } = {}): void {
    this.#p.orderDesk.settings.rejectNext += count;
    if (options.reason !== undefined) this.#p.orderDesk.settings.rejectReason = options.reason;
  }

  /** Starts (or, with `reject: false`, stops) rejecting every order for `symbol`. */
  rejectSymbol(symbol: string, reject = true): void {
    const known = this.#known(symbol);
    if (reject) this.#p.orderDesk.settings.rejectSymbols.add(known);
    else this.#p.orderDesk.settings.rejectSymbols.delete(known);
  }

  // ---- account ----------------------------------------------------------

  /** Every position (closed ones stay at quantity 0). */
  positions(): FakePosition[] {
    return this.#p.ctx.account.positions().map(({ contract: _contract, ...view }) => view);
  }

  /** Sets a position outright and pushes it to position subscribers. */
  setPosition(
    symbol: string,
    position: { quantity: DecimalInput; avgCost: DecimalInput; account?: string },
  ): void {
    const contract = this.#p.ctx.contracts.get(this.#known(symbol))!;
    const record = this.#p.ctx.account.setPosition(position.account ?? this.accounts[0]!, {
      contract,
      quantity: toDecimal(position.quantity),
      avgCost: toDecimal(position.avgCost),
    });
    this.#p.accountDesk.publishPosition(record);
    this.#p.ctx.changed();
  }

  /** Sets an account summary value (every account, or one) and pushes it to subscribers. */
  setAccountValue(tag: string, value: AccountValueInput, options: { account?: string } = {}): void {
    for (const account of options.account === undefined ? this.accounts : [options.account]) {
      const stored = this.#p.ctx.account.setValue(account, tag, value);
      this.#p.accountDesk.publishAccountValue({ account, tag, ...stored });
    }
    this.#p.ctx.changed();
  }

  // ---- life cycle -------------------------------------------------------

  /**
   * Closes every connection and the listener, fails pending waits, then waits
   * `settleMs` so the real client's rate-limit timer has fired. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  /** `await using tws = await FakeTws.start()` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #shutdown(): Promise<void> {
    const closed = new Error("the fake TWS was closed");
    this.#p.traffic.close(closed);
    this.#p.waiters.rejectAll(closed);
    await this.#p.server.close();
    if (this.#p.settleMs > 0 && this.#p.server.connectionAttempts > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.#p.settleMs));
    }
  }

  #known(symbol: string): string {
    const known = this.#p.ctx.contracts.get(symbol);
    if (!known) throw new RangeError(`unknown symbol ${symbol}: add it to the contracts option`);
    return known.wire.symbol;
  }
}
