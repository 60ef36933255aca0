/**
 * A live venue's cadence knows its market's sessions: outside them (here the
 * pre-market) the coordinator does its order work but emits no metrics,
 * exposure or stall reports; a replay reports on its bars' time whatever the
 * hour. A live venue's stalls are judged at every tick of its wall-clock
 * timer, not only at the cadence.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import type { Bar, TelemetryEvent } from "../../src/model/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import { createTradingBus, type TradingBus } from "../../src/bus/mod.ts";
import { graphFromObject } from "../../src/config/mod.ts";
import { StrategyCoordinator } from "../../src/coordinator/mod.ts";
import { LiveTradingGuard } from "../../src/risk/mod.ts";
import { ArrayBarSource, SimVenue, type SimVenueOptions } from "../../src/venues/sim/mod.ts";
import { EventWaits, flatBarAt } from "../_support/mod.ts";
import { eventsNamed, runScenario, TEST_STRATEGIES } from "./_harness.ts";

const MINUTE = 60_000;
const PRE_MARKET = Date.UTC(2024, 0, 3, 13, 0); // 08:00 EST, Wednesday
const OPEN = Date.UTC(2024, 0, 3, 14, 30); // 09:30 EST

/** `n` flat 1-minute bars of `symbol` from `start`. */
function minutes(symbol: string, start: number, n: number): Bar[] {
  return Array.from({ length: n }, (_, i) => flatBarAt(symbol, start + i * MINUTE));
}

/** `sim` presented as a live venue (market time is wall time) on the US equities calendar. */
function asLive(sim: SimVenue): Venue {
  return {
    endpoint: sim.endpoint,
    clock: sim.clock,
    realtime: true,
    calendar: US_EQUITIES_CALENDAR,
    marketData: sim.marketData,
    broker: sim.broker,
    account: sim.account,
    connect: (bus) => sim.connect(bus),
    run: (signal) => sim.run(signal),
    close: () => sim.close(),
  };
}

/** Times (UTC `HH:MM`) of the periodic, not final, metrics of strategy `s`. */
function metricTimes(events: readonly TelemetryEvent[]): string[] {
  return eventsNamed(events, "strategy.metrics", "s")
    .filter((e) => e.final !== true)
    .map((e) => new Date(e.ts).toISOString().slice(11, 16));
}

const scenario = {
  graph: {
    settings: { bar_size: "1m", telemetry_interval_seconds: 60, heartbeat_timeout_seconds: 30 },
    strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], max_position: 10 }],
  },
  // Pre-market 08:00-08:04, silence until the open, then 09:30-09:34.
  bars: { AAPL: [...minutes("AAPL", PRE_MARKET, 5), ...minutes("AAPL", OPEN, 5)] },
  calendar: US_EQUITIES_CALENDAR,
};

Deno.test("a live venue reports metrics only while its market is open", async () => {
  const { events, result } = await runScenario({ ...scenario, wrapVenue: asLive });
  assertEquals(result?.reason, "end_of_data");
  const times = metricTimes(events);
  assert(times.length > 0);
  assertEquals(times.filter((time) => time < "14:30"), []);
  // The silence from 08:04 to the open is not trading time: no stall.
  assertEquals(eventsNamed(events, "health.heartbeat_stall"), []);
});

Deno.test("a replay reports metrics at its bars' time whatever the market's hours", async () => {
  const { events } = await runScenario(scenario);
  const times = metricTimes(events);
  assert(times.some((time) => time < "14:30") && times.some((time) => time >= "14:30"));
  assertEquals(eventsNamed(events, "health.heartbeat_stall"), []);
});

/**
 * A live venue over `sim`'s clock and books whose run publishes a bar at the
 * open, then lets two minutes of silence pass (wall time, here the clock),
 * waits for the coordinator's wall-clock timer to report the stall, and
 * publishes the next bar.
 */
function liveWithSilence(sim: SimVenue, waits: EventWaits, seen: readonly string[]): Venue {
  let bus: TradingBus | undefined;
  return {
    ...asLive(sim),
    connect: (connected) => {
      bus = connected;
      connected.subscribe("telemetry", () => waits.notify());
      return sim.connect(connected);
    },
    run: async () => {
      sim.clock.set(OPEN);
      bus?.publish("bar", flatBarAt("AAPL", OPEN));
      sim.clock.set(OPEN + 2 * MINUTE);
      await waits.waitFor(() => (seen.includes("stall") ? true : undefined), "a stall");
      bus?.publish("bar", flatBarAt("AAPL", OPEN + 2 * MINUTE));
    },
  };
}

Deno.test("a live venue's wall-clock timer reports a stall as soon as the market-time silence exceeds the threshold, and the next bar recovers it", async () => {
  const loaded = await graphFromObject({
    venue: { type: "sim" },
    settings: { bar_size: "1m", telemetry_interval_seconds: 600, heartbeat_timeout_seconds: 30 },
    strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], max_position: 10 }],
  }, { strategiesDir: TEST_STRATEGIES, env: () => undefined });
  const sim = new SimVenue(loaded.config.venue as SimVenueOptions, {
    barSizeMs: MINUTE,
    source: new ArrayBarSource({ AAPL: [] }),
  });
  const seen: string[] = [];
  const bus = createTradingBus();
  bus.subscribe("telemetry", (event) => {
    if (event.event === "health.heartbeat_stall") seen.push("stall");
    if (event.event === "health.heartbeat_recovered") seen.push("recovered");
  });
  const coordinator = new StrategyCoordinator({
    graph: loaded.config,
    definitions: loaded.definitions,
    venue: liveWithSilence(sim, new EventWaits(), seen),
    liveGuard: new LiveTradingGuard({ liveFlag: false }),
    bus,
    realtimeCadenceMs: 1,
  });
  const result = await coordinator.execute();
  assertEquals(result.reason, "end_of_data");
  // The cadence (every 10 minutes) never came: the timer's own check found the stall.
  assertEquals(seen, ["stall", "recovered"]);
});
