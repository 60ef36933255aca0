/**
 * Invariants of the order path, checked while a run goes on: a watcher over
 * the bus, the coordinator's order store and books, and the broker calls.
 *
 * @module
 */
import type { TradingBus } from "../../src/bus/mod.ts";
import type { Broker, Venue } from "../../src/venue/mod.ts";
import type { StrategyCoordinator } from "../../src/coordinator/mod.ts";
import type { NetPosition, OrderRequest } from "../../src/model/mod.ts";
import type { ProposedOrder, RiskCheck } from "../../src/risk/mod.ts";
import { APPROVED } from "../../src/risk/mod.ts";

/** One broken invariant, with where it broke. */
export class InvariantViolation extends Error {}

/**
 * Watches one run. Install `riskCheck` as the RiskGuard's last extra check
 * (it sees exactly the approved checks), call `sent` for every order or
 * modification handed to the broker, `attach` the bus before the coordinator
 * subscribes, and `checkBooks` where the broker is quiescent.
 */
export class OrderInvariants {
  /** Approved RiskGuard checks not yet matched by a send. */
  readonly #approvals: ProposedOrder[] = [];
  #coordinator: StrategyCoordinator | undefined;
  #stopping = false;
  #longOnly: ReadonlySet<string>;
  /** Every execution id the venue published, with the times it was booked. */
  readonly #executions = new Map<string, number>();
  /** Sends matched to an approval. */
  sends = 0;
  /** Steps at which the invariants were checked. */
  steps = 0;

  /** Watches strategies in `longOnly` for short positions. */
  constructor(longOnly: Iterable<string>) {
    this.#longOnly = new Set(longOnly);
  }

  /** The extra check that records every approval (it runs only after every built-in rule passed). */
  readonly riskCheck: RiskCheck = {
    name: "invariant_probe",
    check: (order) => {
      this.#approvals.push(order);
      return APPROVED;
    },
  };

  /** Subscribes to the bus: lifecycle (stopping), fills, and a check after every telemetry event. */
  attach(bus: TradingBus): void {
    bus.subscribe("fill", (fill) => {
      if (!this.#executions.has(fill.execId)) this.#executions.set(fill.execId, 0);
    });
    bus.subscribe("telemetry", (event) => {
      if (event.event === "coordinator.lifecycle" && event.phase === "stopping") {
        this.#stopping = true;
      }
      if (event.event === "order.fill") {
        const id = String(event.exec_id);
        this.#executions.set(id, (this.#executions.get(id) ?? 0) + 1);
      }
      this.check(`after ${event.event}`);
    });
  }

  /** Sets the coordinator whose store and books are checked. */
  watch(coordinator: StrategyCoordinator): void {
    this.#coordinator = coordinator;
  }

  /** An order or modification handed to the broker: it must follow exactly one approval. */
  sent(order: OrderRequest, kind: "submit" | "modify"): void {
    if (this.#stopping) throw new InvariantViolation(`${kind} ${order.id} sent after stopping`);
    const approval = this.#approvals.shift();
    if (approval === undefined) {
      throw new InvariantViolation(`${kind} ${order.id} was sent without a RiskGuard approval`);
    }
    if (approval.strategyId !== order.strategyId || approval.symbol !== order.symbol) {
      throw new InvariantViolation(`${kind} ${order.id} does not match its approval`);
    }
    if (this.#approvals.length > 0) {
      throw new InvariantViolation(`approvals without a send before ${order.id}`);
    }
    this.sends++;
  }

  /** One working order per strategy and symbol; long-only strategies never short. */
  check(where: string): void {
    const coordinator = this.#coordinator;
    if (coordinator === undefined) return;
    this.steps++;
    const seen = new Set<string>();
    for (const order of coordinator.orders.workingOrders()) {
      const key = `${order.strategyId}/${order.symbol}`;
      if (seen.has(key)) throw new InvariantViolation(`two working orders for ${key} ${where}`);
      seen.add(key);
    }
    for (const id of this.#longOnly) {
      for (const position of coordinator.portfolio.book(id).positions()) {
        if (position.quantityNumber < 0) {
          throw new InvariantViolation(
            `long-only ${id} is short ${position.quantityNumber} ${position.symbol} ${where}`,
          );
        }
      }
    }
  }

  /** The summed books equal the broker's net positions; every execution booked exactly once. */
  checkBooks(brokerPositions: readonly NetPosition[], where: string): void {
    const coordinator = this.#coordinator;
    if (coordinator === undefined) return;
    const differences = coordinator.portfolio.reconcile(brokerPositions);
    if (differences.length > 0) {
      throw new InvariantViolation(
        `books and broker differ ${where}: ${JSON.stringify(differences)}`,
      );
    }
    for (const [execId, booked] of this.#executions) {
      if (booked !== 1) {
        throw new InvariantViolation(`execution ${execId} booked ${booked} times ${where}`);
      }
    }
  }

  /** At the end: no approval was left without its send. */
  finish(): void {
    if (this.#approvals.length > 0) {
      throw new InvariantViolation(`${this.#approvals.length} approvals were never sent`);
    }
  }
}

/** `venue` with its broker replaced by `broker` (the rest delegates). */
export function venueWithBroker(venue: Venue, broker: Broker): Venue {
  return {
    endpoint: venue.endpoint,
    clock: venue.clock,
    marketData: venue.marketData,
    account: venue.account,
    broker,
    connect: (bus) => venue.connect(bus),
    run: (signal) => venue.run(signal),
    close: () => venue.close(),
  };
}

/** A broker that reports every order and modification to `invariants` before `inner` gets it. */
export function observedBroker(inner: Broker, invariants: OrderInvariants): Broker {
  return {
    submit(order) {
      invariants.sent(order, "submit");
      return inner.submit(order);
    },
    modify(order) {
      invariants.sent(order, "modify");
      return inner.modify(order);
    },
    cancel: (id) => inner.cancel(id),
    openOrders: () => inner.openOrders(),
    positions: () => inner.positions(),
    priceIncrement: (symbol, price) => inner.priceIncrement(symbol, price),
    flushExecutions: () => inner.flushExecutions?.(),
  };
}
