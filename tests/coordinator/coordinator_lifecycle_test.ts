import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import { StartupError } from "../../src/coordinator/mod.ts";
import { countingVenue, eventsNamed, flatBars, runScenario } from "./_harness.ts";

Deno.test("two strategies on one symbol cause one subscribe and, at stop, one unsubscribe", async () => {
  const calls: string[] = [];
  const { result } = await runScenario({
    graph: {
      strategies: [
        { id: "a", type: "flip", symbols: ["AAPL"] },
        { id: "b", type: "flip", symbols: ["AAPL", "MSFT"] },
      ],
    },
    bars: { AAPL: flatBars("AAPL", 12), MSFT: flatBars("MSFT", 12) },
    wrapVenue: (sim) => countingVenue(sim, calls),
  });
  assertEqual(result?.exitCode, 0);
  assertEquals(calls, ["subscribe AAPL", "subscribe MSFT", "unsubscribe AAPL", "unsubscribe MSFT"]);
});

Deno.test("a run emits lifecycle events from starting to stopped and ends at the end of data", async () => {
  const { result, events } = await runScenario({
    graph: { strategies: [{ id: "a", type: "flip", symbols: ["AAPL"] }] },
    bars: { AAPL: flatBars("AAPL", 12) },
  });
  assertEqual(result?.reason, "end_of_data");
  assertEquals(eventsNamed(events, "coordinator.lifecycle").map((e) => e.phase), [
    "starting",
    "started",
    "stopping",
    "stopped",
  ]);
  assertEquals(eventsNamed(events, "strategy.lifecycle", "a").map((e) => e.phase), [
    "created",
    "started",
    "stopped",
  ]);
});

Deno.test("an exception in a strategy halts the run, cancels working orders and exits non-zero", async () => {
  const { result, events, coordinator } = await runScenario({
    graph: {
      strategies: [
        { id: "boom", type: "crash", symbols: ["AAPL"], params: { at: 3 } },
        { id: "calm", type: "flip", symbols: ["AAPL"], params: { every: 1 } },
      ],
    },
    bars: { AAPL: flatBars("AAPL", 20) },
  });
  assertEqual(result?.exitCode, 1);
  assertEqual(result?.reason, "strategy_failure");
  assertEqual(result?.failure?.strategyId, "boom");
  assert(result?.failure?.message.includes("crash on bar 3"));
  const limitOrder = coordinator.orders.all().find((o) => o.request.strategyId === "boom");
  assertEqual(limitOrder?.status, "cancelled");
  // No bar after the failing one reaches any strategy: "calm" orders on every bar, so its
  // last intent comes from bar 3 at the latest.
  const lastIntent = eventsNamed(events, "coordinator.intent_received", "calm").at(-1);
  assert(lastIntent !== undefined && lastIntent.ts <= flatBars("AAPL", 3)[2]!.ts);
  const failed = eventsNamed(events, "strategy.lifecycle", "boom").find((e) =>
    e.phase === "failed"
  );
  assertEqual(failed?.callback, "onBar");
});

Deno.test("a strategy that fails to start stops the whole start unless allow_partial_start", async () => {
  const calls: string[] = [];
  const strict = await runScenario({
    graph: {
      strategies: [
        { id: "good", type: "flip", symbols: ["AAPL"] },
        { id: "bad", type: "broken_create", symbols: ["MSFT"] },
      ],
    },
    bars: { AAPL: flatBars("AAPL", 12), MSFT: flatBars("MSFT", 12) },
    wrapVenue: (sim) => countingVenue(sim, calls),
  });
  assert(strict.startError instanceof StartupError);
  assert(String((strict.startError as Error).message).includes("cannot build this strategy"));
  assertEquals(calls, ["subscribe AAPL", "unsubscribe AAPL"]);
  assertEqual(strict.coordinator.orders.all().length, 0);

  const partial = await runScenario({
    graph: {
      settings: { allow_partial_start: true },
      strategies: [
        { id: "good", type: "flip", symbols: ["AAPL"] },
        { id: "bad", type: "broken_create", symbols: ["MSFT"] },
      ],
    },
    bars: { AAPL: flatBars("AAPL", 12), MSFT: flatBars("MSFT", 12) },
  });
  assertEqual(partial.result?.exitCode, 0);
  assertEquals([...partial.coordinator.hosts.keys()], ["good"]);
  assertEqual(eventsNamed(partial.events, "strategy.lifecycle", "bad")[0]?.phase, "failed");
});

Deno.test("warmup bars reach the strategy but its intents only count once the warmup is complete", async () => {
  const { events, coordinator } = await runScenario({
    graph: {
      strategies: [{
        id: "w",
        type: "scripted",
        symbols: ["AAPL"],
        warmup_bars: 3,
        params: {
          script: [{ bar: 2, symbol: "AAPL", target: 10 }, { bar: 4, symbol: "AAPL", target: 20 }],
        },
      }],
    },
    bars: { AAPL: flatBars("AAPL", 6) },
  });
  const ignored = eventsNamed(events, "coordinator.intent_ignored", "w");
  assertEquals(ignored.map((e) => [e.reason, e.warmup_bars]), [["warmup", 3]]);
  assertEquals(coordinator.orders.all().map((o) => o.quantity), [20]);
  const warm = eventsNamed(events, "strategy.lifecycle", "w").find((e) => e.phase === "warm");
  assertEqual(warm?.bars, 3);
});

Deno.test("a stop request (SIGINT) ends the run cleanly: working orders cancelled, exit code 0", async () => {
  let coordinatorRef: { requestStop(reason: string): void } | undefined;
  let seen = 0;
  const { result, coordinator, events } = await runScenario({
    graph: {
      strategies: [{
        id: "s",
        type: "scripted",
        symbols: ["AAPL"],
        params: { script: [{ bar: 2, symbol: "AAPL", target: 10, limit: 50 }] },
      }],
    },
    bars: { AAPL: flatBars("AAPL", 50) },
    onBus: (bus) => {
      bus.subscribe("bar", () => {
        if (++seen === 5) coordinatorRef?.requestStop("signal:SIGINT");
      });
    },
    onCoordinator: (c) => {
      coordinatorRef = c;
    },
  });
  assertEqual(result?.exitCode, 0);
  assertEqual(result?.reason, "signal:SIGINT");
  assertEquals(coordinator.orders.all().map((o) => o.status), ["cancelled"]);
  const stopped = eventsNamed(events, "coordinator.lifecycle").at(-1);
  assertEquals([stopped?.phase, stopped?.cancelled_orders], ["stopped", ["s-1"]]);
  // The replay stopped at the bar that requested it, long before the 50th.
  assertEqual(seen, 5);
  const received = eventsNamed(events, "coordinator.lifecycle").find((e) => e.phase === "stopping");
  assertEquals(received?.reason, "signal:SIGINT");
});
