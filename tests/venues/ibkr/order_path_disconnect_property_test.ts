/**
 * Property-based test of the coordinator's order path on the IBKR venue over
 * the protocol-level fake TWS: random scripted strategies (market and limit,
 * targets and deltas, some long-only) on a random 5-second bar path, random
 * fill behaviour per order at TWS (immediate, partial, manual fills at random
 * points, 201 rejects, TWS-side cancels), and random disconnects (socket
 * drops with refused reconnects, a drop while an order is in flight, 1100
 * then 1101 / 1102), with fills during outages.
 *
 * Invariants, with `OrderInvariants` (tests/coordinator) after every
 * telemetry event and the fake's side after every step: each PLACE_ORDER
 * TWS receives (modifications included) follows a RiskGuard approval and its
 * broker handoff with that orderRef and total quantity; nothing reaches the
 * client after `stopping`; at every quiescent point and at the end the
 * summed books equal the fake's positions, every execution is booked exactly
 * once, a long-only strategy is never short and each strategy works at most
 * one order per symbol (at the coordinator and at TWS); after the stop no
 * order works at the coordinator that TWS considers finished.
 *
 * The scenarios themselves (arbitraries, graph, bar path) are in
 * `_order_path_scenario.ts`.
 *
 * The second test is a counterexample the property found (a cancel lost with
 * the connection), kept as a regression test.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import fc from "fast-check";
import { OrderInvariants } from "../../coordinator/_order_invariants.ts";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import {
  closesOf,
  graphOf,
  PER_BAR,
  pushBar,
  type Scenario,
  scenarioArb,
  START_PRICE,
  SYMBOLS,
} from "./_order_path_scenario.ts";
import {
  GuardedSubscriptions,
  type OrderPathRun,
  type RunCoverage,
  runCoverage,
  startOrderPathRun,
} from "./_order_path_run.ts";
import { TwsSide } from "./_tws_disruptions.ts";
import {
  barsSubscribedAtTws,
  checkAfterStop,
  checkExecutions,
  checkWorkingAtTws,
  fakeNetPositions,
  PlacementAudit,
  unsettledReason,
} from "./_tws_order_audit.ts";

const SETTLE_MS = 4000;
const CLIENT_ID = 7;

/** Fails with the first violation recorded by a guarded handler or hook. */
function throwFirst(violations: readonly unknown[]): void {
  if (violations.length > 0) throw violations[0];
}

