/**
 * One client socket and its per-connection state: handshake progress, client
 * id, market data type and subscriptions. Account state (orders, fills,
 * positions) lives elsewhere and survives the connection.
 *
 * @module
 */
import type { Socket } from "node:net";
import { encodeFrame, InboundFrameReader, type MessageFrame, type WireValue } from "./wire.ts";

/** Where a connection is in its life. */
export type ConnectionPhase = "handshake" | "awaiting_start_api" | "ready" | "closed";

/** An account summary subscription. */
export interface AccountSummarySubscription {
  readonly group: string;
  /** Requested tags; `All` is expanded by the handler. */
  readonly tags: readonly string[];
}

/** Callbacks a connection reports to its server. */
export interface ConnectionEvents {
  /** The client sent its version range; reply with the server version or refuse. */
  onHandshake(
    connection: ClientConnection,
    range: { minVersion: number; maxVersion: number },
  ): void;
  /** A framed message arrived. */
  onMessage(connection: ClientConnection, frame: MessageFrame): void;
  /** The client broke the framing; the connection is being destroyed. */
  onProtocolError(connection: ClientConnection, error: Error): void;
  /** The socket closed, by either side. */
  onClosed(connection: ClientConnection): void;
}

/** A client socket with the state that belongs to this connection only. */
export class ClientConnection {
  /** 1, 2, ... in accept order. */
  readonly id: number;
  /** Resolves once the socket has fully closed. */
  readonly closed: Promise<void>;
  /** Where the connection is. */
  phase: ConnectionPhase = "handshake";
  /** From START_API. */
  clientId: number | undefined;
  /** Set by REQ_MARKET_DATA_TYPE: 1 live, 2 frozen, 3 delayed, 4 delayed frozen. */
  marketDataType = 1;
  /** REQ_MKT_DATA subscriptions: reqId -> symbol. */
  readonly marketData = new Map<number, string>();
  /** REQ_REAL_TIME_BARS subscriptions: reqId -> symbol. */
  readonly realTimeBars = new Map<number, string>();
  /** REQ_ACCOUNT_SUMMARY subscriptions by reqId. */
  readonly accountSummaries = new Map<number, AccountSummarySubscription>();
  /** REQ_POSITIONS until CANCEL_POSITIONS. */
  positionsSubscribed = false;
  /** REQ_AUTO_OPEN_ORDERS(true) was received. */
  autoOpenOrders = false;

  readonly #socket: Socket;
  readonly #reader = new InboundFrameReader();
  readonly #events: ConnectionEvents;

  /** Wraps an accepted socket. */
  constructor(id: number, socket: Socket, events: ConnectionEvents) {
    this.id = id;
    this.#socket = socket;
    this.#events = events;
    this.closed = new Promise<void>((resolve) => {
      socket.on("close", () => {
        this.phase = "closed";
        resolve();
        events.onClosed(this);
      });
    });
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    // A reset by the client ends in "close" too; nothing else to do.
    socket.on("error", () => {});
  }

  /** True until the socket closes. */
  get isOpen(): boolean {
    return this.phase !== "closed";
  }

  /** Sends one message (fields, message id first); ignored once closed. */
  send(fields: readonly WireValue[]): void {
    if (!this.isOpen || this.#socket.destroyed) return;
    this.#socket.write(encodeFrame(fields));
  }

  /** Answers the handshake with one frame `[serverVersion, connectionTime]`. */
  sendServerVersion(serverVersion: number, connectionTime: string): void {
    this.send([serverVersion, connectionTime]);
  }

  /** Destroys the socket (the client sees a dropped connection) and waits for it to close. */
  async destroy(): Promise<void> {
    this.#socket.destroy();
    await this.closed;
  }

  /** Flushes what was sent, then closes the socket gracefully, and waits for it to close. */
  async end(): Promise<void> {
    this.#socket.end();
    await this.closed;
  }

  #onData(chunk: Uint8Array): void {
    if (!this.isOpen) return;
    let frames;
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      this.#events.onProtocolError(this, error instanceof Error ? error : new Error(String(error)));
      this.#socket.destroy();
      return;
    }
    for (const frame of frames) {
      if (!this.isOpen || this.#socket.destroyed) return;
      if (frame.kind === "handshake") this.#events.onHandshake(this, frame);
      else this.#events.onMessage(this, frame);
    }
  }
}
