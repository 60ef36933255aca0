/**
 * A real `IBApi` client wired for tests against a fake TWS: it logs every
 * event, offers event-driven waits, fails fast on decoder error 505, and on
 * close waits out the client's own rate-limit timer so Deno's op sanitizer
 * passes.
 *
 * @module
 */
import { EventName, IBApi } from "@stoqey/ib";
import { ConditionWaiters } from "./_condition_waiters.ts";

/** The real client's rate limiter arms a 100 ms timer after each message it sends. */
const CLIENT_RATE_WINDOW_MS = 100;
/** Events too chatty to log (raw traffic). */
const UNLOGGED = new Set<string>([
  EventName.sent,
  EventName.received,
  EventName.all,
  EventName.result,
]);

/** One event the client emitted. */
export interface IbEvent {
  /** Position in the log, from 0. */
  readonly seq: number;
  /** Event name, e.g. `tickPrice`. */
  readonly name: string;
  /** The listener arguments. */
  readonly args: readonly unknown[];
}

/** Options of {@link IbTestClient.connect}. */
export interface IbTestClientOptions {
  /** Default 0. Always passed to the constructor: without it the client loads dotenv and config files. */
  readonly clientId?: number;
  /** Default 40 (the client's own default). */
  readonly maxReqPerSec?: number;
  /** Default 5000. */
  readonly timeoutMs?: number;
}

/** Options of {@link IbTestClient.waitForEvent}. */
export interface WaitForEventOptions {
  /** Only events whose arguments pass. */
  readonly where?: (...args: readonly unknown[]) => boolean;
  /** Resolve on the count-th match (earlier events count); default 1. */
  readonly count?: number;
  /** Only events with `seq >= after` (take `client.mark()` before acting). */
  readonly after?: number;
  /** Default: the client's `timeoutMs`. */
  readonly timeoutMs?: number;
}

/** A connected real client plus its event log. */
export class IbTestClient {
  /** The real client. */
  readonly ib: IBApi;
  readonly #log: IbEvent[] = [];
  readonly #waiters = new ConditionWaiters();
  readonly #timeoutMs: number;
  readonly #decoderErrors: string[] = [];
  #lastSendAt = Number.NEGATIVE_INFINITY;

  private constructor(ib: IBApi, timeoutMs: number) {
    this.ib = ib;
    this.#timeoutMs = timeoutMs;
    ib.on(EventName.all, (name: string, args: unknown) => {
      if (UNLOGGED.has(name)) return;
      this.#log.push({ seq: this.#log.length, name, args: args as unknown[] });
      this.#waiters.notify();
    });
    ib.on(EventName.sent, () => {
      this.#lastSendAt = performance.now();
    });
    ib.on(EventName.error, (error: Error, code: number) => {
      if (code !== 505) return;
      this.#decoderErrors.push(error.message);
      this.#waiters.rejectAll(new Error(`decoder error 505: ${error.message}`));
    });
  }

  /** Creates a client for `tws.host:tws.port`, connects, and waits for nextValidId and managedAccounts. */
  static async connect(
    tws: { readonly host: string; readonly port: number },
    options: IbTestClientOptions = {},
  ): Promise<IbTestClient> {
    const ib = new IBApi({
      host: tws.host,
      port: tws.port,
      clientId: options.clientId ?? 0,
      maxReqPerSec: options.maxReqPerSec ?? 40,
    });
    const client = new IbTestClient(ib, options.timeoutMs ?? 5000);
    ib.connect();
    await client.waitForEvent(EventName.managedAccounts);
    await client.waitForEvent(EventName.nextValidId);
    return client;
  }

  /** The event log, oldest first (raw sent/received traffic excluded). */
  get events(): readonly IbEvent[] {
    return this.#log;
  }

  /** The next event's seq: pass as `after` to wait only for events caused later. */
  mark(): number {
    return this.#log.length;
  }

  /** Argument lists of every `name` event, oldest first. */
  argsOf(name: string): (readonly unknown[])[] {
    return this.#log.filter((e) => e.name === name).map((e) => e.args);
  }

  /** Every `error` event as `{ code, reqId, message }`. */
  errors(): { code: number; reqId: number; message: string }[] {
    return this.argsOf(EventName.error).map(([error, code, reqId]) => ({
      code: code as number,
      reqId: reqId as number,
      message: (error as Error).message,
    }));
  }

  /** Every `info` event as `{ code, message }`. */
  infos(): { code: number; message: string }[] {
    return this.argsOf(EventName.info).map(([message, code]) => ({
      code: code as number,
      message: message as string,
    }));
  }

  /** Decoder errors (code 505) seen so far; any is a wrong field layout in the fake. */
  get decoderErrors(): readonly string[] {
    return this.#decoderErrors;
  }

  /** Resolves with the arguments of the count-th matching `name` event; rejects on timeout or a 505. */
  waitForEvent(name: string, options: WaitForEventOptions = {}): Promise<readonly unknown[]> {
    const count = options.count ?? 1;
    const after = options.after ?? 0;
    if (this.#decoderErrors.length > 0) {
      return Promise.reject(new Error(`decoder error 505: ${this.#decoderErrors[0]}`));
    }
    return this.#waiters.wait(() => {
      let seen = 0;
      for (let i = after; i < this.#log.length; i++) {
        const event = this.#log[i]!;
        if (event.name !== name || (options.where && !options.where(...event.args))) continue;
        if (++seen === count) return event.args;
      }
      return undefined;
    }, {
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      describe: () =>
        `${count} x ${name} event (after ${after}); last events: ${
          this.#log.slice(-10).map((e) => e.name).join(", ") || "none"
        }`,
    });
  }

  /**
   * Resolves once the client's previous TCP socket has fully closed. Call it
   * before `ib.connect()` after a drop: stoqey/ib emits `disconnected` on the
   * socket's "end", and the same socket's later "close" runs the handler
   * again; if `connect()` was called in between, that stale "close" marks the
   * new attempt disconnected (a second `disconnected` event).
   */
  async socketClosed(): Promise<void> {
    // Library boundary: the socket is internal to stoqey/ib (controller.socket.client, a node:net Socket).
    const internals = this.ib as unknown as {
      controller?: {
        socket?: { client?: { closed?: boolean; once(e: "close", f: () => void): void } };
      };
    };
    const socket = internals.controller?.socket?.client;
    if (!socket || socket.closed) return;
    await new Promise<void>((resolve) => socket.once("close", resolve));
  }

  /**
   * Disconnects (if connected), waits for `disconnected`, waits until the
   * client's rate limiter has been idle for its 100 ms window, then fails if
   * any decoder error 505 was seen.
   */
  async close(): Promise<void> {
    if (this.ib.isConnected) {
      const after = this.mark();
      this.ib.disconnect();
      await this.waitForEvent(EventName.disconnected, { after }).catch(() => {});
    }
    this.#waiters.rejectAll(new Error("client closed"));
    while (true) {
      const idleFor = performance.now() - this.#lastSendAt;
      if (idleFor > CLIENT_RATE_WINDOW_MS + 5) break;
      await new Promise((resolve) => setTimeout(resolve, CLIENT_RATE_WINDOW_MS + 5 - idleFor));
    }
    if (this.#decoderErrors.length > 0) {
      throw new Error(`decoder error 505 during the test: ${this.#decoderErrors.join(" | ")}`);
    }
  }

  /** `await using client = await IbTestClient.connect(tws)` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
