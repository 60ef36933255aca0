/**
 * Targets that cannot be pursued right now: held during an outage, or
 * waiting for a working order's cancel, modification or executions. At most
 * one per strategy and symbol, and always the newest the strategy stated.
 *
 * @module
 */
import type { OrderIntent } from "../model/mod.ts";
import type { SymbolSlot } from "./strategy_host.ts";

/** An intent with the position it asks for, fixed when it was stated. */
export interface Goal {
  readonly intent: OrderIntent;
  readonly slot: SymbolSlot;
  /** Requested position before clipping (a delta is turned into a target when stated). */
  readonly requested: number;
  /** Statement order: a higher number is a newer intent. */
  readonly seq: number;
  /** This goal sent the pending modification of the slot's order. */
  readonly awaitsOwnAmendment?: boolean;
  /** The venue refused a modification toward this goal: cancel instead of amending again. */
  readonly cancelInstead?: boolean;
  /** Held during an outage: it expires (waiting for its own order, it does not). */
  readonly held?: boolean;
}

/**
 * The waiting room of the intent processor. `wait` and `hold` keep one goal
 * per slot (the newest by `seq`); `release` moves a slot's waiting goal to the
 * ready list, which the processor drains in order.
 */
export class TargetGoals {
  #waiting = new Map<SymbolSlot, Goal>();
  #held = new Map<SymbolSlot, Goal>();
  #ready: Goal[] = [];
  #retryCancel = new Set<SymbolSlot>();

  /** Number of goals waiting for their order. */
  get waitingCount(): number {
    return this.#waiting.size;
  }

  /** Number of goals held during an outage. */
  get heldCount(): number {
    return this.#held.size;
  }

  /** True when goals are ready to be decided again. */
  get hasReady(): boolean {
    return this.#ready.length > 0;
  }

  /** The goal waiting on `slot`'s order, if any. */
  waitingOn(slot: SymbolSlot): Goal | undefined {
    return this.#waiting.get(slot);
  }

  /** Makes `goal` wait for its slot's order, unless a newer goal waits there already. */
  wait(goal: Goal): void {
    const current = this.#waiting.get(goal.slot);
    if (current === undefined || current.seq <= goal.seq) this.#waiting.set(goal.slot, goal);
  }

  /** Drops the goal waiting on `slot` (it was superseded or is being decided). */
  forget(slot: SymbolSlot): void {
    this.#waiting.delete(slot);
    this.#retryCancel.delete(slot);
  }

  /** Moves the goal waiting on `slot` to the ready list; returns it. */
  release(slot: SymbolSlot, change?: Partial<Pick<Goal, "cancelInstead">>): Goal | undefined {
    const goal = this.#waiting.get(slot);
    if (goal === undefined) return undefined;
    this.forget(slot);
    this.#ready.push(
      change === undefined ? goal : { ...goal, ...change, awaitsOwnAmendment: false },
    );
    return goal;
  }

  /** Holds `goal` during an outage; returns false when a newer goal of its slot is held already. */
  hold(goal: Goal): boolean {
    const current = this.#held.get(goal.slot);
    if (current !== undefined && current.seq > goal.seq) return false;
    this.#held.set(goal.slot, { ...goal, held: true });
    return true;
  }

  /** Moves every held goal to the ready list, oldest statement first. */
  releaseHeld(): void {
    const held = [...this.#held.values()].sort((a, b) => a.seq - b.seq);
    this.#held.clear();
    this.#ready.push(...held);
  }

  /** Takes the ready goals (the caller decides each again). */
  takeReady(): Goal[] {
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  /** A cancel of `slot`'s order failed: its waiting goal is retried at {@link releaseRetries}. */
  retryLater(slot: SymbolSlot): void {
    if (this.#waiting.has(slot)) this.#retryCancel.add(slot);
  }

  /** Releases the goals whose cancel failed, so they ask again. */
  releaseRetries(): void {
    for (const slot of [...this.#retryCancel]) this.release(slot);
    this.#retryCancel.clear();
  }

  /** Removes and returns every goal (the run is stopping). */
  drop(): Goal[] {
    const all = [...this.#held.values(), ...this.#ready, ...this.#waiting.values()];
    this.#held.clear();
    this.#ready = [];
    this.#waiting.clear();
    this.#retryCancel.clear();
    return all;
  }
}