/** Plays one scenario and checks it; returns what the run exercised. */
async function runScenario(scenario: Scenario): Promise<RunCoverage> {
  const closes = closesOf(scenario);
  const subscribed = SYMBOLS.filter((s) => scenario.strategies.some((x) => x.symbols.includes(s)));
  const strategies = scenario.strategies.map((s, i) => ({ id: `s${i}`, symbols: s.symbols }));
  const invariants = new OrderInvariants(
    strategies.filter((_, i) => scenario.strategies[i]!.longOnly).map((s) => s.id),
  );
  const violations: unknown[] = [];
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      violations.push(error);
    }
  };
  await using tws = await FakeTws.start({
    fillMode: { mode: "manual" },
    contracts: {
      AAPL: { conId: 265598, minTick: scenario.minTick, price: START_PRICE.AAPL },
      MSFT: { conId: 272093, minTick: scenario.minTick, price: START_PRICE.MSFT },
    },
  });
  const placements = new PlacementAudit();
  let run: OrderPathRun | undefined;
  const checkTraffic = (where: string) =>
    guard(() => placements.check(tws, run!.handoffs, run!.placements, where));
  const side = new TwsSide(tws, {
    behaviours: scenario.behaviours,
    pieces: scenario.pieces,
    clientId: CLIENT_ID,
    onPlaceOrder: (request) => checkTraffic(`at PLACE_ORDER ${request.orderRef}`),
    onError: (error) => violations.push(error),
  });
  for (const symbol of SYMBOLS) side.lastClose.set(symbol, START_PRICE[symbol]);
  let stopped = false;
  try {
    run = await startOrderPathRun({
      tws,
      graph: graphOf(scenario, closes),
      venue: { client_id: CLIENT_ID, max_requests_per_second: 50 },
      venueOptions: { commissionWaitMs: 1500, requestTimeoutMs: 3000, connectTimeoutMs: 2000 },
      riskChecks: [invariants.riskCheck],
      onBus: (bus) => invariants.attach(new GuardedSubscriptions(bus, (e) => violations.push(e))),
      onHandoff: (order, kind) => {
        try {
          invariants.sent(order, kind);
        } catch (error) {
          violations.push(error);
          throw error;
        }
        side.handoff();
      },
    });
    const current = run;
    side.attach(current);
    invariants.watch(current.coordinator);
    let pushed = 0;

    /** Waits until nothing is in flight, then checks the fake's side on that snapshot. */
    const settle = async (where: string) => {
      let reason: string | undefined;
      const barsDone = Math.floor(pushed / PER_BAR);
      const audit = () => {
        checkTraffic(where);
        guard(() => invariants.checkBooks(fakeNetPositions(tws), where));
        guard(() => checkExecutions(tws, current.events, where));
        guard(() => checkWorkingAtTws(tws, where));
        guard(() => invariants.check(where));
        return true;
      };
      try {
        await current.waitFor(
          () => {
            if (violations.length > 0) return true;
            reason = side.unsettled() ?? unsettledReason(tws, current, {
              requireReady: !side.inOutage,
              barsDone,
              strategies,
            });
            return reason === undefined ? audit() : undefined;
          },
          `quiescence ${where}`,
          SETTLE_MS,
        );
      } catch (error) {
        throwFirst(violations);
        throw new Error(`${(error as Error).message}: still waiting for ${reason}`);
      }
      throwFirst(violations);
    };

    const total = scenario.bars * PER_BAR;
    for (let step = 0; step <= total; step++) {
      for (const { what } of scenario.disruptions.filter((d) => d.at === step)) {
        await side.disrupt(what);
        await settle(`after ${what.kind} at step ${step}`);
      }
      if (step === total) break;
      await tws.waitUntil(() => barsSubscribedAtTws(tws, subscribed) || undefined, {
        timeoutMs: SETTLE_MS,
        description: `one real-time bar subscription per symbol before bar ${step + 1}`,
      });
      for (const symbol of subscribed) {
        pushBar(tws, side.lastClose, { symbol, step, close: closes[symbol][step]! });
      }
      pushed = step + 1;
      const last = pushed === total;
      if (last && scenario.stopAtOnce && side.unsettled() === undefined && !side.inOutage) break;
      await settle(`after bar ${pushed}`);
      if (pushed % PER_BAR === 0 && await side.barCompleted()) {
        await settle(`after the restore at bar ${pushed}`);
      }
    }
    side.disarm();
    if (side.inOutage || side.unsettled() !== undefined) {
      await side.restore();
      await settle("before the stop");
    }
    const result = await current.finish();
    stopped = true;
    throwFirst(violations);
    assertEquals(result.exitCode, 0);
    invariants.finish();
    checkTraffic("after the stop");
    throwFirst(violations);
    invariants.checkBooks(fakeNetPositions(tws), "after the stop");
    invariants.check("after the stop");
    checkAfterStop(tws, current);
    return { ...runCoverage(tws, current, invariants.steps), inFlightDrops: side.inFlightDrops };
  } finally {
    if (!stopped) await run?.finish().catch(() => undefined);
    await tws.close();
    await side.closed();
  }
}

