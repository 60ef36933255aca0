/**
 * The broker's recovery after an outage: executions TWS reported while the
 * connection was down are fetched again, and our working orders are checked
 * against what TWS still works. `IbkrBroker` delegates both to
 * {@link IbOrderRecovery}.
 *
 * @module
 */
import { toDecimal } from "../../model/mod.ts";
import type { BrokerQueries } from "./broker_queries.ts";
import type { IbOrderRegistry, StatusUpdate } from "./ib_order_registry.ts";
import type { IbOrderReports } from "./ib_order_reports.ts";

/** What {@link IbOrderRecovery.reconcileOrders} found. */
export interface OrderReconciliation {
  /** Orders TWS still works. */
  readonly open: number;
  /** Our orders TWS no longer works, with the state published for each. */
  readonly finished: readonly { readonly orderId: string; readonly status: string }[];
}

/** What an {@link IbOrderRecovery} works on: the broker's own parts. */
export interface IbOrderRecoveryParts {
  /** The broker's orders. */
  readonly orders: IbOrderRegistry;
  /** The broker's list requests (open orders, executions). */
  readonly queries: BrokerQueries;
  /** Turns TWS's reports into events; publishes the broker's statuses. */
  readonly reports: IbOrderReports;
}

/**
 * Brings a broker's orders and fills up to date after an outage. Orders are
 * never placed again: they are found by IB order id, or finished.
 */
export class IbOrderRecovery {
  readonly #orders: IbOrderRegistry;
  readonly #queries: BrokerQueries;
  readonly #reports: IbOrderReports;

  /** Works on the broker's `parts`. */
  constructor(parts: IbOrderRecoveryParts) {
    this.#orders = parts.orders;
    this.#queries = parts.queries;
    this.#reports = parts.reports;
  }

  /**
   * Re-requests executions since `sinceMs` (reqExecutions, this client id and
   * account) and waits until each new one is published as a fill with its
   * commission. Returns how many fills were new.
   */
  recoverExecutions(sinceMs: number): Promise<number> {
    return this.#reports.recoverExecutions((onRequestId) =>
      this.#queries.executionsSince(sinceMs, onRequestId)
    );
  }

  /**
   * Asks TWS for the open orders and finishes each of our working orders it
   * no longer lists (of those registered before the request), as `filled`
   * when its executions cover it, else `cancelled`. A modification sent but
   * never echoed is then answered `rejected`: it was lost with the
   * connection and TWS still works the order as before.
   */
  async reconcileOrders(): Promise<OrderReconciliation> {
    const lastSeq = this.#orders.lastSeq;
    const open = await this.#queries.openOrderIds();
    const finished: { orderId: string; status: string }[] = [];
    for (const order of this.#orders.working()) {
      if (order.seq > lastSeq || open.has(order.ibOrderId as number)) continue;
      const quantity = order.request.quantity;
      const filledAll = order.executedShares.greaterThanOrEqualTo(quantity);
      const update: StatusUpdate = filledAll
        ? {
          status: "filled",
          filled: order.executedShares,
          remaining: toDecimal(0),
          avgFillPrice: order.executedNotional.dividedBy(order.executedShares),
        }
        : {
          status: "cancelled",
          filled: order.executedShares,
          remaining: quantity.minus(order.executedShares),
          reason: "no longer working at TWS after the reconnect",
        };
      if (this.#reports.publish(order, update)) {
        finished.push({ orderId: order.request.id, status: update.status });
      }
    }
    for (const order of this.#orders.working()) {
      // TWS's open orders would have echoed it: the modification was lost with the connection.
      if (order.amendment?.sent && !order.amendment.echoed) {
        this.#reports.refuseAmendment(
          order,
          "TWS did not confirm it before the connection was lost and still works the order as before",
        );
      }
    }
    return { open: open.size, finished };
  }
}
