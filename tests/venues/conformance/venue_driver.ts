/**
 * What the Venue conformance suite needs from each venue: a connected venue
 * and a market it can move. The suite (venue_conformance.ts) only talks to
 * the venue through the core's {@link Venue} contract and to the market
 * through a {@link VenueSession}; everything venue-specific (how a bar is
 * published, how TWS fills an order, how a rejection is provoked) lives in a
 * driver.
 *
 * The market model both drivers implement: a *step* is one trade per
 * subscribed symbol, the stepped symbol at the given price and every other
 * one at its last price. At a step every working order whose symbol trades
 * at or through its limit (market orders always) executes at that symbol's
 * price: all its remaining quantity, or, in a session with `partialFills`,
 * one part of `max(1, floor(remaining / 2))` shares.
 *
 * @module
 */
import type { Venue } from "../../../src/venue/mod.ts";
import type { VenueEventLog } from "./_event_log.ts";

/** How a {@link VenueDriver} sets up a session. */
export interface SessionOptions {
  /**
   * Symbols to subscribe before the suite acts, each with the price it
   * trades at first (on-tick, >= 1 USD). The first step has already happened
   * when `start` resolves, so market orders submitted then fill at the next step.
   */
  readonly prices: Readonly<Record<string, number>>;
  /** Fill each marketable order in parts (half its remaining per step) instead of at once. */
  readonly partialFills?: boolean;
}

/** A connected venue, the events it published, and the market around it. */
export interface VenueSession extends AsyncDisposable {
  /** The venue under test, connected, with the session's symbols subscribed. */
  readonly venue: Venue;
  /** Every `order_status`, `fill` and `venue_health` event the venue published since before `connect`. */
  readonly events: VenueEventLog;
  /**
   * One market step (see the module docs): `symbol` trades at `price`.
   * Resolves once the venue has published every fill and status the step
   * caused.
   */
  step(symbol: string, price: number): Promise<void>;
  /**
   * The venue ends the trading day: every DAY order that has been working
   * through at least one step is cancelled by the venue (not by a
   * `Broker.cancel`). Resolves once each cancellation is published.
   */
  endDay(): Promise<void>;
  /**
   * A symbol whose next order the venue will reject (not refuse to take):
   * the sim venue's unsubscribed symbol, the fake TWS's reject rule.
   */
  rejectedSymbol(): Promise<string>;
  /**
   * Resolves once the venue has answered every call made so far, so that an
   * event that was going to come has come (a round trip on a networked venue).
   */
  settle(): Promise<void>;
  /** Closes the venue and whatever it is connected to; idempotent. */
  close(): Promise<void>;
}

/** Starts sessions of one venue implementation. */
export interface VenueDriver {
  /** The venue's name in test names, e.g. `"SimVenue"`. */
  readonly name: string;
  /** Connects a fresh venue (fresh account, no orders, no positions) with `options`. */
  start(options: SessionOptions): Promise<VenueSession>;
}

/** The part of `remaining` a partial-fill session executes at one step: `max(1, floor(remaining / 2))`. */
export const PARTIAL_FILL_SHARE = 0.5;
