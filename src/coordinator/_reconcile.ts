/**
 * Reconciliation after a venue outage: account, open orders, positions.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { ExposureLedger } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { describeError } from "./_build_hosts.ts";
import type { OrderTracker } from "./order_tracker.ts";

/** What {@link reconcileWithVenue} works on. */
export interface ReconcileOptions {
  /** The venue, whole again. */
  readonly venue: Venue;
  /** Our orders. */
  readonly tracker: OrderTracker;
  /** Account exposure. */
  readonly ledger: ExposureLedger;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** Telemetry. */
  readonly telemetry: Telemetry;
}

/**
 * Re-reads the account, finishes our working orders the venue no longer
 * knows (their fills, if any, were re-delivered before `resumed`), and
 * compares the sum of the strategy books with the venue's net positions; all
 * of it is one `coordinator.reconciliation` event. Returns the new account
 * snapshot, or undefined when the venue could not answer (reported as an
 * `error` field).
 */
export async function reconcileWithVenue(
  options: ReconcileOptions,
): Promise<AccountSnapshot | undefined> {
  const { venue, tracker, ledger, portfolio, telemetry } = options;
  try {
    const account = await venue.account.snapshot();
    const open = new Set((await venue.broker.openOrders()).map((o) => o.request.id));
    const abandoned: string[] = [];
    for (const order of tracker.workingOrders()) {
      if (!open.has(order.request.id) && tracker.abandon(order.request.id, "cancelled")) {
        ledger.orderFinished(order.request.id);
        abandoned.push(order.request.id);
      }
    }
    const differences = portfolio.reconcile(await venue.broker.positions());
    telemetry.emit("coordinator.reconciliation", {
      open_orders: open.size,
      orders_no_longer_working: abandoned,
      position_differences: differences,
    });
    return account;
  } catch (error) {
    telemetry.emit("coordinator.reconciliation", { error: describeError(error) });
    return undefined;
  }
}
