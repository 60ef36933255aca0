/**
 * The account's trading state and its transitions.
 *
 * @module
 */

/**
 * `ACTIVE`: every order that passes the other checks may go.
 * `REDUCING`: only orders that reduce the strategy's absolute position without
 * flipping it may go (entered on a daily-loss breach).
 * `HALTED`: no order may go (entered explicitly, e.g. after a strategy error).
 */
export const TradingState = {
  /** Normal trading. */
  ACTIVE: "ACTIVE",
  /** Only risk-reducing orders pass. */
  REDUCING: "REDUCING",
  /** Nothing passes. */
  HALTED: "HALTED",
} as const;

/** One of {@link TradingState}'s values. */
export type TradingState = typeof TradingState[keyof typeof TradingState];

/** A change of trading state, reported to the listener (the coordinator turns it into telemetry). */
export interface TradingStateChange {
  /** State before the change. */
  readonly from: TradingState;
  /** State after the change. */
  readonly to: TradingState;
  /** Why, with the numbers when there are any. */
  readonly reason: string;
  /** Market time of the change, epoch ms. */
  readonly ts: number;
}

/** Receives trading state changes. */
export type TradingStateListener = (change: TradingStateChange) => void;

/**
 * Holds the current trading state and reports every actual change (a
 * transition to the current state is not a change and is not reported).
 *
 * @example
 * ```ts
 * const machine = new TradingStateMachine((change) => log(change));
 * machine.transition(TradingState.HALTED, { reason: "strategy error", ts });
 * ```
 */
export class TradingStateMachine {
  #state: TradingState = TradingState.ACTIVE;
  #listener: TradingStateListener | undefined;

  /** Starts ACTIVE; `listener` receives every change. */
  constructor(listener?: TradingStateListener) {
    this.#listener = listener;
  }

  /** The current state. */
  get state(): TradingState {
    return this.#state;
  }

  /** Moves to `to`; returns whether the state changed. */
  transition(to: TradingState, options: { reason: string; ts: number }): boolean {
    const from = this.#state;
    if (from === to) return false;
    this.#state = to;
    this.#listener?.({ from, to, reason: options.reason, ts: options.ts });
    return true;
  }
}
