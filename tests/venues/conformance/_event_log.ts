/**
 * A record of what a venue publishes on the trading bus, with event-driven
 * waits: the conformance suite's only view of `order_status`, `fill` and
 * `venue_health`.
 *
 * @module
 */
import type { TradingBus } from "../../../src/bus/mod.ts";
import type { Decimal, Fill, OrderStatusEvent, VenueHealthEvent } from "../../../src/model/mod.ts";
import { ZERO } from "../../../src/model/mod.ts";
import { EventWaits } from "../../_support/mod.ts";

/** One published event, in publication order. */
export type LoggedEvent =
  | { readonly topic: "order_status"; readonly event: OrderStatusEvent }
  | { readonly topic: "fill"; readonly event: Fill }
  | { readonly topic: "venue_health"; readonly event: VenueHealthEvent };

/** Records a bus's order and health events from construction on. */
export class VenueEventLog {
  /** Every recorded event, in order. */
  readonly all: LoggedEvent[] = [];
  readonly #waits = new EventWaits();

  /** Subscribes to `bus`; create it before the venue connects. */
  constructor(bus: TradingBus) {
    bus.subscribe("order_status", (event) => this.#record({ topic: "order_status", event }));
    bus.subscribe("fill", (event) => this.#record({ topic: "fill", event }));
    bus.subscribe("venue_health", (event) => this.#record({ topic: "venue_health", event }));
  }

  /** Every `order_status` event. */
  get statuses(): OrderStatusEvent[] {
    return this.all.flatMap((e) => (e.topic === "order_status" ? [e.event] : []));
  }

  /** Every `fill` event. */
  get fills(): Fill[] {
    return this.all.flatMap((e) => (e.topic === "fill" ? [e.event] : []));
  }

  /** Every `venue_health` event. */
  get health(): VenueHealthEvent[] {
    return this.all.flatMap((e) => (e.topic === "venue_health" ? [e.event] : []));
  }

  /** The `order_status` events of one order. */
  statusesOf(orderId: string): OrderStatusEvent[] {
    return this.statuses.filter((s) => s.orderId === orderId);
  }

  /** The `fill` events of one order. */
  fillsOf(orderId: string): Fill[] {
    return this.fills.filter((f) => f.orderId === orderId);
  }

  /** Shares filled for `orderId` according to its `fill` events. */
  filledBy(orderId: string): Decimal {
    return this.fillsOf(orderId).reduce((sum, f) => sum.plus(f.quantity), ZERO);
  }

  /**
   * Resolves with `check()`'s first defined result, checked now and after
   * every recorded event; rejects with what `check` throws, or after
   * `timeoutMs` (default 5000) naming `description`.
   */
  waitFor<T>(check: () => T | undefined, description: string, timeoutMs?: number): Promise<T> {
    return this.#waits.waitFor(check, description, timeoutMs);
  }

  /** Waits for the `index`-th (0-based) status of `orderId`. */
  nthStatus(orderId: string, index: number, description?: string): Promise<OrderStatusEvent> {
    return this.waitFor(
      () => this.statusesOf(orderId)[index],
      description ?? `status #${index + 1} of ${orderId}`,
    );
  }

  /** Waits for the `nth` (1-based) status of `orderId` that answers a modification. */
  amendmentAnswer(orderId: string, nth: number): Promise<OrderStatusEvent> {
    return this.waitFor(
      () => this.statusesOf(orderId).filter((s) => s.amendment !== undefined)[nth - 1],
      `the answer to modification #${nth} of ${orderId}`,
    );
  }

  #record(entry: LoggedEvent): void {
    this.all.push(entry);
    this.#waits.notify();
  }
}
