/**
 * The test's side of TWS in the order path property test: how TWS answers
 * each new order (by arrival: immediate, partial, manual or 201 reject),
 * manual fills and TWS-side cancels at given points, and connection faults
 * (socket drops with refused reconnects and fills while disconnected, a drop
 * armed for the next broker handoff or PLACE_ORDER, 1100 then 1101 / 1102).
 * The fake runs in manual fill mode; every fill is one of these.
 *
 * @module
 */
import fc from "fast-check";
import type { FakeOrder, FakeTws, ReceivedNamed } from "../../fake_tws/mod.ts";
import type { OrderPathRun } from "./_order_path_run.ts";
import { isWorkingAtTws } from "./_tws_order_audit.ts";

/** What TWS does with a new order (and again after each of its modifications). */
export type Behaviour = "immediate" | "partial" | "manual" | "reject";

/** One thing the test does at TWS between two bars. */
export type Disruption =
  /** Fills `share` of the remaining quantity (at least 1) of the pick-th working order. */
  | { readonly kind: "fill"; readonly pick: number; readonly share: number }
  /** Cancels the pick-th working order from the TWS side. */
  | { readonly kind: "tws_cancel"; readonly pick: number }
  /** Drops the socket, refuses `refusals` reconnects, maybe fills an order meanwhile. */
  | { readonly kind: "drop"; readonly refusals: number; readonly fillDuring: boolean }
  /** Drops the socket at the next broker handoff or the next PLACE_ORDER TWS receives. */
  | { readonly kind: "drop_in_flight"; readonly on: "handoff" | "arrival" }
  /** 1100, maybe a fill, then `restore` after `afterBars` graph bars. */
  | {
    readonly kind: "connectivity";
    readonly restore: 1101 | 1102;
    readonly afterBars: number;
    readonly fillDuring: boolean;
  };

/** Random behaviours, manual twice as likely as each other. */
export const behaviourArb: fc.Arbitrary<Behaviour> = fc.constantFrom<Behaviour>(
  "manual",
  "immediate",
  "partial",
  "manual",
  "reject",
);

/** Random disruptions: fills most often, then drops, in-flight drops and 1100 outages. */
export const disruptionArb: fc.Arbitrary<Disruption> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("fill" as const),
      pick: fc.nat(9),
      share: fc.constantFrom(0.3, 0.5, 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("tws_cancel" as const), pick: fc.nat(9) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("drop" as const),
      refusals: fc.integer({ min: 0, max: 2 }),
      fillDuring: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("drop_in_flight" as const),
      on: fc.constantFrom("handoff" as const, "arrival" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("connectivity" as const),
      restore: fc.constantFrom(1101 as const, 1102 as const),
      afterBars: fc.integer({ min: 0, max: 3 }),
      fillDuring: fc.boolean(),
    }),
  },
);

/** Options of a {@link TwsSide}. */
export interface TwsSideOptions {
  /** Behaviour of the n-th new order, cycled. */
  readonly behaviours: readonly Behaviour[];
  /** Executions of a `partial` order. */
  readonly pieces: number;
  /** The venue's client id. */
  readonly clientId: number;
  /** Called at every PLACE_ORDER, before the test answers it. */
  readonly onPlaceOrder: (request: ReceivedNamed<"PLACE_ORDER">) => void;
  /** Called with what answering a PLACE_ORDER threw. */
  readonly onError: (error: unknown) => void;
}

/**
 * Plays TWS's part. Every PLACE_ORDER is answered in the microtask after the
 * fake received it, per the order's behaviour; the next new order's reject
 * rule is armed then too (201 only applies to new orders).
 */
