/**
 * The simulated broker: market and limit orders filled against the replayed bars.
 *
 * @module
 */
import type { TradingBus } from "../../bus/mod.ts";
import {
  type Bar,
  type Clock,
  type Decimal,
  DECIMAL_PRECISION,
  type Fill,
  type NetPosition,
  type OpenOrder,
  type OrderAmendment,
  type OrderRequest,
  type OrderState,
  type OrderStatusEvent,
  significantDigitsBound,
  usEquityTick,
  ZERO,
} from "../../model/mod.ts";
import type { Broker } from "../../venue/mod.ts";
import {
  type CommissionSchedule,
  orderCommission,
  validateCommissionSchedule,
} from "./commission_model.ts";
import { fillQuantity, limitFillPrice, marketFillPrice, utcDay } from "./order_matching.ts";
import { PositionLedger } from "./position_ledger.ts";
import { orderRejection } from "./order_validation.ts";

/** Settings of a {@link SimBroker}. */
export interface SimBrokerOptions {
  /** Market time; fills and status events carry its reading. */
  readonly clock: Clock;
  /** Slippage of market orders against the trader, in basis points (>= 0). */
  readonly slippageBps: Decimal;
  /** Commission schedule. */
  readonly commission: CommissionSchedule;
  /** Share of the remaining quantity filled per bar, in (0, 1]; 1 fills at once. */
  readonly partialFillRatio: Decimal;
  /** Whether `symbol` is subscribed; orders for other symbols are rejected. */
  readonly isStreaming: (symbol: string) => boolean;
}

interface WorkingOrder {
  /** The order as last submitted or modified. */
  request: OrderRequest;
  status: OrderState;
  filled: Decimal;
  remaining: Decimal;
  /** Sum of quantity x price over the fills. */
  value: Decimal;
  /** The commission of the order's fills so far (the order's commission at `filled` / `value`). */
  commission: Decimal;
  /** Number of fills so far. */
  fills: number;
  /** Price of the last fill. */
  lastPrice: Decimal | undefined;
  /** Only bars with a later `ts` may fill the order (no fills from bars the strategy has seen). */
  readonly eligibleAfter: number;
  /** DAY orders: the UTC day of the first bar that could fill them. */
  day: number | undefined;
  /** Stamp of the last bar this order was matched against. */
  matchedAt: number;
}

/**
 * A {@link Broker} that fills orders against the bars the replay loop hands it
 * through {@link SimBroker.onBar} (before the bar is published, so strategies
 * see fills of earlier orders at that bar first).
 *
 * Matching: an order may fill only at a bar of its symbol whose `ts` is later
 * than the market time at submission (orders submitted before the first bar:
 * from the first bar on). Market orders fill at that bar's open plus
 * slippage; limit orders when the bar reaches the limit (see
 * `limitFillPrice`). GTC orders work until filled or cancelled. A DAY order is
 * good for the UTC day of the first bar that could fill it and is cancelled
 * (`reason: "DAY order expired"`) at its first bar of a later day; on daily
 * bars that means it works for exactly one bar. With `partialFillRatio` < 1 an
 * order fills in parts over consecutive bars.
 *
 * Events (synchronous, on the bus): `order_status` `submitted` from
 * `submit`; `rejected` (with `reason`) for an invalid order; per execution a
 * `fill` (unique `execId`, commission per fill) and then `order_status`
 * `partially_filled` or `filled`; `cancelled` from `cancel` or DAY expiry;
 * the order's current state with `amendment` from `modify`.
 *
 * Errors (the promise rejects, no event): calling before the venue is
 * connected, a duplicate order id (the original order is unaffected), and
 * `cancel` of an id this broker never saw. `cancel` of a finished order
 * resolves and does nothing (its terminal status was already published).
 */
export class SimBroker implements Broker {
  readonly #options: SimBrokerOptions;
  readonly #ledger = new PositionLedger();
  readonly #seenIds = new Set<string>();
  readonly #open = new Map<string, WorkingOrder>();
  readonly #workingBySymbol = new Map<string, WorkingOrder[]>();
  #bus: TradingBus | undefined;
  #replayStarted = false;
  #execSequence = 0;
  #barStamp = 0;
  #removals = 0;
  #fillsWhole: boolean;

  /** Validates slippage, commission and partial fill ratio. */
  constructor(options: SimBrokerOptions) {
    if (options.slippageBps.isNegative() || !options.slippageBps.isFinite()) {
      throw new RangeError(`slippage_bps must be >= 0, got ${options.slippageBps.toString()}`);
    }
    const ratio = options.partialFillRatio;
    if (!(ratio.greaterThan(0) && ratio.lessThanOrEqualTo(1))) {
      throw new RangeError(`partial_fill_ratio must be in (0, 1], got ${ratio.toString()}`);
    }
    validateCommissionSchedule(options.commission);
    this.#options = options;
    this.#fillsWhole = ratio.greaterThanOrEqualTo(1);
  }

