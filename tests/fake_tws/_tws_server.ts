/**
 * The listening socket and the connection life cycle: accept (or refuse),
 * version handshake, START_API (client id check, managed accounts,
 * nextValidId, farm status), then decoding and routing every request.
 *
 * @module
 */
import * as net from "node:net";
import { ClientConnection } from "./client_connection.ts";
import { formatConnectionTime } from "./ib_time.ts";
import { parseClientRequest } from "./request_parser.ts";
import type { ClientRequest, ReceivedRequest, StartApiRequest } from "./request_types.ts";
import { type Desks, routeRequest } from "./_request_router.ts";
import { errorMessage, managedAccountsMessage, nextValidIdMessage } from "./server_messages.ts";
import type { MessageFrame } from "./wire.ts";

/** Info messages TWS sends right after a client connects. */
const FARM_STATUS: ReadonlyArray<readonly [number, string]> = [
  [2104, "Market data farm connection is OK:usfarm"],
  [2106, "HMDS data farm connection is OK:ushmds"],
  [2158, "Sec-def data farm connection is OK:secdefnj"],
];

/** What the server reports to its owner. */
export interface ServerHooks {
  /** Every decoded request, START_API included, before it is answered. */
  readonly onRequest: (request: ReceivedRequest) => void;
  /** A message that could not be decoded or came out of sequence. */
  readonly onProtocolError: (message: string) => void;
}

/** Accepts client connections on 127.0.0.1 and runs their sessions. */
export class TwsServer {
  readonly #desks: Desks;
  readonly #hooks: ServerHooks;
  readonly #farmStatusOnConnect: boolean;
  readonly #server: net.Server;
  readonly #connections = new Set<ClientConnection>();
  #nextConnectionId = 1;
  #nextSeq: () => number;
  /** When false, new sockets are accepted and immediately destroyed. */
  accepting = true;
  /** Sockets accepted so far, refused ones included. */
  connectionAttempts = 0;

  /** Serves `desks`; `nextSeq` numbers recorded requests. */
  constructor(
    desks: Desks,
    options: { hooks: ServerHooks; farmStatusOnConnect: boolean; nextSeq: () => number },
  ) {
    this.#desks = desks;
    this.#hooks = options.hooks;
    this.#farmStatusOnConnect = options.farmStatusOnConnect;
    this.#nextSeq = options.nextSeq;
    this.#server = net.createServer((socket) => this.#accept(socket));
  }

  /** Starts listening on a random port of 127.0.0.1 and returns it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        this.#server.off("error", reject);
        resolve((this.#server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Open connections, in accept order (including those still in the handshake). */
  connections(): ClientConnection[] {
    return [...this.#connections];
  }

  /** Connections that completed START_API. */
  readyConnections(): ClientConnection[] {
    return this.connections().filter((c) => c.phase === "ready");
  }

  /** Destroys the matching connections and waits until they are closed; returns how many. */
  async drop(filter: (connection: ClientConnection) => boolean = () => true): Promise<number> {
    const victims = this.connections().filter(filter);
    await Promise.all(victims.map((c) => c.destroy()));
    return victims.length;
  }

  /** Destroys every connection and stops listening. */
  async close(): Promise<void> {
    this.accepting = false;
    await this.drop();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    this.connectionAttempts++;
    const connection = new ClientConnection(this.#nextConnectionId++, socket, {
      onHandshake: (conn, range) => this.#handshake(conn, range),
      onMessage: (conn, frame) => this.#message(conn, frame),
      onProtocolError: (conn, error) =>
        this.#hooks.onProtocolError(`connection ${conn.id}: ${error.message}`),
      onClosed: (conn) => {
        this.#connections.delete(conn);
        this.#desks.ctx.changed();
      },
    });
    this.#connections.add(connection);
    if (!this.accepting) void connection.destroy();
    this.#desks.ctx.changed();
  }

  #handshake(conn: ClientConnection, range: { minVersion: number; maxVersion: number }): void {
    const version = this.#desks.ctx.serverVersion;
    if (version < range.minVersion || version > range.maxVersion) {
      this.#hooks.onProtocolError(
        `connection ${conn.id}: client accepts v${range.minVersion}..${range.maxVersion}, fake speaks ${version}`,
      );
      void conn.destroy();
      return;
    }
    conn.sendServerVersion(version, formatConnectionTime(this.#desks.ctx.clock.now()));
    conn.phase = "awaiting_start_api";
  }

  #message(conn: ClientConnection, frame: MessageFrame): void {
    let request: ClientRequest;
    try {
      request = parseClientRequest(frame.fields, this.#desks.ctx.serverVersion);
    } catch (error) {
      this.#hooks.onProtocolError(`connection ${conn.id}: ${(error as Error).message}`);
      return;
    }
    const clientId = request.name === "START_API" ? request.clientId : conn.clientId;
    this.#hooks.onRequest({
      ...request,
      seq: this.#nextSeq(),
      at: this.#desks.ctx.clock.now(),
      connectionId: conn.id,
      clientId,
      raw: frame.fields,
    } as ReceivedRequest);
    try {
      if (conn.phase !== "awaiting_start_api") routeRequest(this.#desks, conn, request);
      else if (request.name === "START_API") this.#startApi(conn, request);
      else this.#hooks.onProtocolError(`connection ${conn.id}: ${request.name} before START_API`);
    } catch (error) {
      // A fake bug must fail the test through protocolErrors, not crash the socket handler.
      this.#hooks.onProtocolError(
        `connection ${conn.id}: answering ${request.name} failed: ${(error as Error).stack}`,
      );
    }
    // Wake `waitUntil` checks once the request has been answered.
    this.#desks.ctx.changed();
  }

  #startApi(conn: ClientConnection, request: StartApiRequest): void {
    const ctx = this.#desks.ctx;
    if (this.readyConnections().some((c) => c.clientId === request.clientId)) {
      const message =
        "Unable to connect as the client id is already in use. Retry with a unique client id.";
      conn.send(errorMessage(-1, 326, message));
      void conn.end();
      return;
    }
    conn.clientId = request.clientId;
    conn.phase = "ready";
    conn.send(managedAccountsMessage(ctx.accounts));
    conn.send(nextValidIdMessage(ctx.orders.nextValidId(request.clientId)));
    if (this.#farmStatusOnConnect) {
      for (const [code, message] of FARM_STATUS) conn.send(errorMessage(-1, code, message));
    }
    ctx.changed();
  }
}
