/**
 * Checks of the order path property test on the fake TWS's side: what TWS
 * received against what the coordinator handed over, positions and
 * executions against the books, working orders at TWS against the
 * coordinator's, and when a run is quiescent.
 *
 * @module
 */
import type { NetPosition, TelemetryEvent } from "../../../src/model/mod.ts";
import { InvariantViolation } from "../../coordinator/_order_invariants.ts";
import type { FakeOrder, FakeTws } from "../../fake_tws/mod.ts";
import type { BrokerHandoff, ClientPlacement, OrderPathRun } from "./_order_path_run.ts";

const TWS_FINISHED: ReadonlySet<string> = new Set(["Filled", "Cancelled", "Inactive"]);

/** Whether TWS still works `order` (transmitted, not Filled / Cancelled / Inactive). */
export function isWorkingAtTws(order: FakeOrder): boolean {
  return order.transmitted && !TWS_FINISHED.has(order.status);
}

/** The fake's positions in its default account, as net positions. */
export function fakeNetPositions(tws: FakeTws): NetPosition[] {
  return tws.positions()
    .filter((p) => p.account === tws.accounts[0])
    .map((p) => ({ symbol: p.symbol, quantity: p.quantity, avgCost: p.avgCost }));
}

/** How often each execution id was booked (`order.fill` events). */
function bookedExecutions(events: readonly TelemetryEvent[]): Map<string, number> {
  const booked = new Map<string, number>();
  for (const event of events) {
    if (event.event !== "order.fill") continue;
    const id = String(event.exec_id);
    booked.set(id, (booked.get(id) ?? 0) + 1);
  }
  return booked;
}

/** Every execution the fake made is booked exactly once, and nothing else is booked. */
export function checkExecutions(tws: FakeTws, events: readonly TelemetryEvent[], where: string) {
  const booked = bookedExecutions(events);
  const made = new Set<string>();
  for (const execution of tws.executions()) {
    made.add(execution.execId);
    const times = booked.get(execution.execId) ?? 0;
    if (times !== 1) {
      throw new InvariantViolation(
        `execution ${execution.execId} of ${execution.orderRef} booked ${times} times ${where}`,
      );
    }
  }
  for (const id of booked.keys()) {
    if (!made.has(id)) throw new InvariantViolation(`${id} booked but TWS never made it ${where}`);
  }
}

/** At TWS, each strategy works at most one order per symbol. */
export function checkWorkingAtTws(tws: FakeTws, where: string): void {
  const seen = new Map<string, string>();
  for (const order of tws.orders().filter(isWorkingAtTws)) {
    const key = `${order.orderRef.replace(/-\d+$/, "")}/${order.symbol}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new InvariantViolation(
        `TWS works two orders for ${key} ${where}: ${other}, ${order.orderRef}`,
      );
    }
    seen.set(key, order.orderRef);
  }
}

/**
 * Matches what TWS received with what the coordinator handed over: every
 * PLACE_ORDER (new or a modification under the same IB order id) carries
 * the orderRef and total quantity of a broker handoff (made, so approved,
 * before it) not used by an earlier PLACE_ORDER, comes from a placeOrder the
 * venue gave the client before `stopping`, and IB order ids and orderRefs
 * correspond one to one.
 */
export class PlacementAudit {
  #seen = 0;
  #placementCursor = 0;
  readonly #handoffCursor = new Map<string, number>();
  readonly #idOfRef = new Map<string, number>();
  readonly #refOfId = new Map<number, string>();

  /** Checks the PLACE_ORDERs received since the last call; throws on the first problem. */
  check(
    tws: FakeTws,
    handoffs: readonly BrokerHandoff[],
    placements: readonly ClientPlacement[],
    where: string,
  ): void {
    const late = placements.find((p) => p.afterStopping);
    if (late !== undefined) {
      throw new InvariantViolation(`placeOrder ${late.orderRef} reached the client after stopping`);
    }
    const late2 = handoffs.find((h) => h.afterStopping);
    if (late2 !== undefined) {
      throw new InvariantViolation(`${late2.kind} ${late2.orderId} was handed over after stopping`);
    }
    const received = tws.requests("PLACE_ORDER");
    for (; this.#seen < received.length; this.#seen++) {
      const request = received[this.#seen]!;
      const ref = request.orderRef;
      const quantity = request.totalQuantity.toString();
      const what = `PLACE_ORDER #${this.#seen + 1} (${ref}, id ${request.orderId}, ${quantity})`;
      const from = this.#handoffCursor.get(ref) ?? 0;
      const match = handoffs.findIndex((h, i) =>
        i >= from && h.orderId === ref && h.quantity === quantity
      );
      if (match < 0) {
        throw new InvariantViolation(`${what} has no approved broker handoff before it ${where}`);
      }
      this.#handoffCursor.set(ref, match + 1);
      const placed = placements.findIndex((p, i) =>
        i >= this.#placementCursor && p.ibOrderId === request.orderId && p.orderRef === ref &&
        p.quantity === quantity
      );
      if (placed < 0) throw new InvariantViolation(`${what} was never given to the client`);
      this.#placementCursor = placed + 1;
      const id = this.#idOfRef.get(ref) ?? request.orderId;
      const otherRef = this.#refOfId.get(request.orderId) ?? ref;
      if (id !== request.orderId || otherRef !== ref) {
        throw new InvariantViolation(`${what}: ids and refs differ from earlier PLACE_ORDERs`);
      }
      this.#idOfRef.set(ref, id);
      this.#refOfId.set(id, ref);
    }
  }
}

