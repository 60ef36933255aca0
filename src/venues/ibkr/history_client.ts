/**
 * A minimal TWS client for downloading historical bars (the `history`
 * command): connect, qualify the symbol, one paced reqHistoricalData, close.
 *
 * @module
 */
import type { IBApi, IBApiCreationOptions } from "@stoqey/ib";
import { type Clock, WallClock } from "../../model/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { ContractResolver } from "./contract_resolver.ts";
import { type HistoricalQuery, type HistoricalRow, HistoryFetcher } from "./history_fetcher.ts";
import { RequestIdAllocator } from "./id_allocators.ts";
import { TwsDisconnectedError, TwsRequestError } from "./ibkr_errors.ts";
import { PendingRequests } from "./pending_requests.ts";
import { type Scheduler, SYSTEM_SCHEDULER } from "./scheduler.ts";
import { TwsLink } from "./tws_link.ts";

/** Options of {@link IbkrHistoryClient.connect}. */
export interface HistoryClientOptions {
  /** TWS / Gateway host. */
  readonly host: string;
  /** API port. */
  readonly port: number;
  /** API client id (must differ from a running trader's). */
  readonly clientId: number;
  /** Outbound messages per second; default 45. */
  readonly maxRequestsPerSecond?: number;
  /** Handshake timeout, ms; default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Timeout of each request, ms; default 120 000. */
  readonly requestTimeoutMs?: number;
  /** Timers; default the system's. */
  readonly scheduler?: Scheduler;
  /** Clock; default the wall clock. */
  readonly clock?: Clock;
  /** Builds the IBApi client; default `new IBApi(options)`. */
  readonly createClient?: (options: IBApiCreationOptions) => IBApi;
}

/**
 * Downloads historical bars.
 *
 * @example
 * ```ts
 * const client = await IbkrHistoryClient.connect({ host: "127.0.0.1", port: 7497, clientId: 99 });
 * try {
 *   const rows = await client.download("AAPL", { barSize: "1 day", duration: "2 Y", useRth: true, endDateTime: "" });
 * } finally {
 *   await client.close();
 * }
 * ```
 */
export class IbkrHistoryClient {
  readonly #link: TwsLink;
  readonly #pending: PendingRequests;
  readonly #contracts: ContractResolver;
  readonly #history: HistoryFetcher;

  private constructor(options: HistoryClientOptions) {
    const scheduler = options.scheduler ?? SYSTEM_SCHEDULER;
    const requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.#link = new TwsLink({
      host: options.host,
      port: options.port,
      clientId: options.clientId,
      maxRequestsPerSecond: options.maxRequestsPerSecond ?? 45,
      scheduler,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      ...(options.createClient === undefined ? {} : { createClient: options.createClient }),
    });
    this.#pending = new PendingRequests(scheduler);
    const ctx: IbkrContext = {
      link: this.#link,
      pending: this.#pending,
      requestIds: new RequestIdAllocator(),
      clock: options.clock ?? new WallClock(),
      scheduler,
      clientId: options.clientId,
      requestTimeoutMs,
      accountId: () => "",
      bus: () => undefined,
      health: () => {},
    };
    this.#contracts = new ContractResolver(ctx);
    this.#history = new HistoryFetcher(ctx, {
      timeoutMs: requestTimeoutMs,
      maxPages: 1,
      pacingRetryMs: 15_000,
      whenReady: () => Promise.reject(new TwsDisconnectedError("the connection to TWS was lost")),
    });
    this.#link.on("disconnected", () => {
      this.#pending.failAll(
        new TwsDisconnectedError(`the connection to TWS at ${this.#link.address} was lost`),
      );
    });
    this.#link.on("error", (error, code, id) => {
      if (id === undefined || id < 0) return;
      if (this.#contracts.handleError(id, code, error.message)) return;
      if (this.#history.handleError(id, code, error.message)) return;
      this.#pending.reject(id, new TwsRequestError(`${error.message} (IB error ${code})`, code));
    });
  }

  /** Connects (waits for nextValidId). @throws {Error} naming host:port when TWS cannot be reached. */
  static async connect(options: HistoryClientOptions): Promise<IbkrHistoryClient> {
    const client = new IbkrHistoryClient(options);
    try {
      await client.#link.connect();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** Qualifies `symbol` and returns its bars for `query`, oldest first, as TWS sent them. */
  async download(symbol: string, query: HistoricalQuery): Promise<HistoricalRow[]> {
    const contract = await this.#contracts.resolve(symbol);
    return await this.#history.query(contract, query);
  }

  /** Closes the connection; idempotent. */
  async close(): Promise<void> {
    this.#history.close();
    this.#pending.failAll(new TwsDisconnectedError("the history client was closed"));
    await this.#link.close();
  }
}