  /** Connects the broker to the bus it publishes on. */
  attach(bus: TradingBus): void {
    this.#bus = bus;
  }

  /** The account's book: positions, realized PnL, commissions. */
  get ledger(): PositionLedger {
    return this.#ledger;
  }

  /** Validates and accepts `order`; see the class docs for events and errors. */
  submit(order: OrderRequest): Promise<void> {
    const bus = this.#bus;
    if (bus === undefined) return Promise.reject(notConnected());
    if (this.#seenIds.has(order.id)) {
      return Promise.reject(new Error(`sim broker: duplicate order id "${order.id}"`));
    }
    this.#seenIds.add(order.id);
    const now = this.#options.clock.now();
    const reason = orderRejection(order, this.#options.isStreaming);
    if (reason !== undefined) {
      bus.publish("order_status", {
        orderId: order.id,
        status: "rejected",
        filled: ZERO,
        remaining: ZERO,
        reason,
        ts: now,
      });
      return Promise.resolve();
    }
    const working: WorkingOrder = {
      request: order,
      status: "submitted",
      filled: ZERO,
      remaining: order.quantity,
      value: ZERO,
      commission: ZERO,
      fills: 0,
      lastPrice: undefined,
      eligibleAfter: this.#replayStarted ? now : Number.NEGATIVE_INFINITY,
      day: undefined,
      matchedAt: 0,
    };
    this.#open.set(order.id, working);
    const list = this.#workingBySymbol.get(order.symbol);
    if (list === undefined) this.#workingBySymbol.set(order.symbol, [working]);
    else list.push(working);
    this.#publishStatus(working, undefined);
    return Promise.resolve();
  }

  /**
   * Changes a working order's total quantity and/or limit price at once (an
   * `order_status` with `amendment` `accepted`), or refuses the change (the
   * same with `rejected` and a reason: a quantity not above what has filled,
   * an invalid quantity or limit). A finished order publishes nothing (its
   * terminal status was the answer). Rejects for an unknown id or a change
   * of symbol, side, type or time in force.
   */
  modify(order: OrderRequest): Promise<void> {
    if (this.#bus === undefined) return Promise.reject(notConnected());
    const working = this.#open.get(order.id);
    if (working === undefined) {
      if (this.#seenIds.has(order.id)) return Promise.resolve();
      return Promise.reject(new Error(`sim broker: cannot modify unknown order id "${order.id}"`));
    }
    const before = working.request;
    for (const field of ["symbol", "side", "type", "tif"] as const) {
      if (order[field] !== before[field]) {
        return Promise.reject(
          new Error(
            `sim broker: a modification of ${order.id} cannot change ${field} (${
              before[field]
            } -> ${order[field]})`,
          ),
        );
      }
    }
    const reason = orderRejection(order, this.#options.isStreaming) ??
      (order.quantity.greaterThan(working.filled)
        ? undefined
        : `quantity ${order.quantity.toString()} must exceed the ${working.filled.toString()} already filled`);
    if (reason === undefined) {
      working.request = order;
      working.remaining = order.quantity.minus(working.filled);
    }
    this.#publishStatus(
      working,
      reason === undefined ? undefined : `modification refused: ${reason}`,
      {
        outcome: reason === undefined ? "accepted" : "rejected",
        quantity: working.request.quantity,
        ...(working.request.limitPrice === undefined
          ? {}
          : { limitPrice: working.request.limitPrice }),
      },
    );
    return Promise.resolve();
  }

  /** The US equity tick at `price`, the grid fills and limit prices use. */
  priceIncrement(_symbol: string, price: Decimal): Decimal {
    return usEquityTick(price);
  }

  /** Cancels a working order (event `cancelled`); see the class docs for unknown and finished ids. */
  cancel(orderId: string): Promise<void> {
    if (this.#bus === undefined) return Promise.reject(notConnected());
    const order = this.#open.get(orderId);
    if (order !== undefined) {
      this.#finish(order, "cancelled");
      this.#publishStatus(order, "cancelled by request");
      return Promise.resolve();
    }
    if (this.#seenIds.has(orderId)) return Promise.resolve();
    return Promise.reject(new Error(`sim broker: cannot cancel unknown order id "${orderId}"`));
  }

  /** Working orders in submission order. */
  openOrders(): Promise<OpenOrder[]> {
    const orders: OpenOrder[] = [];
    for (const order of this.#open.values()) {
      orders.push({ request: order.request, status: order.status, filled: order.filled });
    }
    return Promise.resolve(orders);
  }

  /** Net positions with average cost (fill prices, commissions excluded); flat symbols are left out. */
  positions(): Promise<NetPosition[]> {
    return Promise.resolve(this.#ledger.positions());
  }

  /**
   * Matches the working orders of `bar.symbol` against `bar`. The replay loop
   * calls it after setting the clock to `bar.ts` and before publishing the bar.
   */
  onBar(bar: Bar): void {
    this.#replayStarted = true;
    if (this.#open.size === 0) return;
    const list = this.#workingBySymbol.get(bar.symbol);
    if (list === undefined || list.length === 0) return;
    // No snapshot copy: each order is stamped when it has been matched at this bar,
    // and the scan restarts whenever an order leaves the list (a fill or a handler's cancel).
    const stamp = ++this.#barStamp;
    let index = 0;
    while (index < list.length) {
      const order = list[index] as WorkingOrder;
      if (order.matchedAt === stamp) {
        index++;
        continue;
      }
      order.matchedAt = stamp;
      const removals = this.#removals;
      this.#match(order, bar);
      index = this.#removals === removals ? index + 1 : 0;
    }
  }

  #match(order: WorkingOrder, bar: Bar): void {
    if (!(bar.ts > order.eligibleAfter)) return;
    const request = order.request;
    if (request.tif === "DAY") {
      const day = utcDay(bar.ts);
      if (order.day === undefined) order.day = day;
      else if (day > order.day) {
        this.#finish(order, "cancelled");
        this.#publishStatus(order, "DAY order expired");
        return;
      }
    }
    const price = request.type === "MKT"
      ? marketFillPrice(request.side, bar, this.#options.slippageBps)
      : limitFillPrice(request.side, bar, request.limitPrice as Decimal);
    if (price === undefined) return;
    const remaining = order.remaining;
    const quantity = this.#fillsWhole
      ? remaining
      : fillQuantity(remaining, this.#options.partialFillRatio);
    const fillValue = quantity.times(price);
    // Shortcuts for a first and a final fill (0 + x is x, x - x is 0): the same values the
    // Decimal operations give, without them.
    const exact = significantDigitsBound(quantity) <= DECIMAL_PRECISION;
    order.filled = order.filled.isZero() && exact ? quantity : order.filled.plus(quantity);
    order.remaining = quantity === remaining && remaining.isFinite()
      ? ZERO
      : remaining.minus(quantity);
    order.value = order.value.isZero() && !fillValue.isZero()
      ? fillValue
      : order.value.plus(fillValue);
    // The order's commission after this fill minus its commission before it (kept from the
    // previous fill): the minimum and the cap apply to the order as a whole.
    const commissionAfter = orderCommission(this.#options.commission, {
      quantity: order.filled,
      value: order.value,
    });
    const commission = order.commission.isZero() && !commissionAfter.isZero()
      ? commissionAfter
      : commissionAfter.minus(order.commission);
    order.commission = commissionAfter;
    order.fills += 1;
    order.lastPrice = price;
    const status: OrderState = order.remaining.isZero() ? "filled" : "partially_filled";
    if (status === "filled") this.#finish(order, "filled");
    else order.status = status;
    const fill: Fill = {
      execId: `SIM-${++this.#execSequence}`,
      orderId: request.id,
      symbol: request.symbol,
      side: request.side,
      quantity,
      price,
      commission,
      ts: bar.ts,
    };
    this.#ledger.apply(fill);
    (this.#bus as TradingBus).publish("fill", fill);
    // A fill handler may have cancelled a partially filled order; its status is then already out.
    if (order.status === status) this.#publishStatus(order, undefined);
  }

  /** Marks `order` terminal and removes it from the working sets. */
  #finish(order: WorkingOrder, status: OrderState): void {
    order.status = status;
    order.remaining = ZERO;
    this.#open.delete(order.request.id);
    const list = this.#workingBySymbol.get(order.request.symbol);
    const index = list?.indexOf(order) ?? -1;
    if (index >= 0) {
      list?.splice(index, 1);
      this.#removals++;
    }
  }

  #publishStatus(
    order: WorkingOrder,
    reason: string | undefined,
    amendment?: OrderAmendment,
  ): void {
    const avgFillPrice = order.filled.isZero() ? undefined : averageFillPrice(order);
    const event: Mutable<OrderStatusEvent> = {
      orderId: order.request.id,
      status: order.status,
      filled: order.filled,
      remaining: order.remaining,
      ts: this.#options.clock.now(),
    };
    // Optional fields are set only when present (no spread of temporary objects).
    if (avgFillPrice !== undefined) event.avgFillPrice = avgFillPrice;
    if (reason !== undefined) event.reason = reason;
    if (amendment !== undefined) event.amendment = amendment;
    (this.#bus as TradingBus).publish("order_status", event);
  }
}

/** `T` without `readonly`, to fill in optional fields of an event under construction. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `value / filled`; after a single fill whose quantity x price was exact that
 * is the fill's price, without the division.
 */
function averageFillPrice(order: WorkingOrder): Decimal {
  const price = order.lastPrice;
  if (
    order.fills === 1 && price !== undefined &&
    significantDigitsBound(order.filled) + significantDigitsBound(price) <= DECIMAL_PRECISION
  ) {
    return price;
  }
  return order.value.dividedBy(order.filled);
}

function notConnected(): Error {
  return new Error("sim venue is not connected: call connect(bus) first");
}
