/**
 * The contract between the core and a trading venue (the simulator or
 * Interactive Brokers). Nothing above this interface knows which venue it has.
 *
 * Venues publish what they observe on the trading bus: `bar` and `tick` from
 * the feed, `order_status` and `fill` from the broker, `venue_health` for
 * connectivity. Calls go the other way through the interfaces below.
 *
 * Connectivity protocol on `venue_health`: `disconnected` (or `paused`) makes
 * the coordinator hold new intents instead of sending them; a venue emits
 * `resumed` only once it is whole again (reconnected, resubscribed, missed
 * executions re-delivered as `fill` events), and the coordinator then
 * reconciles open orders and positions and releases the held intents.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { TradingCalendar } from "../calendar/mod.ts";
import type {
  AccountSnapshot,
  Bar,
  Clock,
  Decimal,
  NetPosition,
  OpenOrder,
  OrderRequest,
} from "../model/mod.ts";

/** Market data subscriptions and history. Bars and ticks arrive on the bus. */
export interface MarketDataFeed {
  /**
   * Length in ms of the bars the feed publishes on the bus (IB real-time bars:
   * 5000). Absent means bars already have the graph's bar size; otherwise the
   * coordinator aggregates them.
   */
  readonly sourceBarSizeMs?: number;
  /**
   * Starts streaming `symbol`. The coordinator calls it once per symbol however
   * many strategies watch it. Rejects with a clear message when the symbol is
   * unknown to the venue (IB code 200).
   */
  subscribe(symbol: string): Promise<void>;
  /** Stops streaming `symbol`; called once, when its last subscriber leaves. */
  unsubscribe(symbol: string): Promise<void>;
  /**
   * Up to `count` completed bars of `barSizeMs` milliseconds that precede the
   * live stream, oldest first. May return fewer (or none) when the venue has
   * no earlier data; warmup then continues on the live stream.
   */
  history(symbol: string, count: number, barSizeMs: number): Promise<Bar[]>;
}

/**
 * Order routing. `submit` resolves once the venue has taken the order; what
 * happens next (accepted, filled, rejected) arrives as `order_status` and
 * `fill` events, and so does a refusal of the order's values (a quantity that
 * is not a positive whole number, a limit price off the tick): `rejected`
 * with the reason. `submit` rejects only when the order could not be handed
 * over at all (not connected, a duplicate id), and the coordinator then
 * treats the order as rejected.
 */
export interface Broker {
  /** Sends a new order. */
  submit(order: OrderRequest): Promise<void>;
  /**
   * Changes a working order: `order` carries the id of an order this broker
   * took, the same symbol, side, type and time in force, and a new total
   * `quantity` (filled part included, so fills racing the change never add
   * up to more than `quantity`) and/or a new `limitPrice`. IBKR sends
   * placeOrder again under the same IB order id. The outcome arrives as an
   * `order_status` event carrying `amendment` (`accepted` with the quantity
   * and limit now worked, or `rejected` with a `reason`, the order working as
   * before: also for a quantity that is not a positive whole number above
   * what has filled, or a limit off the tick); if the order finishes first,
   * its terminal status is the answer. Rejects (no event) for an id this
   * broker never took, a change of symbol, side, type or time in force, and
   * (IBKR) a second modification while one awaits its answer, one after a
   * cancel was requested, or one that would have to be sent while
   * disconnected.
   */
  modify(order: OrderRequest): Promise<void>;
  /**
   * Requests cancellation of a working order; the outcome arrives as
   * `order_status`. An order the venue has not sent on yet (IBKR: still in
   * the outbound pacer) is withdrawn: it is never sent, and `cancelled` is
   * published at once with a reason saying so.
   */
  cancel(orderId: string): Promise<void>;
  /** Orders still working at the venue that were placed by this run. */
  openOrders(): Promise<OpenOrder[]>;
  /** The account's net positions as the venue sees them. */
  positions(): Promise<NetPosition[]>;
  /**
   * Publishes now every execution the venue still holds back (IBKR: an
   * execution waiting for its commission report), with commission 0 where
   * none is known yet, so the books are complete before a run's final
   * figures. The coordinator calls it at stop, after the cancels were
   * answered or their wait ended. Optional: a venue that holds nothing back
   * (the sim publishes each execution as it happens) needs no such step.
   */
  flushExecutions?(): void;
  /**
   * The price increment (tick) the venue accepts for `symbol` at `price`:
   * limit prices are rounded onto it before an order is sent (IBKR: the
   * contract's minTick from its contract details; sim: the rule its fills use).
   * Synchronous: a venue learns it when the symbol is subscribed.
   */
  priceIncrement(symbol: string, price: Decimal): Decimal;
}

/** Account figures. */
export interface AccountSource {
  /** Current account snapshot. */
  snapshot(): Promise<AccountSnapshot>;
}

/** Where a venue is connected, for the LiveTradingGuard and telemetry. */
export interface VenueEndpoint {
  /** `"sim"` or `"ibkr"`. */
  readonly kind: "sim" | "ibkr";
  /** TWS / IB Gateway host, for IBKR. */
  readonly host?: string;
  /** TWS / IB Gateway port, for IBKR (7496 and 4001 are live ports). */
  readonly port?: number;
}

/** A market data feed, a broker and an account behind one connection. */
export interface Venue {
  /** Where the venue connects. */
  readonly endpoint: VenueEndpoint;
  /** Market time as this venue drives it (bar time in replay, wall time live). */
  readonly clock: Clock;
  /**
   * True when market time is wall time (live venues): time then passes without
   * data, so the coordinator also runs its cadence (metrics, stall checks) on
   * a wall-clock timer. Absent or false for replays, whose time moves with bars.
   */
  readonly realtime?: boolean;
  /**
   * When the venue's market trades. Stall detection counts only its trading
   * time (a weekend or a holiday is not a stall), and a realtime venue's
   * wall-clock cadence reports only while it is open. Absent: always open,
   * every instant counts (data in continuous time, such as the synthetic feed).
   */
  readonly calendar?: TradingCalendar;
  /** Subscriptions and history. */
  readonly marketData: MarketDataFeed;
  /** Order routing. */
  readonly broker: Broker;
  /** Account figures. */
  readonly account: AccountSource;
  /**
   * Opens the connection and starts publishing on `bus`; resolves with the
   * account snapshot once the venue is ready for requests.
   */
  connect(bus: TradingBus): Promise<AccountSnapshot>;
  /**
   * Drives the feed: a replay resolves when its data ends, a live venue when
   * `signal` aborts. Subscriptions must be in place before it is called.
   */
  run(signal: AbortSignal): Promise<void>;
  /** Releases the connection; idempotent. */
  close(): Promise<void>;
}