/** What a quiescence wait looks at. */
export interface QuiescenceOptions {
  /** The venue must be `ready` (false during a 1100 outage). */
  readonly requireReady: boolean;
  /** Graph bars every strategy must have seen, per symbol. */
  readonly barsDone: number;
  /** Strategy ids and their symbols. */
  readonly strategies: readonly { readonly id: string; readonly symbols: readonly string[] }[];
}

/**
 * Why the run is not quiescent yet, or undefined when it is: the coordinator
 * reconciled after every `resumed`; every strategy saw every bar; every execution TWS made is booked; every order working at
 * the coordinator reached TWS, works there with the same total quantity,
 * limit and booked quantity and awaits no modification or cancel; every order that ended at the
 * coordinator is finished at TWS (or never reached it); TWS knows no order
 * the coordinator does not.
 */
export function unsettledReason(
  tws: FakeTws,
  run: OrderPathRun,
  options: QuiescenceOptions,
): string | undefined {
  if (options.requireReady && run.venue.state !== "ready") return `venue ${run.venue.state}`;
  const resumes = run.health.filter((h) => h.kind === "resumed").length;
  const reconciled =
    run.events.filter((e) => e.event === "coordinator.reconciliation" && e.phase === "resume")
      .length;
  if (reconciled < resumes) return "the coordinator's reconciliation after the outage";
  for (const { id, symbols } of options.strategies) {
    for (const symbol of symbols) {
      const seen = run.events.filter((e) =>
        e.event === "strategy.log" && e.strategy_id === id && e.message === "bar" &&
        e.symbol === symbol
      ).length;
      if (seen < options.barsDone) {
        return `${id} has seen ${seen} ${symbol} bars`;
      }
    }
  }
  const booked = bookedExecutions(run.events);
  for (const execution of tws.executions()) {
    if (!booked.has(execution.execId)) return `execution ${execution.execId} to be booked`;
  }
  const atTws = new Map(tws.orders().map((o) => [o.orderRef, o]));
  for (const order of run.coordinator.orders.all()) {
    const fake = atTws.get(order.id);
    const working = fake !== undefined && isWorkingAtTws(fake);
    if (order.ending !== undefined) {
      if (working) return `${order.id} ended (${order.ending}) but works at TWS`;
      continue;
    }
    if (order.terminal) return `${order.id} (${order.status}) to settle`;
    if (order.pendingAmendment !== undefined) return `the modification of ${order.id}`;
    if (!Number.isNaN(order.cancelRequestedAt)) return `the cancel of ${order.id}`;
    if (fake === undefined) return `${order.id} to reach TWS`;
    if (!working) return `${order.id} works but is ${fake.status} at TWS`;
    if (!fake.filled.equals(order.booked)) {
      return `${order.id} booked ${order.booked} of ${fake.filled}`;
    }
    const limit = order.request.limitPrice;
    if (
      !fake.totalQuantity.equals(order.quantity) ||
      (limit !== undefined && !limit.equals(fake.lmtPrice ?? 0))
    ) {
      return `${order.id} works ${order.quantity} @ ${limit} at the coordinator, ` +
        `${fake.totalQuantity} @ ${fake.lmtPrice} at TWS`;
    }
  }
  for (const ref of atTws.keys()) {
    if (run.coordinator.orders.get(ref) === undefined) return `TWS order ${ref} unknown`;
  }
  return undefined;
}

/**
 * After the stop: the books equal TWS, every execution is booked once, no
 * order works at the coordinator that TWS considers finished (nor the other
 * way round), the stop's reconciliation passed, and the wire was clean.
 */
export function checkAfterStop(tws: FakeTws, run: OrderPathRun): void {
  const where = "after the stop";
  checkExecutions(tws, run.events, where);
  const atTws = new Map(tws.orders().map((o) => [o.orderRef, o]));
  for (const order of run.coordinator.orders.workingOrders()) {
    const fake = atTws.get(order.id);
    if (fake === undefined || !isWorkingAtTws(fake)) {
      throw new InvariantViolation(
        `${order.id} still works at the coordinator but TWS has it ${
          fake?.status ?? "never"
        } ${where}`,
      );
    }
  }
  for (const fake of tws.orders().filter(isWorkingAtTws)) {
    if (run.coordinator.orders.get(fake.orderRef)?.ending !== undefined) {
      throw new InvariantViolation(`${fake.orderRef} works at TWS but ended at the coordinator`);
    }
  }
  const reconciliation = run.events.filter((e) => e.event === "coordinator.reconciliation").at(-1);
  if (reconciliation?.phase !== "stop" || reconciliation.reconciled !== true) {
    throw new InvariantViolation(`the stop's reconciliation: ${JSON.stringify(reconciliation)}`);
  }
  if (tws.protocolErrors.length > 0 || run.decoderErrors.length > 0) {
    throw new InvariantViolation(
      `wire errors: ${[...tws.protocolErrors, ...run.decoderErrors].join(" | ")}`,
    );
  }
}

/**
 * True when each of `symbols` has exactly one real-time bar subscription at
 * TWS, the one its latest REQ_REAL_TIME_BARS asked for (after a 1101 the old
 * one is cancelled first).
 */
export function barsSubscribedAtTws(tws: FakeTws, symbols: readonly string[]): boolean {
  const requests = tws.requests("REQ_REAL_TIME_BARS");
  return symbols.every((symbol) => {
    const latest = requests.filter((r) => r.contract.symbol === symbol).at(-1);
    const live = tws.subscriptions(symbol).filter((s) => s.kind === "realTimeBars");
    return latest !== undefined && live.length === 1 && live[0]!.reqId === latest.reqId;
  });
}
