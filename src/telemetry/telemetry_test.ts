import assert from "node:assert/strict";
import fc from "fast-check";
import { createTradingBus } from "../bus/mod.ts";
import { type Clock, ManualClock } from "../model/mod.ts";
import { Telemetry } from "./telemetry.ts";

function stampOf(clock: Clock): number {
  const bus = createTradingBus();
  let ts: number | undefined;
  bus.subscribe("telemetry", (event) => void (ts = event.ts));
  new Telemetry(bus, clock).emit("test.event", { n: 1 });
  return ts as number;
}

Deno.test("Telemetry stamps market time 0 and times before 1970 as market time, not wall time", () => {
  // Issue 8 follow-up: `now() || Date.now()` turned 1970-01-01 into wall time.
  assert.equal(stampOf(new ManualClock(0)), 0);
  assert.equal(stampOf(new ManualClock(Date.UTC(1962, 0, 2))), Date.UTC(1962, 0, 2));
});

Deno.test("Telemetry stamps wall time only while the clock has not started", () => {
  for (const notStarted of [Number.NEGATIVE_INFINITY, Number.NaN]) {
    const before = Date.now();
    const ts = stampOf(new ManualClock(notStarted));
    assert.ok(ts >= before && ts <= Date.now(), `${notStarted}: ${ts}`);
  }
});

Deno.test("any finite market time is the stamp of every event", () => {
  fc.assert(
    fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (now) => {
      assert.equal(stampOf({ now: () => now }), now);
    }),
    { seed: 51, numRuns: 500 },
  );
});
