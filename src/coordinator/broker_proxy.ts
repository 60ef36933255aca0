/**
 * CoordinatorBrokerProxy: the only path from the coordinator to a venue
 * broker. Every order and every modification passes the RiskGuard exactly
 * once and the LiveTradingGuard right before it is sent; nothing is sent once
 * the run is stopping.
 *
 * @module
 */
import type { AccountSnapshot, Decimal, OrderRequest, OrderSide } from "../model/mod.ts";
import { passiveLimitPrice, toDecimal } from "../model/mod.ts";
import type { ManagedOrder, OrderStore } from "../orders/mod.ts";
import type { LiveTradingGuard, ProposedOrder, RiskGuard } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Broker, VenueEndpoint } from "../venue/mod.ts";
import { describeError } from "../error_text.ts";

/** An order the target-position logic wants to send or a modification it wants to make. */
export interface OrderProposal {
  /** Owning strategy. */
  readonly strategyId: string;
  /** Upper-case symbol. */
  readonly symbol: string;
  /** BUY or SELL. */
  readonly side: OrderSide;
  /** Shares to execute from now on: a new order's quantity, or what remains after a modification. */
  readonly quantity: number;
  /** Limit price, rounded onto the venue's tick ({@link CoordinatorBrokerProxy.limitPrice}); absent for a market order. */
  readonly limitPrice?: Decimal;
  /** Price used to value the order (latest price from the cache). */
  readonly referencePrice: number;
  /** The strategy's filled position in the symbol, for risk-reducing checks. */
  readonly strategyPosition: number;
  /** Market time, epoch ms. */
  readonly ts: number;
}

/** What happened to a proposal. */
export type SubmitOutcome =
  | { readonly sent: true; readonly order: OrderRequest }
  | { readonly sent: false; readonly rule: string; readonly reason: string };

/** Services of a {@link CoordinatorBrokerProxy}. */
export interface BrokerProxyOptions {
  /** The venue's broker. */
  readonly broker: Broker;
  /** Checked once per order and per modification. */
  readonly riskGuard: RiskGuard;
  /** Checked before every order and modification. */
  readonly liveGuard: LiveTradingGuard;
  /** The venue endpoint, for the live guard. */
  readonly endpoint: VenueEndpoint;
  /** The latest account snapshot, for the live guard. */
  readonly account: () => AccountSnapshot;
  /** The run's orders. */
  readonly store: OrderStore;
  /** Records failed cancels. */
  readonly telemetry: Telemetry;
  /** Called when the venue could not take an order at all (its promise rejected). */
  readonly onSendFailed: (order: OrderRequest, error: unknown) => void;
  /** Called when the venue could not take a modification at all (its promise rejected). */
  readonly onModifyFailed: (order: OrderRequest, error: unknown) => void;
  /** Called when the venue could not take a cancel request (the request is cleared). */
  readonly onCancelFailed: (order: ManagedOrder) => void;
}

const STOPPING = "the run is stopping: no order is sent after `stopping`";

/**
 * Turns approved proposals into {@link OrderRequest}s with run-unique ids
 * (`<strategyId>-<n>`), records them in the order store, and hands them to the
 * broker. Denials are returned, not thrown.
 */
export class CoordinatorBrokerProxy {
  #options: BrokerProxyOptions;
  #sequence = 0;
  #closed = false;

  /** Creates the proxy. */
  constructor(options: BrokerProxyOptions) {
    this.#options = options;
  }

  /** Refuses every later order and modification (the run is stopping); cancels still go. */
  close(): void {
    this.#closed = true;
  }

  /**
   * `limit` rounded onto the venue's tick for `symbol`, never more aggressive
   * (a buy rounds down, a sell up); undefined when the result is not a
   * usable price (a buy limit below one tick).
   */
  limitPrice(symbol: string, side: OrderSide, limit: number): Decimal | undefined {
    const price = toDecimal(limit);
    const rounded = passiveLimitPrice(
      price,
      side,
      this.#options.broker.priceIncrement(symbol, price),
    );
    return rounded.isPositive() && !rounded.isZero() ? rounded : undefined;
  }

