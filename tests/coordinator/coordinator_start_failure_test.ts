/**
 * A run that fails before it starts is cleaned up and logged honestly: the
 * clean-up is `stopping` with reason `start_failed`, the last line is
 * `coordinator.lifecycle` `start_failed` with the error, and no line claims
 * `end_of_data`. A run whose venue fails while running ends `run_failed`.
 *
 * @module
 */
import {
  deepStrictEqual as assertEquals,
  equal as assertEqual,
  ok as assert,
} from "node:assert/strict";
import type { TelemetryEvent } from "../../src/model/mod.ts";
import { StartupError } from "../../src/coordinator/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import type { SimVenue } from "../../src/venues/sim/mod.ts";
import { countingVenue, eventsNamed, flatBars, runScenario } from "./_harness.ts";

/** `sim` with some of its methods replaced. */
function alteredVenue(sim: SimVenue, change: Partial<Pick<Venue, "connect" | "run">>): Venue {
  return {
    endpoint: sim.endpoint,
    clock: sim.clock,
    broker: sim.broker,
    account: sim.account,
    marketData: sim.marketData,
    connect: change.connect ?? ((bus) => sim.connect(bus)),
    run: change.run ?? ((signal) => sim.run(signal)),
    close: () => sim.close(),
  };
}

function lifecycle(events: readonly TelemetryEvent[]): unknown[][] {
  return eventsNamed(events, "coordinator.lifecycle").map((e) => [e.phase, e.reason ?? e.error]);
}

function assertNoEndOfData(events: readonly TelemetryEvent[]): void {
  const claims = events.filter((e) => JSON.stringify(e).includes("end_of_data"));
  assertEquals(claims, []);
}

const GOOD_AND_BROKEN = [
  { id: "good", type: "flip", symbols: ["AAPL"] },
  { id: "bad", type: "broken_create", symbols: ["MSFT"] },
];

Deno.test("a strategy that cannot be created ends the log with start_failed and its reason, after an honest clean-up", async () => {
  const calls: string[] = [];
  const { startError, events } = await runScenario({
    graph: { strategies: GOOD_AND_BROKEN },
    bars: { AAPL: flatBars("AAPL", 12), MSFT: flatBars("MSFT", 12) },
    wrapVenue: (sim) => countingVenue(sim, calls),
  });
  assert(startError instanceof StartupError);
  const reason = 'strategy "bad" failed to create: cannot build this strategy';
  assertEquals(lifecycle(events), [
    ["starting", undefined],
    ["stopping", "start_failed"],
    ["start_failed", reason],
  ]);
  assertEquals(events.at(-1)?.event, "coordinator.lifecycle");
  assertEquals(events.at(-1)?.phase, "start_failed");
  assertNoEndOfData(events);
  // The strategy that was created is stopped; the one that failed only has its failure.
  assertEquals(eventsNamed(events, "strategy.lifecycle", "good").map((e) => [e.phase, e.reason]), [
    ["created", undefined],
    ["stopped", "start_failed"],
  ]);
  assertEquals(eventsNamed(events, "strategy.lifecycle", "bad").map((e) => e.phase), ["failed"]);
  assertEquals(calls, ["subscribe AAPL", "unsubscribe AAPL"]);
  assertEquals(eventsNamed(events, "market_data.unsubscribed").map((e) => e.symbol), ["AAPL"]);
});

Deno.test("a strategy that throws during warmup ends the log with start_failed naming the strategy", async () => {
  const { startError, events } = await runScenario({
    // The synthetic feed has history, so warmup runs inside start().
    graph: {
      venue: { type: "sim", feed: "synthetic", bars: 50 },
      strategies: [{
        id: "boom",
        type: "crash",
        symbols: ["AAPL"],
        warmup_bars: 5,
        params: { at: 2 },
      }],
    },
  });
  assert(startError instanceof StartupError);
  const reason = 'strategy "boom" threw in onBar: crash on bar 2';
  assertEquals(lifecycle(events).slice(-2), [["stopping", "start_failed"], [
    "start_failed",
    reason,
  ]]);
  assertEquals(events.at(-1)?.phase, "start_failed");
  assertNoEndOfData(events);
  assertEquals(
    eventsNamed(events, "strategy.lifecycle", "boom").map((e) => [e.phase, e.reason ?? e.callback]),
    [["created", undefined], ["failed", "onBar"], ["stopped", "start_failed"]],
  );
});

Deno.test("a venue whose connection fails leaves a log that ends start_failed with the connection error", async () => {
  const { startError, events } = await runScenario({
    graph: { strategies: [{ id: "a", type: "flip", symbols: ["AAPL"] }] },
    bars: { AAPL: flatBars("AAPL", 12) },
    wrapVenue: (sim) =>
      alteredVenue(sim, { connect: () => Promise.reject(new Error("connection refused")) }),
  });
  assert(startError instanceof StartupError);
  assertEquals(lifecycle(events), [["stopping", "start_failed"], [
    "start_failed",
    "connection refused",
  ]]);
  assertNoEndOfData(events);
});

Deno.test("with allow_partial_start the run ends normally, and a start where every strategy fails ends start_failed", async () => {
  const partial = await runScenario({
    graph: { settings: { allow_partial_start: true }, strategies: GOOD_AND_BROKEN },
    bars: { AAPL: flatBars("AAPL", 12), MSFT: flatBars("MSFT", 12) },
  });
  assertEquals(partial.result?.started, ["good"]);
  assertEquals(partial.result?.leftOut, [
    { id: "bad", stage: "create", error: "cannot build this strategy" },
  ]);
  assertEquals(lifecycle(partial.events).at(-1), ["stopped", "end_of_data"]);
  assertEquals(eventsNamed(partial.events, "strategy.lifecycle", "bad").map((e) => e.phase), [
    "failed",
  ]);

  const none = await runScenario({
    graph: {
      settings: { allow_partial_start: true },
      strategies: [{ id: "bad", type: "broken_create", symbols: ["MSFT"] }],
    },
    bars: { MSFT: flatBars("MSFT", 12) },
  });
  assert(none.startError instanceof StartupError);
  assertEquals(none.events.at(-1)?.phase, "start_failed");
  assert(String(none.events.at(-1)?.error).startsWith("no strategy could start"));
  assertNoEndOfData(none.events);
});

Deno.test("a venue that fails while running ends the log with stopped, reason run_failed and the error", async () => {
  const { startError, events, coordinator } = await runScenario({
    graph: { strategies: [{ id: "a", type: "flip", symbols: ["AAPL"] }] },
    bars: { AAPL: flatBars("AAPL", 12) },
    wrapVenue: (sim) =>
      alteredVenue(sim, { run: () => Promise.reject(new Error("feed broke at row 7")) }),
  });
  // execute() stops the run, then rethrows the venue's error.
  assertEqual((startError as Error).message, "feed broke at row 7");
  assertEquals(lifecycle(events), [
    ["starting", undefined],
    ["started", undefined],
    ["stopping", "run_failed"],
    ["stopped", "run_failed"],
  ]);
  assertEqual(events.at(-1)?.error, "feed broke at row 7");
  assertNoEndOfData(events);
  // Stopping again returns the same outcome and logs nothing more.
  const result = await coordinator.stop();
  assertEquals([result.reason, result.exitCode], ["run_failed", 1]);
  assertEqual(eventsNamed(events, "coordinator.lifecycle").length, 4);
});
