/**
 * Outbound message pacing: IB disconnects (error 100) a client that sends
 * more than 50 messages per second. Every request of the venue passes through
 * one {@link OutboundPacer}.
 *
 * Why our own queue: @stoqey/ib's limiter (function-rate-limit) queues, it
 * does not drop, but it grants `ceil(maxReqPerSec / 10)` messages per 100 ms
 * slot, so at 45/s it lets 5 per 100 ms through: bursts of up to 50 in a
 * second, right at IB's limit, and timer jitter can push a measured window
 * over it. The pacer spaces messages evenly instead.
 *
 * @module
 */
import type { Scheduler, TimerHandle } from "./scheduler.ts";

/** IB's hard limit on client messages per second. */
export const IB_MAX_MESSAGES_PER_SECOND = 50;

const WINDOW_MS = 1000;

/** How a send queued with {@link OutboundPacer.enqueueWithdrawable} ended. */
export type PacedSendOutcome = "sent" | "withdrawn";

/** A queued send that can be taken back until it runs. */
export interface WithdrawableSend {
  /**
   * Resolves `"sent"` once the send ran, `"withdrawn"` when
   * {@link WithdrawableSend.withdraw} took it back first; rejects with what
   * the send threw, or with the error given to {@link OutboundPacer.clear}.
   */
  readonly outcome: Promise<PacedSendOutcome>;
  /**
   * Removes the send from the queue if it has not run yet: it then never
   * runs and `outcome` resolves `"withdrawn"`. Returns whether it was
   * removed (false once it ran, failed or was cleared).
   */
  withdraw(): boolean;
}

interface QueuedSend {
  readonly send: () => void;
  readonly settle: (outcome: PacedSendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A FIFO that runs at most `maxPerSecond` sends in any 1-second window and
 * keeps at least `1000 / maxPerSecond` ms between two sends. Excess sends
 * wait in the queue; nothing is dropped unless withdrawn. `enqueue` resolves
 * once its send ran, and rejects with what the send threw, or with the error
 * given to {@link OutboundPacer.clear}. A send queued with
 * {@link OutboundPacer.enqueueWithdrawable} can be withdrawn while it waits:
 * it never runs, and the sends behind it move up (a withdrawn send uses no
 * share of the rate).
 *
 * @example
 * ```ts
 * const pacer = new OutboundPacer({ maxPerSecond: 45, scheduler: SYSTEM_SCHEDULER });
 * await pacer.enqueue(() => ib.reqCurrentTime());
 * const order = pacer.enqueueWithdrawable(() => ib.placeOrder(id, contract, order));
 * order.withdraw(); // true while it still waits: placeOrder is never called
 * ```
 */
export class OutboundPacer {
  readonly #scheduler: Scheduler;
  readonly #maxPerSecond: number;
  readonly #spacingMs: number;
  readonly #queue: QueuedSend[] = [];
  /** Send times within the last window, oldest first. */
  readonly #recent: number[] = [];
  #timer: TimerHandle | undefined;
  #sent = 0;

  /** Creates a pacer; `maxPerSecond` must be in 1..50. */
  constructor(options: { maxPerSecond: number; scheduler: Scheduler }) {
    const max = options.maxPerSecond;
    if (!Number.isInteger(max) || max < 1 || max > IB_MAX_MESSAGES_PER_SECOND) {
      throw new RangeError(
        `max requests per second must be an integer in 1..${IB_MAX_MESSAGES_PER_SECOND}, got ${max}`,
      );
    }
    this.#maxPerSecond = max;
    this.#spacingMs = WINDOW_MS / max;
    this.#scheduler = options.scheduler;
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.#sent;
  }

  /** Sends waiting in the queue. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Queues `send`; it runs as soon as the pace allows (at once when idle). */
  enqueue(send: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#push({ send, settle: () => resolve(), reject });
    });
  }

  /**
   * Queues `send` like {@link enqueue}, and returns a handle that can take it
   * back while it still waits.
   */
  enqueueWithdrawable(send: () => void): WithdrawableSend {
    let item: QueuedSend | undefined;
    const outcome = new Promise<PacedSendOutcome>((resolve, reject) => {
      item = { send, settle: resolve, reject };
    });
    const queued = item as QueuedSend;
    this.#push(queued);
    return { outcome, withdraw: () => this.#withdraw(queued) };
  }

  /** Rejects every queued send with `error` and cancels the pending timer. */
  clear(error: Error): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const item of this.#queue.splice(0)) item.reject(error);
  }

  #push(item: QueuedSend): void {
    this.#queue.push(item);
    if (this.#timer === undefined) this.#drain();
  }

  #withdraw(item: QueuedSend): boolean {
    const index = this.#queue.indexOf(item);
    if (index < 0) return false;
    this.#queue.splice(index, 1);
    if (this.#queue.length === 0 && this.#timer !== undefined) {
      this.#scheduler.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    item.settle("withdrawn");
    return true;
  }

  #drain(): void {
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      const now = this.#scheduler.now();
      const wait = this.#waitMs(now);
      if (wait > 0) {
        this.#timer = this.#scheduler.setTimeout(() => this.#drain(), wait);
        return;
      }
      const item = this.#queue.shift() as QueuedSend;
      this.#recent.push(now);
      this.#sent++;
      try {
        item.send();
        item.settle("sent");
      } catch (error) {
        item.reject(error);
      }
    }
  }

  #waitMs(now: number): number {
    while (this.#recent.length > 0 && (this.#recent[0] as number) <= now - WINDOW_MS) {
      this.#recent.shift();
    }
    const last = this.#recent[this.#recent.length - 1];
    const spacing = last === undefined ? 0 : last + this.#spacingMs - now;
    const window = this.#recent.length < this.#maxPerSecond
      ? 0
      : (this.#recent[0] as number) + WINDOW_MS - now;
    return Math.max(spacing, window);
  }
}
