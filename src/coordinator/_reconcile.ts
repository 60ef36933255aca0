/**
 * Reconciliation with the venue: after an outage (account, open orders,
 * positions) and at every stop (positions).
 *
 * @module
 */
import type { AccountSnapshot, NetPosition } from "../model/mod.ts";
import type { OrderStore } from "../orders/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { Venue } from "../venue/mod.ts";
import { describeError } from "../error_text.ts";

/** What {@link reconcileWithVenue} works on. */
export interface ReconcileOptions {
  /** The venue, whole again. */
  readonly venue: Venue;
  /** The run's orders. */
  readonly store: OrderStore;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** What the account held before the run's orders. */
  readonly startPositions: readonly NetPosition[];
  /** Telemetry. */
  readonly telemetry: Telemetry;
}

/**
 * After an outage: re-reads the account, ends our working orders the venue
 * no longer knows (their fills, if any, were re-delivered before `resumed`),
 * and compares what the account should hold (start positions plus the summed
 * strategy books) with the venue's net positions; all of it is one
 * `coordinator.reconciliation` event (`phase: "resume"`). Returns the new
 * account snapshot, or undefined when the venue could not answer (reported as
 * an `error` field).
 */
export async function reconcileWithVenue(
  options: ReconcileOptions,
): Promise<AccountSnapshot | undefined> {
  const { venue, store, portfolio, telemetry } = options;
  try {
    const account = await venue.account.snapshot();
    const open = new Set((await venue.broker.openOrders()).map((o) => o.request.id));
    const abandoned: string[] = [];
    const ts = venue.clock.now();
    for (const order of store.workingOrders()) {
      if (order.terminal || open.has(order.id)) continue;
      if (
        store.abandon(order.id, { reason: "no longer working at the venue after the outage", ts })
      ) {
        abandoned.push(order.id);
      }
    }
    const differences = portfolio.reconcile(
      await venue.broker.positions(),
      options.startPositions,
    );
    telemetry.emit("coordinator.reconciliation", {
      phase: "resume",
      open_orders: open.size,
      orders_no_longer_working: abandoned,
      position_differences: differences,
      reconciled: differences.length === 0,
    });
    return account;
  } catch (error) {
    telemetry.emit("coordinator.reconciliation", { phase: "resume", error: describeError(error) });
    return undefined;
  }
}

/**
 * At stop, on every venue: compares what the account should hold (start
 * positions plus the summed strategy books) with the venue's net positions,
 * as one `coordinator.reconciliation` event (`phase: "stop"`). A venue that
 * cannot answer is reported as an `error` field.
 */
export async function reconcileAtStop(options: Omit<ReconcileOptions, "store">): Promise<void> {
  const { venue, portfolio, telemetry } = options;
  try {
    const brokerPositions = await venue.broker.positions();
    const differences = portfolio.reconcile(brokerPositions, options.startPositions);
    telemetry.emit("coordinator.reconciliation", {
      phase: "stop",
      broker_positions: brokerPositions.map((p) => ({
        symbol: p.symbol,
        quantity: p.quantity,
      })),
      position_differences: differences,
      reconciled: differences.length === 0,
    });
  } catch (error) {
    telemetry.emit("coordinator.reconciliation", { phase: "stop", error: describeError(error) });
  }
}