export class TwsSide {
  /** Close of the latest bar per symbol: the price of market order fills. */
  readonly lastClose = new Map<string, number>();
  /** Drops armed with `drop_in_flight` that happened. */
  inFlightDrops = 0;
  readonly #tws: FakeTws;
  readonly #options: TwsSideOptions;
  readonly #behaviourOf = new Map<number, Behaviour>();
  readonly #watching: Promise<void>;
  #run: OrderPathRun | undefined;
  #arrivals = 0;
  #newOrders = 0;
  #armed: "handoff" | "arrival" | undefined;
  #drop: { resumedBefore: number; dropped: number | undefined } | undefined;
  #outage: { restore: 1101 | 1102; barsLeft: number } | undefined;

  /** Starts answering PLACE_ORDERs on `tws`. */
  constructor(tws: FakeTws, options: TwsSideOptions) {
    this.#tws = tws;
    this.#options = options;
    if (this.#behaviourAt(0) === "reject") tws.rejectNextOrders(1);
    this.#watching = this.#watch();
  }

  /** The run whose health events the faults wait on. */
  attach(run: OrderPathRun): void {
    this.#run = run;
  }

  /** The coordinator handed an order or modification to the broker. */
  handoff(): void {
    if (this.#armed === "handoff") this.#dropNow();
  }

  /** True during a 1100 outage (the venue is not `ready`, intents are held). */
  get inOutage(): boolean {
    return this.#outage !== undefined;
  }

  /** Why TWS's side is not settled (an unanswered PLACE_ORDER, a drop not recovered), or undefined. */
  unsettled(): string | undefined {
    if (this.#arrivals < this.#tws.count("PLACE_ORDER")) {
      return "the test's answer to a PLACE_ORDER";
    }
    const drop = this.#drop;
    if (drop === undefined) return undefined;
    if (drop.dropped === undefined) return "the drop";
    if (drop.dropped > 0 && this.#count("resumed") <= drop.resumedBefore) {
      return "a drop's recovery";
    }
    this.#drop = undefined;
    return undefined;
  }

  /** Does `what`; a fault resolves once the venue noticed it (a drop: once it resumed). */
  async disrupt(what: Disruption): Promise<void> {
    const tws = this.#tws;
    switch (what.kind) {
      case "fill":
        return this.#fillSome(what.pick, what.share);
      case "tws_cancel": {
        const order = this.#pick(what.pick);
        if (order !== undefined) tws.cancelOrder(order.orderId, { reason: "test: TWS cancel" });
        return;
      }
      case "drop_in_flight":
        this.#armed = what.on;
        return;
      case "connectivity": {
        if (this.#outage !== undefined) return;
        const down = this.#count("disconnected");
        tws.sendInfo(1100, "Connectivity between IB and Trader Workstation has been lost.");
        await this.#waitHealth("disconnected", down + 1);
        if (what.fillDuring) this.#fillSome(0, 1);
        this.#outage = { restore: what.restore, barsLeft: what.afterBars };
        if (what.afterBars === 0) await this.restore();
        return;
      }
      case "drop": {
        const down = this.#count("disconnected");
        const up = this.#count("resumed");
        const attempts = this.#count("reconnecting");
        if (what.refusals > 0) tws.setAcceptConnections(false);
        await tws.dropConnection();
        this.#outage = undefined; // the reconnect's recovery replaces a pending 1101 / 1102
        await this.#waitHealth("disconnected", down + 1);
        if (what.fillDuring) this.#fillSome(0, 1);
        if (what.refusals > 0) {
          await this.#waitHealth("reconnecting", attempts + what.refusals + 1);
          tws.setAcceptConnections(true);
        }
        await this.#waitHealth("resumed", up + 1);
        return;
      }
    }
  }

  /** A graph bar completed; true when that ended a 1100 outage (1101 / 1102 sent, resumed). */
  async barCompleted(): Promise<boolean> {
    const outage = this.#outage;
    if (outage === undefined || --outage.barsLeft > 0) return false;
    await this.restore();
    return true;
  }

  /** Ends a 1100 outage with its 1101 / 1102 and waits for `resumed`; nothing without one. */
  async restore(): Promise<void> {
    const outage = this.#outage;
    if (outage === undefined) return;
    const up = this.#count("resumed");
    this.#outage = undefined;
    this.#tws.sendInfo(outage.restore, `Connectivity restored (${outage.restore}).`);
    await this.#waitHealth("resumed", up + 1);
  }

  /** Before the stop: no drop stays armed. */
  disarm(): void {
    this.#armed = undefined;
  }

  /** Resolves once the PLACE_ORDER watcher ended (after the fake closed). */
  closed(): Promise<void> {
    return this.#watching;
  }

  async #watch(): Promise<void> {
    while (true) {
      const request = await this.#tws
        .waitFor("PLACE_ORDER", { count: this.#arrivals + 1, timeoutMs: 600_000 })
        .catch(() => undefined);
      if (request === undefined) return;
      this.#arrivals++;
      try {
        this.#options.onPlaceOrder(request);
        this.#answer(request.orderId);
      } catch (error) {
        this.#options.onError(error);
      }
      if (this.#armed === "arrival") this.#dropNow();
    }
  }

  #answer(orderId: number): void {
    const modified = this.#behaviourOf.has(orderId);
    if (!modified) {
      this.#behaviourOf.set(orderId, this.#behaviourAt(this.#newOrders++));
      if (this.#behaviourAt(this.#newOrders) === "reject") this.#tws.rejectNextOrders(1);
    }
    const order = this.#tws.order(orderId, { clientId: this.#options.clientId });
    if (!isWorkingAtTws(order)) return;
    const behaviour = this.#behaviourOf.get(orderId);
    if (behaviour === "immediate") this.#tws.fillOrder(orderId, { price: this.#priceOf(order) });
    if (behaviour !== "partial") return;
    // A new partial order fills in `pieces` executions; after a modification, half of the rest.
    const pieces = modified ? 2 : this.#options.pieces;
    const piece = order.remaining.div(pieces).floor();
    for (let i = 1; i < pieces && piece.gt(0); i++) {
      this.#tws.fillOrder(orderId, { price: this.#priceOf(order), quantity: piece });
    }
    if (!modified) this.#tws.fillOrder(orderId, { price: this.#priceOf(order) });
  }

  #behaviourAt(n: number): Behaviour {
    const list = this.#options.behaviours;
    return list[n % list.length] ?? "manual";
  }

  #dropNow(): void {
    this.#armed = undefined;
    this.inFlightDrops++;
    const drop = {
      resumedBefore: this.#count("resumed"),
      dropped: undefined as number | undefined,
    };
    this.#drop = drop;
    void this.#tws.dropConnection().then((n) => (drop.dropped = n));
  }

  #pick(pick: number): FakeOrder | undefined {
    const working = this.#tws.orders().filter((o) =>
      o.clientId === this.#options.clientId && isWorkingAtTws(o)
    );
    return working[pick % Math.max(1, working.length)];
  }

  #fillSome(pick: number, share: number): void {
    const order = this.#pick(pick);
    if (order === undefined) return;
    const quantity = order.remaining.times(share).floor();
    this.#tws.fillOrder(order.orderId, {
      price: this.#priceOf(order),
      quantity: quantity.gt(0) ? quantity : order.remaining,
    });
  }

  /** A limit order fills at its limit, a market order at the latest close. */
  #priceOf(order: FakeOrder): number | string {
    return order.lmtPrice?.toString() ?? this.lastClose.get(order.symbol) ?? 100;
  }

  #count(kind: string): number {
    return this.#run?.health.filter((h) => h.kind === kind).length ?? 0;
  }

  #waitHealth(kind: string, count: number): Promise<unknown> {
    const run = this.#run;
    if (run === undefined) return Promise.reject(new Error("TwsSide.attach(run) first"));
    return run.waitFor(() => this.#count(kind) >= count || undefined, `${count} x ${kind}`, 4000);
  }
}