  /**
   * Runs RiskGuard (once) and the LiveTradingGuard, then records and sends a
   * new order (a venue may answer synchronously, before this returns).
   */
  submit(proposal: OrderProposal): SubmitOutcome {
    const denial = this.#approve(proposal, undefined);
    if (denial !== undefined) return denial;
    const options = this.#options;
    const id = `${proposal.strategyId}-${++this.#sequence}`;
    const quantity = toDecimal(proposal.quantity);
    const order: OrderRequest = proposal.limitPrice === undefined
      ? {
        id,
        strategyId: proposal.strategyId,
        symbol: proposal.symbol,
        side: proposal.side,
        quantity,
        type: "MKT",
        tif: "DAY",
        createdAt: proposal.ts,
      }
      : {
        id,
        strategyId: proposal.strategyId,
        symbol: proposal.symbol,
        side: proposal.side,
        quantity,
        type: "LMT",
        limitPrice: proposal.limitPrice,
        tif: "DAY",
        createdAt: proposal.ts,
      };
    options.store.add(order, { referencePrice: proposal.referencePrice });
    let sending: Promise<void>;
    try {
      sending = options.broker.submit(order);
    } catch (error) {
      options.onSendFailed(order, error);
      return { sent: true, order };
    }
    sending.catch((error) => options.onSendFailed(order, error));
    return { sent: true, order };
  }

  /**
   * Runs RiskGuard (once, on the order's new total against its old one) and
   * the LiveTradingGuard, then asks the venue to change `working` to the
   * total booked + `proposal.quantity` and the proposal's limit.
   */
  amend(working: ManagedOrder, proposal: OrderProposal): SubmitOutcome {
    const total = working.booked + proposal.quantity;
    const denial = this.#approve(
      { ...proposal, quantity: total },
      { replaces: working.quantity, executed: working.booked },
    );
    if (denial !== undefined) return denial;
    const options = this.#options;
    const { limitPrice: _previous, ...terms } = working.request;
    const order: OrderRequest = {
      ...terms,
      quantity: toDecimal(total),
      ...(proposal.limitPrice === undefined ? {} : { limitPrice: proposal.limitPrice }),
    };
    options.store.requestAmendment(order);
    let sending: Promise<void>;
    try {
      sending = options.broker.modify(order);
    } catch (error) {
      options.onModifyFailed(order, error);
      return { sent: true, order };
    }
    sending.catch((error) => options.onModifyFailed(order, error));
    return { sent: true, order };
  }

  /**
   * Asks the venue to cancel `orderId` at market time `ts`; the outcome
   * arrives as an order status. Failures are reported (`order.cancel_failed`)
   * and clear the request, so a later intent asks again.
   */
  async cancel(orderId: string, ts: number): Promise<void> {
    const order = this.#options.store.requestCancel(orderId, ts);
    if (order === undefined) return;
    try {
      await this.#options.broker.cancel(orderId);
    } catch (error) {
      this.#options.store.cancelFailed(orderId);
      this.#options.telemetry.emit("order.cancel_failed", {
        order_id: orderId,
        error: describeError(error),
      }, order.strategyId);
      this.#options.onCancelFailed(order);
    }
  }

  #approve(
    proposal: OrderProposal,
    amendment: { replaces: number; executed: number } | undefined,
  ): { sent: false; rule: string; reason: string } | undefined {
    if (this.#closed) return { sent: false, rule: "stopping", reason: STOPPING };
    const options = this.#options;
    const risk = options.riskGuard.check(new RiskProposal(proposal, amendment));
    if (!risk.approved) return { sent: false, rule: risk.rule, reason: risk.reason };
    const live = options.liveGuard.checkOrder(options.endpoint, options.account());
    if (!live.approved) return { sent: false, rule: live.rule, reason: live.reason };
    return undefined;
  }
}

/**
 * A proposal as the RiskGuard sees it. The reference price is handed over as
 * a number; its Decimal is made only when something reads it (a check near a
 * limit, an extra check, a denial message).
 */
class RiskProposal implements ProposedOrder {
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: Decimal;
  readonly replacesQuantity?: Decimal;
  readonly executedQuantity?: Decimal;
  readonly referencePriceNumber: number;
  readonly ts: number;
  readonly strategyPosition: number;
  #referencePrice: Decimal | undefined;

  constructor(
    proposal: OrderProposal,
    amendment: { replaces: number; executed: number } | undefined,
  ) {
    this.strategyId = proposal.strategyId;
    this.symbol = proposal.symbol;
    this.side = proposal.side;
    this.quantity = toDecimal(proposal.quantity);
    if (amendment !== undefined) {
      this.replacesQuantity = toDecimal(amendment.replaces);
      this.executedQuantity = toDecimal(amendment.executed);
    }
    this.referencePriceNumber = proposal.referencePrice;
    this.ts = proposal.ts;
    this.strategyPosition = proposal.strategyPosition;
    // A non-finite price fails here, before the guard, as converting it eagerly would.
    if (!Number.isFinite(proposal.referencePrice)) toDecimal(proposal.referencePrice);
  }

  get referencePrice(): Decimal {
    this.#referencePrice ??= toDecimal(this.referencePriceNumber);
    return this.#referencePrice;
  }
}
