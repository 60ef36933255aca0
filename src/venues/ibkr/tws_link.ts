/**
 * The socket to TWS / IB Gateway: one fresh `IBApi` per connection, a paced
 * outbound queue, and event fan-out to the venue's components.
 *
 * Two client behaviours shape it. IBApi queues calls made while disconnected
 * and sends them after the next nextValidId, so a reused client could replay
 * an order placed during an outage: every connection gets a new `IBApi`, the
 * old one is detached and its queue dropped, and every call goes through
 * {@link TwsLink.send}, which refuses to hand anything to a client that is
 * not connected. And IBApi's own limiter permits bursts right at IB's
 * 50 messages/s, so an {@link OutboundPacer} spaces messages first (IBApi's
 * limiter is given 50/s and stays a backstop that never binds).
 *
 * @module
 */
import { EventName, IBApi, type IBApiCreationOptions } from "@stoqey/ib";
import type { IbEventName, IbListener } from "./ib_events.ts";
import { TwsDisconnectedError } from "./ibkr_errors.ts";
import {
  IB_MAX_MESSAGES_PER_SECOND,
  OutboundPacer,
  type WithdrawableSend,
} from "./outbound_pacer.ts";
import type { Scheduler } from "./scheduler.ts";
import { netAddress } from "../../model/net_address.ts";

/** How long {@link TwsLink.close} waits for a socket to close, ms. */
const SOCKET_CLOSE_WAIT_MS = 2000;

/** Options of a {@link TwsLink}. */
export interface TwsLinkOptions {
  /** TWS / Gateway host. */
  readonly host: string;
  /** API port. */
  readonly port: number;
  /** API client id, the same on every connection. */
  readonly clientId: number;
  /** Outbound messages per second (1..50). */
  readonly maxRequestsPerSecond: number;
  /** Timers and monotonic time. */
  readonly scheduler: Scheduler;
  /** How long the handshake may take before `connect` fails, ms. */
  readonly connectTimeoutMs: number;
  /** Builds the client (tests may wrap it); default `new IBApi(options)`. */
  readonly createClient?: (options: IBApiCreationOptions) => IBApi;
}

/** What TWS said during the handshake. */
export interface TwsSession {
  /** Lowest order id TWS accepts now. */
  readonly nextValidId: number;
  /** Managed accounts text, comma-separated. */
  readonly managedAccounts: string;
  /** Negotiated server version. */
  readonly serverVersion: number;
}

type AnyListener = (...args: unknown[]) => void;

// Library boundary: the node:net socket is internal to stoqey/ib (controller.socket.client).
interface ClientInternals {
  controller?: {
    socket?: {
      status?: number;
      client?: {
        closed?: boolean;
        destroyed?: boolean;
        destroy(): void;
        once(e: "close", f: () => void): void;
      };
    };
  };
}

/**
 * Owns the connection. Listeners registered with {@link on} hear the events
 * of whichever client is current; a replaced client is silenced first.
 *
 * @example
 * ```ts
 * const link = new TwsLink({ host, port, clientId: 1, maxRequestsPerSecond: 45, scheduler, connectTimeoutMs: 10_000 });
 * link.on("info", (message, code) => console.log(code, message));
 * const session = await link.connect();
 * await link.send((ib) => ib.reqCurrentTime());
 * ```
 */
export class TwsLink {
  readonly #options: TwsLinkOptions;
  readonly #pacer: OutboundPacer;
  readonly #listeners = new Map<string, Set<AnyListener>>();
  readonly #closingSockets: Promise<void>[] = [];
  #client: IBApi | undefined;
  #abandonHandshake: ((reason: string) => void) | undefined;
  #connected = false;
  #closed = false;

