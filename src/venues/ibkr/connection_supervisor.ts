/**
 * Connection loss and recovery: the state machine behind the venue's
 * `venue_health` events.
 *
 * @module
 */
import type { Clock } from "../../model/mod.ts";
import { errorText, type IbkrContext } from "./_ibkr_context.ts";
import { type BackoffOptions, reconnectDelay } from "./backoff.ts";
import { type Scheduler, sleepOn } from "./scheduler.ts";
import type { TwsLink } from "./tws_link.ts";

/** TWS lost its connection to IB's servers (socket to us still up). */
export const CODE_CONNECTIVITY_LOST = 1100;
/** Connectivity restored, market data lost: resubscribe. */
export const CODE_RESTORED_DATA_LOST = 1101;
/** Connectivity restored, market data kept. */
export const CODE_RESTORED_DATA_KEPT = 1102;

/** Where the venue is. Orders go out only in `ready`. */
export type ConnectionState =
  | "connecting"
  | "ready"
  | "outage"
  | "reconnecting"
  | "recovering"
  | "closed";

/** The venue's part of a recovery. */
export interface RecoverySteps {
  /** Opens a fresh connection (new IBApi) and re-applies per-connection settings. */
  reconnect(): Promise<void>;
  /** Requests every subscribed symbol again; `cancelFirst` on the same connection. */
  resubscribe(options: { cancelFirst: boolean }): Promise<readonly string[]>;
  /** Re-requests executions since `sinceMs`; resolves with how many fills were new. */
  recoverExecutions(sinceMs: number): Promise<number>;
  /** Refreshes open orders, positions and the account; returns a summary for telemetry. */
  reconcile(): Promise<Readonly<Record<string, unknown>>>;
}

/** Options of a {@link ConnectionSupervisor}. */
export interface SupervisorOptions {
  /** Shared services (link, health publisher). */
  readonly ctx: IbkrContext;
  /** Backoff of reconnect attempts. */
  readonly backoff: BackoffOptions;
  /** Jitter source, [0, 1). */
  readonly random: () => number;
  /** Executions are re-requested from this long before the outage began, ms. */
  readonly recoveryMarginMs: number;
  /** The venue's recovery steps. */
  readonly steps: RecoverySteps;
}

/**
 * Watches the link and TWS's connectivity codes.
 *
 * - Socket closed: `disconnected` (the coordinator holds intents), then
 *   reconnect attempts with exponential backoff and jitter, each announced
 *   as `reconnecting`; once connected, `reconnected`, then the recovery.
 * - 1100: `disconnected` (code 1100); the socket stays, TWS restores itself.
 *   1101: `reconnected` + `data_lost`, recovery with resubscription.
 *   1102: `reconnected` + `data_kept`, recovery without resubscription.
 * - Recovery: `resubscribed` per symbol (when needed), `executions_recovered`
 *   (fills since the outage began, minus a margin, re-requested), `reconciled`
 *   (open orders, positions, account refreshed), then `resumed`. If a step
 *   fails, the connection is dropped and rebuilt from scratch. A 1100 that
 *   arrives during a recovery is not tracked separately.
 */
