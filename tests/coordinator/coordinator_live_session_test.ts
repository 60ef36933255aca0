/**
 * A live venue's cadence knows its market's sessions: outside them (here the
 * pre-market) the coordinator does its order work but emits no metrics,
 * exposure or stall reports; a replay reports on its bars' time whatever the
 * hour.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import type { Bar, TelemetryEvent } from "../../src/model/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import type { SimVenue } from "../../src/venues/sim/mod.ts";
import { flatBarAt } from "../_support/mod.ts";
import { eventsNamed, runScenario } from "./_harness.ts";

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