  /** Creates the link; nothing connects until {@link connect}. */
  constructor(options: TwsLinkOptions) {
    this.#options = options;
    this.#pacer = new OutboundPacer({
      maxPerSecond: options.maxRequestsPerSecond,
      scheduler: options.scheduler,
    });
  }

  /** `host:port`, for messages. */
  get address(): string {
    return netAddress(this.#options.host, this.#options.port);
  }

  /** True between a completed handshake and the loss of that socket. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Messages sent through the pacer so far. */
  get messagesSent(): number {
    return this.#pacer.sent;
  }

  /** Adds a listener for `event` on the current and every later client; returns its remover. */
  on<E extends IbEventName>(event: E, listener: IbListener<E>): () => void {
    const set = this.#listeners.get(event) ?? new Set<AnyListener>();
    set.add(listener as AnyListener);
    this.#listeners.set(event, set);
    return () => set.delete(listener as AnyListener);
  }

  /**
   * Connects with a fresh client (dropping any previous one) and resolves once
   * TWS sent managed accounts and nextValidId.
   *
   * @throws {Error} naming host:port and what to check, on refusal, timeout,
   * a client id in use (326) or a server version the client cannot speak.
   */
  connect(): Promise<TwsSession> {
    if (this.#closed) return Promise.reject(new Error("the TWS link is closed"));
    this.#retireCurrent();
    const { host, port, clientId } = this.#options;
    const creation: IBApiCreationOptions = {
      host,
      port,
      clientId,
      maxReqPerSec: IB_MAX_MESSAGES_PER_SECOND,
    };
    const ib = this.#options.createClient?.(creation) ?? new IBApi(creation);
    this.#client = ib;
    return new Promise<TwsSession>((resolve, reject) => {
      let accounts: string | undefined;
      let nextValidId: number | undefined;
      let lastError: string | undefined;
      let handshaking = true;
      const fail = (message: string) => {
        if (!handshaking) return;
        handshaking = false;
        this.#abandonHandshake = undefined;
        this.#options.scheduler.clearTimeout(timer);
        if (this.#client === ib) this.#retireCurrent();
        reject(new Error(message));
      };
      this.#abandonHandshake = fail;
      const timer = this.#options.scheduler.setTimeout(
        () => fail(this.#timeoutMessage()),
        this.#options.connectTimeoutMs,
      );
      ib.on(EventName.all, (name: string, args: unknown) => {
        if (ib !== this.#client) return;
        const list = args as unknown[];
        if (!handshaking) {
          if (name === EventName.disconnected) this.#lost(ib);
          else this.#dispatch(name, list);
          return;
        }
        if (name === EventName.managedAccounts) accounts = String(list[0] ?? "");
        else if (name === EventName.nextValidId) nextValidId = Number(list[0]);
        else if ((name === EventName.info || name === EventName.error) && codeOf(list) === 326) {
          fail(
            `client id ${clientId} is already in use at ${this.address}: ${messageOf(name, list)}`,
          );
        } else if (name === EventName.error) lastError = messageOf(name, list);
        else if (name === EventName.disconnected) fail(this.#refusedMessage(lastError));
        if (name !== EventName.disconnected) this.#dispatch(name, list);
        if (accounts !== undefined && nextValidId !== undefined && handshaking) {
          handshaking = false;
          this.#abandonHandshake = undefined;
          this.#options.scheduler.clearTimeout(timer);
          this.#connected = true;
          resolve({ nextValidId, managedAccounts: accounts, serverVersion: ib.serverVersion });
        }
      });
      ib.connect();
    });
  }

  /**
   * Queues `call` on the outbound pacer; it runs with the current client when
   * the pace allows. Rejects with {@link TwsDisconnectedError}, without
   * touching any client, when the connection is down at that moment.
   */
  send(call: (ib: IBApi) => void): Promise<void> {
    if (this.#closed) return Promise.reject(new TwsDisconnectedError("the TWS link is closed"));
    return this.#pacer.enqueue(() => call(this.#connectedClient()));
  }

  /**
   * Like {@link send}, with a handle to withdraw the call while it still
   * waits in the pacer (it then never reaches the client). Orders go this
   * way, so that cancelling an order not sent yet keeps it off the wire.
   */
  sendWithdrawable(call: (ib: IBApi) => void): WithdrawableSend {
    if (this.#closed) {
      return {
        outcome: Promise.reject(new TwsDisconnectedError("the TWS link is closed")),
        withdraw: () => false,
      };
    }
    return this.#pacer.enqueueWithdrawable(() => call(this.#connectedClient()));
  }

  /** Drops the current connection (as a network failure would); listeners hear `disconnected`. */
  drop(): void {
    const ib = this.#client;
    if (ib !== undefined) this.#lost(ib);
  }

  /** Disconnects, stops the pacer and waits until every socket it opened has closed; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#connected = false;
    this.#pacer.clear(new TwsDisconnectedError("the TWS link was closed"));
    this.#retireCurrent();
    this.#listeners.clear();
    await Promise.all(this.#closingSockets.splice(0));
  }

  /** The current client; throws {@link TwsDisconnectedError} when the connection is down. */
  #connectedClient(): IBApi {
    const ib = this.#client;
    if (!this.#connected || ib === undefined || !ib.isConnected) {
      throw new TwsDisconnectedError(`not connected to TWS at ${this.address}`);
    }
    return ib;
  }

  #lost(ib: IBApi): void {
    if (ib !== this.#client) return;
    const wasConnected = this.#connected;
    this.#connected = false;
    this.#pacer.clear(
      new TwsDisconnectedError(`the connection to TWS at ${this.address} was lost`),
    );
    this.#retireCurrent();
    if (wasConnected) this.#dispatch(EventName.disconnected, []);
  }

  #retireCurrent(): void {
    const ib = this.#client;
    if (ib === undefined) return;
    this.#client = undefined;
    this.#connected = false;
    const abandon = this.#abandonHandshake;
    this.#abandonHandshake = undefined;
    abandon?.(`the connection attempt to TWS at ${this.address} was abandoned`);
    ib.removeAllListeners();
    const socket = (ib as unknown as ClientInternals).controller?.socket;
    if ((socket?.status ?? 0) >= 2) ib.disconnect();
    else if (socket?.client !== undefined && !socket.client.destroyed) socket.client.destroy();
    this.#closingSockets.push(this.#socketClosed(socket?.client));
  }

  #socketClosed(
    client: { closed?: boolean; once(e: "close", f: () => void): void } | undefined,
  ): Promise<void> {
    if (client === undefined || client.closed === true) return Promise.resolve();
    const scheduler = this.#options.scheduler;
    return new Promise((resolve) => {
      const timer = scheduler.setTimeout(resolve, SOCKET_CLOSE_WAIT_MS);
      client.once("close", () => {
        scheduler.clearTimeout(timer);
        resolve();
      });
    });
  }

  #dispatch(name: string, args: unknown[]): void {
    const set = this.#listeners.get(name);
    if (set === undefined) return;
    for (const listener of [...set]) listener(...args);
  }

  #timeoutMessage(): string {
    const { port, connectTimeoutMs } = this.#options;
    return `no answer from TWS / IB Gateway at ${this.address} within ${
      connectTimeoutMs / 1000
    } s: check that it is running and logged in, that Configure > API > Settings has ` +
      `"Enable ActiveX and Socket Clients" on and socket port ${port}, and ${this.#trustHint()} ` +
      `(or accept the connection prompt)`;
  }

  #refusedMessage(reason: string | undefined): string {
    const ports = "(TWS paper 7497, live 7496; IB Gateway paper 4002, live 4001)";
    const where = `cannot connect to TWS / IB Gateway at ${this.address}`;
    if (reason !== undefined && /ECONNREFUSED|refused/i.test(reason)) {
      return `${where} (${reason}): nothing listens on that port; is it running with the API ` +
        `enabled on this port? ${ports}`;
    }
    return `${where}${reason === undefined ? "" : ` (${reason})`}: it closed the connection ` +
      `before the API handshake finished; check ${this.#trustHint()}, and that the API is ` +
      `enabled on this port ${ports}`;
  }

  /** Which Trusted IPs setting lets this machine in, for the host connected to. */
  #trustHint(): string {
    const host = this.#options.host;
    return ["127.0.0.1", "localhost", "::1"].includes(host)
      ? "that 127.0.0.1 is a trusted IP (Configure > API > Settings > Trusted IPs)"
      : `that this machine's IP is in Trusted IPs of the TWS at ${host} and "Allow ` +
        `connections from localhost only" is off (Configure > API > Settings)`;
  }
}

/** The code of an `info` (message, code) or `error` (error, code, id) event. */
function codeOf(args: readonly unknown[]): number | undefined {
  return typeof args[1] === "number" ? args[1] : undefined;
}

function messageOf(name: string, args: readonly unknown[]): string {
  const first = args[0];
  if (name === EventName.error && first instanceof Error) return first.message;
  return String(first);
}
