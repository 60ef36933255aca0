/**
 * Compact views of what a venue reports and steps that wait on it, shared by
 * the conformance scenarios (orders and status rows: `tests/_support/orders.ts`).
 *
 * @module
 */
import { type OrderStatusEvent, TERMINAL_ORDER_STATES } from "../../../src/model/mod.ts";
import type { Broker } from "../../../src/venue/mod.ts";
import type { VenueSession } from "./venue_driver.ts";

/** `openOrders()` as `[id, status, quantity, filled, limit]` rows, by id. */
export async function openOrderRows(broker: Broker): Promise<(string | undefined)[][]> {
  const open = await broker.openOrders();
  return open
    .map((o) => [
      o.request.id,
      o.status,
      o.request.quantity.toString(),
      o.filled.toString(),
      o.request.limitPrice?.toString(),
    ])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** `positions()` as `[symbol, quantity, avgCost]` rows, by symbol. */
export async function positionRows(broker: Broker): Promise<string[][]> {
  const positions = await broker.positions();
  return positions
    .map((p) => [p.symbol, p.quantity.toString(), p.avgCost.toString()])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** Whether the last status of `orderId` is terminal. */
export function isFinished(session: VenueSession, orderId: string): boolean {
  const last = session.events.statusesOf(orderId).at(-1);
  return last !== undefined && TERMINAL_ORDER_STATES.has(last.status);
}

/** The first status of `orderId` (waits for it: a networked venue acknowledges later). */
export function acknowledged(session: VenueSession, orderId: string): Promise<OrderStatusEvent> {
  return session.events.nthStatus(orderId, 0, `the first status of ${orderId}`);
}

/**
 * Steps `symbol` at `price` until `orderId` is finished, at most `maxSteps`
 * times, calling `afterStep` after each step; returns the steps taken.
 */
export async function stepUntilFinished(
  session: VenueSession,
  orderId: string,
  market: { readonly symbol: string; readonly price: (step: number) => number },
  options: { readonly maxSteps: number; readonly afterStep?: () => void },
): Promise<number> {
  let steps = 0;
  while (!isFinished(session, orderId)) {
    if (steps === options.maxSteps) {
      throw new Error(`${orderId} is not finished after ${steps} steps`);
    }
    await session.step(market.symbol, market.price(steps));
    steps++;
    options.afterStep?.();
  }
  return steps;
}

/** How many events the session has recorded: compare before and after a call that must publish nothing. */
export function eventCount(session: VenueSession): number {
  return session.events.all.length;
}
