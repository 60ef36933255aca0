/**
 * A simulated venue that answers late, like TWS over a network: cancels and
 * modifications it is asked for take effect just before the next bar (or at
 * the next macrotask when no bar comes first), chosen
 * executions are published only after the next bar was dispatched (TWS holds
 * them until the commission report), and a cancel can be made to fail.
 *
 * @module
 */
import { EventBus, type TradingBus, type TradingTopics } from "../../src/bus/mod.ts";
import type { Fill } from "../../src/model/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import type { SimVenue } from "../../src/venues/sim/mod.ts";

/** What the venue delays. */
export interface SlowVenueOptions {
  /** Cancels take effect just before the next bar. */
  readonly lateCancels?: boolean;
  /** Modifications take effect just before the next bar. */
  readonly lateModifications?: boolean;
  /** Executions published only after the next bar was dispatched. */
  readonly lateFill?: (fill: Fill) => boolean;
  /** The first cancel request fails (IBKR: the link dropped while it waited in the pacer). */
  readonly failFirstCancel?: boolean;
}

/** The run's bus as the venue sees it: runs the venue's queued work at bars, holds late fills. */
class SlowBus extends EventBus<TradingTopics> {
  readonly #target: TradingBus;
  readonly #lateFill: (fill: Fill) => boolean;
  readonly queued: (() => void)[] = [];
  #held: Fill[] = [];

  constructor(target: TradingBus, lateFill: (fill: Fill) => boolean) {
    super();
    this.#target = target;
    this.#lateFill = lateFill;
  }

  override publish<K extends keyof TradingTopics>(topic: K, event: TradingTopics[K]): void {
    if (topic === "fill" && this.#lateFill(event as Fill)) {
      this.#held.push(event as Fill);
      return;
    }
    if (topic === "bar") { for (const run of this.queued.splice(0)) run(); }
    this.#target.publish(topic, event);
    if (topic === "bar") {
      const held = this.#held;
      this.#held = [];
      for (const fill of held) this.#target.publish("fill", fill);
    }
  }
}

/** `sim` behind a slow connection, for `runScenario`'s `wrapVenue`. */
export function slowVenue(sim: SimVenue, options: SlowVenueOptions): Venue {
  let bus: SlowBus | undefined;
  let failCancel = options.failFirstCancel === true;
  // Just before the next bar, or at the next macrotask when no bar comes (e.g. at the stop).
  const later = (run: () => void) => {
    const queued = (bus as SlowBus).queued;
    queued.push(run);
    setTimeout(() => {
      const index = queued.indexOf(run);
      if (index >= 0) queued.splice(index, 1)[0]?.();
    }, 0);
  };
  return {
    endpoint: sim.endpoint,
    clock: sim.clock,
    marketData: sim.marketData,
    account: sim.account,
    connect: (target) => {
      bus = new SlowBus(target, options.lateFill ?? (() => false));
      return sim.connect(bus);
    },
    run: (signal) => sim.run(signal),
    close: () => sim.close(),
    broker: {
      submit: (order) => sim.broker.submit(order),
      modify(order) {
        if (options.lateModifications !== true) return sim.broker.modify(order);
        later(() => void sim.broker.modify(order));
        return Promise.resolve();
      },
      cancel(id) {
        if (failCancel) {
          failCancel = false;
          return Promise.reject(new Error("the connection to TWS was lost"));
        }
        if (options.lateCancels !== true) return sim.broker.cancel(id);
        later(() => void sim.broker.cancel(id));
        return Promise.resolve();
      },
      openOrders: () => sim.broker.openOrders(),
      positions: () => sim.broker.positions(),
      priceIncrement: (symbol, price) => sim.broker.priceIncrement(symbol, price),
    },
  };
}
