/**
 * CoordinatorBrokerProxy: the only path from the coordinator to a venue
 * broker. Every order passes RiskGuard exactly once and the LiveTradingGuard
 * right before it is sent.
 *
 * @module
 */
import type { AccountSnapshot, Decimal, OrderRequest, OrderSide, OrderType } from "../model/mod.ts";
import { toDecimal } from "../model/mod.ts";
import type { LiveTradingGuard, ProposedOrder, RiskGuard } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Broker, VenueEndpoint } from "../venue/mod.ts";
import type { OrderTracker, WorkingCounter } from "./order_tracker.ts";

/** An order the intent processor wants to send. */
export interface OrderProposal {
  /** Owning strategy. */
  readonly strategyId: string;
  /** Upper-case symbol. */
  readonly symbol: string;
  /** Signed shares: positive buys, negative sells; never 0. */
  readonly delta: number;
  /** Limit price; absent for a market order. */
  readonly limitPrice?: number;
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
  /** Checked once per order. */
  readonly riskGuard: RiskGuard;
  /** Checked before every order. */
  readonly liveGuard: LiveTradingGuard;
  /** The venue endpoint, for the live guard. */
  readonly endpoint: VenueEndpoint;
  /** The latest account snapshot, for the live guard. */
  readonly account: () => AccountSnapshot;
  /** Records sent orders. */
  readonly tracker: OrderTracker;
  /** Records failed cancels. */
  readonly telemetry: Telemetry;
  /** Called when the venue could not take an order at all (its promise rejected). */
  readonly onSendFailed: (order: OrderRequest, error: unknown) => void;
}

/**
 * Turns approved proposals into {@link OrderRequest}s with run-unique ids
 * (`<strategyId>-<n>`), records them as working, and hands them to the
 * broker. Denials are returned, not thrown.
 */
export class CoordinatorBrokerProxy {
  #options: BrokerProxyOptions;
  #sequence = 0;

  /** Creates the proxy. */
  constructor(options: BrokerProxyOptions) {
    this.#options = options;
  }

  /**
   * Runs RiskGuard (once) and the LiveTradingGuard, then sends the order.
   * `counter` is the strategy's working-quantity slot for the symbol.
   */
  submit(proposal: OrderProposal, counter: WorkingCounter): SubmitOutcome {
    const options = this.#options;
    const side: OrderSide = proposal.delta > 0 ? "BUY" : "SELL";
    const quantity = toDecimal(Math.abs(proposal.delta));
    const risk = options.riskGuard.check(new RiskProposal(proposal, side, quantity));
    if (!risk.approved) return { sent: false, rule: risk.rule, reason: risk.reason };
    const live = options.liveGuard.checkOrder(options.endpoint, options.account());
    if (!live.approved) return { sent: false, rule: live.rule, reason: live.reason };

    const type: OrderType = proposal.limitPrice === undefined ? "MKT" : "LMT";
    const id = `${proposal.strategyId}-${++this.#sequence}`;
    const order: OrderRequest = proposal.limitPrice === undefined
      ? {
        id,
        strategyId: proposal.strategyId,
        symbol: proposal.symbol,
        side,
        quantity,
        type,
        tif: "DAY",
        createdAt: proposal.ts,
      }
      : {
        id,
        strategyId: proposal.strategyId,
        symbol: proposal.symbol,
        side,
        quantity,
        type,
        limitPrice: toDecimal(proposal.limitPrice),
        tif: "DAY",
        createdAt: proposal.ts,
      };
    options.tracker.add(order, counter);
    options.riskGuard.ledger.orderSubmitted({
      orderId: order.id,
      symbol: order.symbol,
      quantity: proposal.delta,
      price: proposal.referencePrice,
    });
    this.#send(order);
    return { sent: true, order };
  }

  /** Asks the venue to cancel `orderId`; failures are reported, not thrown. */
  async cancel(orderId: string): Promise<void> {
    try {
      await this.#options.broker.cancel(orderId);
    } catch (error) {
      this.#options.telemetry.emit("order.cancel_failed", {
        order_id: orderId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #send(order: OrderRequest): void {
    let sending: Promise<void>;
    try {
      sending = this.#options.broker.submit(order);
    } catch (error) {
      this.#options.onSendFailed(order, error);
      return;
    }
    sending.catch((error) => this.#options.onSendFailed(order, error));
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
  readonly referencePriceNumber: number;
  readonly ts: number;
  readonly strategyPosition: number;
  #referencePrice: Decimal | undefined;

  constructor(proposal: OrderProposal, side: OrderSide, quantity: Decimal) {
    this.strategyId = proposal.strategyId;
    this.symbol = proposal.symbol;
    this.side = side;
    this.quantity = quantity;
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
