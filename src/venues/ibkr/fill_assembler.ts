/**
 * Joins IB executions with their commission reports into fills.
 *
 * @module
 */
import { type Decimal, type Fill, ZERO } from "../../model/mod.ts";
import type { Scheduler, TimerHandle } from "./scheduler.ts";

/** A fill still missing its commission. */
export type FillWithoutCommission = Omit<Fill, "commission">;

/** Options of a {@link FillAssembler}. */
export interface FillAssemblerOptions {
  /** Timers for the commission wait. */
  readonly scheduler: Scheduler;
  /** How long to wait for a commission report before publishing with commission 0. */
  readonly commissionWaitMs: number;
  /** Receives each complete fill, once per execution id. */
  readonly publish: (fill: Fill, details: { readonly commissionMissing: boolean }) => void;
}

interface Waiting {
  readonly fill: FillWithoutCommission;
  readonly timer: TimerHandle;
}

/**
 * TWS reports an execution (execDetails) and its commission
 * (commissionReport) separately, joined by execId. A fill is published once
 * its commission is known, or, if no report comes within `commissionWaitMs`,
 * with commission 0: a later report cannot correct a published fill (the
 * portfolio drops repeated execIds), so the wait should be generous. Each
 * execId is published at most once per run, so executions re-delivered after
 * a reconnect are ignored here already.
 */
export class FillAssembler {
  readonly #options: FillAssemblerOptions;
  readonly #waiting = new Map<string, Waiting>();
  readonly #earlyCommissions = new Map<string, Decimal>();
  readonly #published = new Set<string>();
  #settledWaiters: (() => void)[] = [];

  /** Creates the assembler. */
  constructor(options: FillAssemblerOptions) {
    this.#options = options;
  }

  /** Whether `execId` has been published or is waiting for its commission. */
  knows(execId: string): boolean {
    return this.#published.has(execId) || this.#waiting.has(execId);
  }

  /** Executions waiting for their commission. */
  get waitingCount(): number {
    return this.#waiting.size;
  }

  /** An execDetails; returns false when the execId was seen before. */
  execution(fill: FillWithoutCommission): boolean {
    if (this.knows(fill.execId)) return false;
    const early = this.#earlyCommissions.get(fill.execId);
    if (early !== undefined) {
      this.#earlyCommissions.delete(fill.execId);
      this.#publish({ ...fill, commission: early }, false);
      return true;
    }
    const timer = this.#options.scheduler.setTimeout(
      () => this.#expire(fill.execId),
      this.#options.commissionWaitMs,
    );
    this.#waiting.set(fill.execId, { fill, timer });
    return true;
  }

  /** A commissionReport; publishes the waiting fill, or keeps it for the execution to come. */
  commission(execId: string, commission: Decimal): void {
    const waiting = this.#waiting.get(execId);
    if (waiting === undefined) {
      if (!this.#published.has(execId)) this.#earlyCommissions.set(execId, commission);
      return;
    }
    this.#options.scheduler.clearTimeout(waiting.timer);
    this.#waiting.delete(execId);
    this.#publish({ ...waiting.fill, commission }, false);
  }

  /** Resolves once no execution waits for its commission. */
  settled(): Promise<void> {
    if (this.#waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  /**
   * Publishes every execution still waiting for its commission now, with
   * commission 0 (reported as missing, like an expired wait).
   */
  flush(): void {
    for (const execId of [...this.#waiting.keys()]) this.#expire(execId);
  }

  /** Drops waiting executions (unpublished) and their timers. */
  close(): void {
    for (const waiting of this.#waiting.values()) {
      this.#options.scheduler.clearTimeout(waiting.timer);
    }
    this.#waiting.clear();
    this.#notifySettled();
  }

  #expire(execId: string): void {
    const waiting = this.#waiting.get(execId);
    if (waiting === undefined) return;
    this.#options.scheduler.clearTimeout(waiting.timer);
    this.#waiting.delete(execId);
    this.#publish({ ...waiting.fill, commission: ZERO }, true);
  }

  #publish(fill: Fill, commissionMissing: boolean): void {
    this.#published.add(fill.execId);
    try {
      this.#options.publish(fill, { commissionMissing });
    } finally {
      if (this.#waiting.size === 0) this.#notifySettled();
    }
  }

  #notifySettled(): void {
    const waiters = this.#settledWaiters;
    this.#settledWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