export class ConnectionSupervisor {
  readonly #options: SupervisorOptions;
  readonly #link: TwsLink;
  readonly #clock: Clock;
  readonly #scheduler: Scheduler;
  readonly #abort = new AbortController();
  #state: ConnectionState = "connecting";
  #outageStart: number | undefined;
  #epoch = 0;
  #looping = false;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  /** Starts listening to the link. */
  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#link = options.ctx.link;
    this.#clock = options.ctx.clock;
    this.#scheduler = options.ctx.scheduler;
    this.#link.on("disconnected", () => this.#onSocketLost());
    this.#link.on("info", (message, code) => this.#onConnectivity(code, message));
    this.#link.on("error", (error, code, id) => {
      if (id === -1) this.#onConnectivity(code, error.message);
    });
  }

  /** Current state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** True when orders may be sent. */
  get canTrade(): boolean {
    return this.#state === "ready";
  }

  /** Called once the initial connection is complete. */
  markReady(): void {
    if (this.#state === "connecting") this.#becomeReady();
  }

  /** Resolves when the venue is ready (at once if it is); rejects once closed. */
  whenReady(): Promise<void> {
    if (this.#state === "ready") return Promise.resolve();
    if (this.#state === "closed") return Promise.reject(new Error("the IBKR venue is closed"));
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Stops reconnecting; idempotent. */
  close(): void {
    this.#state = "closed";
    this.#abort.abort();
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) waiter.reject(new Error("the IBKR venue is closed"));
  }

  #onSocketLost(): void {
    if (this.#state === "closed" || this.#state === "connecting") return;
    this.#epoch++;
    this.#outageStart ??= this.#clock.now();
    this.#state = "reconnecting";
    this.#health("disconnected", `lost the connection to TWS at ${this.#link.address}`);
    if (!this.#looping) void this.#reconnectLoop();
  }

  #onConnectivity(code: number, message: string): void {
    if (code === CODE_CONNECTIVITY_LOST) {
      if (this.#state !== "ready") return;
      this.#epoch++;
      this.#outageStart ??= this.#clock.now();
      this.#state = "outage";
      this.#health("disconnected", message, { code });
      return;
    }
    if (code !== CODE_RESTORED_DATA_LOST && code !== CODE_RESTORED_DATA_KEPT) return;
    if (this.#state !== "outage" && this.#state !== "ready") return;
    this.#outageStart ??= this.#clock.now();
    void this.#restore(code, message);
  }

  async #restore(code: number, message: string): Promise<void> {
    const epoch = ++this.#epoch;
    this.#health("reconnected", message, { code });
    const lost = code === CODE_RESTORED_DATA_LOST;
    this.#health(
      lost ? "data_lost" : "data_kept",
      lost
        ? "TWS restored connectivity but lost market data: resubscribing"
        : "TWS restored connectivity and kept market data",
      { code },
    );
    const ok = await this.#recover({ resubscribe: lost, cancelFirst: true, epoch });
    if (!ok && epoch === this.#epoch && this.#link.connected) this.#link.drop();
  }

  async #reconnectLoop(): Promise<void> {
    this.#looping = true;
    try {
      let lastError: string | undefined;
      for (let attempt = 1; !this.#isClosed(); attempt++) {
        const delayMs = reconnectDelay(attempt, this.#options.backoff, this.#options.random);
        this.#state = "reconnecting";
        this.#health(
          "reconnecting",
          `reconnecting to TWS at ${this.#link.address} in ${delayMs} ms (attempt ${attempt})`,
          {
            detail: {
              attempt,
              delay_ms: delayMs,
              ...(lastError === undefined ? {} : { last_error: lastError }),
            },
          },
        );
        await sleepOn(this.#scheduler, delayMs, this.#abort.signal);
        if (this.#isClosed()) return;
        try {
          await this.#options.steps.reconnect();
        } catch (error) {
          lastError = errorText(error);
          continue;
        }
        const epoch = ++this.#epoch;
        this.#health("reconnected", `reconnected to TWS at ${this.#link.address}`, {
          detail: { attempt },
        });
        if (await this.#recover({ resubscribe: true, cancelFirst: false, epoch })) return;
        if (this.#isClosed()) return;
        if (this.#link.connected) this.#link.drop();
      }
    } finally {
      this.#looping = false;
    }
  }

  async #recover(
    options: { resubscribe: boolean; cancelFirst: boolean; epoch: number },
  ): Promise<boolean> {
    const steps = this.#options.steps;
    this.#state = "recovering";
    try {
      if (options.resubscribe) {
        const symbols = await steps.resubscribe({ cancelFirst: options.cancelFirst });
        for (const symbol of symbols) {
          this.#health("resubscribed", `resubscribed ${symbol}`, { symbol });
        }
      }
      const since = (this.#outageStart ?? this.#clock.now()) - this.#options.recoveryMarginMs;
      const count = await steps.recoverExecutions(since);
      this.#health("executions_recovered", `${count} execution(s) recovered`, {
        detail: { count, since: new Date(since).toISOString() },
      });
      const summary = await steps.reconcile();
      this.#health("reconciled", "open orders, positions and account refreshed", {
        detail: summary,
      });
    } catch (error) {
      if (!this.#isClosed() && options.epoch === this.#epoch) {
        this.#health("error", `recovery after the outage failed: ${errorText(error)}`);
      }
      return false;
    }
    if (this.#isClosed() || options.epoch !== this.#epoch) return false;
    this.#outageStart = undefined;
    this.#becomeReady();
    this.#health("resumed", "the IBKR venue is whole again: held intents may be released");
    return true;
  }

  #isClosed(): boolean {
    return this.#abort.signal.aborted;
  }

  #becomeReady(): void {
    this.#state = "ready";
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) waiter.resolve();
  }

  #health(
    kind: Parameters<IbkrContext["health"]>[0],
    message: string,
    extra?: Parameters<IbkrContext["health"]>[2],
  ): void {
    this.#options.ctx.health(kind, message, extra);
  }
}