sanitizedTest(
  "IBKR order path invariants hold under random strategies, fills and disconnects against the fake TWS (fast-check)",
  async () => {
    let runs = 0;
    const total: Record<string, number> = {};
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const coverage = await runScenario(scenario);
        runs++;
        for (const [key, n] of Object.entries(coverage)) total[key] = (total[key] ?? 0) + n;
      }),
      { numRuns: 25, seed: 20261207, endOnFailure: true },
    );
    console.log(
      `IBKR order path property: ${runs} runs, ${total.steps} checked steps in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(total)}`,
    );
  },
);

sanitizedTest(
  "regression: a cancel lost with the connection is sent again after the reconnect, so the strategy's next target is pursued",
  async () => {
    // Found by the property above (fast-check seed 1, its 10th run, path "9"): the coordinator
    // cancels a resting order, the venue hands cancelOrder to the client, and the socket dies
    // before TWS reads it. Here the loss is made deterministic by a wrapped client.
    await using tws = await FakeTws.start({ fillMode: { mode: "manual" } });
    let loseNextCancel = true;
    let cancelsAfterTheDrop = 0;
    const run = await startOrderPathRun({
      tws,
      venue: { client_id: CLIENT_ID },
      graph: {
        settings: { bar_size: "15s", heartbeat_timeout_seconds: 600, intent_expiry_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          params: {
            log_bars: true,
            script: [
              { bar: 1, symbol: "AAPL", target: 10, limit: 180 },
              { bar: 2, symbol: "AAPL", target: 0 },
              { bar: 3, symbol: "AAPL", target: 4, limit: 180 },
            ],
          },
        }],
      },
      // The cancel is written to the socket, and the connection drops before TWS reads it.
      onClient: (ib) => {
        const cancelOrder = ib.cancelOrder.bind(ib);
        ib.cancelOrder = (orderId, param) => {
          if (!loseNextCancel) return (cancelsAfterTheDrop++, cancelOrder(orderId, param));
          loseNextCancel = false;
          void tws.dropConnection();
          return ib;
        };
      },
    });
    const lastClose = new Map<string, number>();
    const push = (steps: readonly number[]) => {
      for (const step of steps) pushBar(tws, lastClose, { symbol: "AAPL", step, close: 190 });
    };
    const barsSeen = (n: number) =>
      run.waitFor(
        () => run.events.filter((e) => e.message === "bar").length >= n || undefined,
        `${n} bars`,
      );
    const reconciled = (n: number) =>
      run.waitFor(
        () =>
          run.events.filter((e) => e.event === "coordinator.reconciliation").length >= n ||
          undefined,
        `${n} reconciliations`,
      );
    try {
      await tws.waitUntil(() => barsSubscribedAtTws(tws, ["AAPL"]) || undefined);
      push([0, 1, 2]);
      await barsSeen(1);
      const placed = await tws.waitFor("PLACE_ORDER"); // BUY 10 LMT 180 rests (manual fills)
      push([3, 4, 5]); // target 0: cancel s-1, lost with the connection
      await barsSeen(2);
      await reconciled(1); // the reconnect's recovery, then the coordinator's reconciliation
      await tws.waitUntil(() => barsSubscribedAtTws(tws, ["AAPL"]) || undefined);
      // The lost cancel is sent again on the new connection once the coordinator reconciled.
      await tws.waitFor("CANCEL_ORDER");
      await run.waitFor(
        () => run.coordinator.orders.get("s-1")?.status === "cancelled" || undefined,
        "s-1 cancelled at TWS",
      );
      assertEquals(tws.order(placed.orderId, { clientId: CLIENT_ID }).status, "Cancelled");
      push([6, 7, 8]); // target 4: pursued, not left waiting
      await barsSeen(3);
      await run.waitFor(
        () => run.coordinator.orders.size === 2 || undefined,
        "the order for target 4",
      );
      ok(cancelsAfterTheDrop > 0);
      assertEquals(
        run.events.filter((e) => e.event === "coordinator.intent_fulfilled").map((e) => e.target),
        [10, 4],
      );
    } finally {
      await run.finish();
    }
  },
);
