/**
 * Market time before 1970: Yahoo's full history of KO, IBM and GE starts in
 * 1962. The sim venue's clock starts at the first bar, whatever its year, so
 * orders fill and events carry the bars' times.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { createTradingBus } from "../../../src/bus/mod.ts";
import { type Bar, type Fill, toDecimal } from "../../../src/model/mod.ts";
import { ArrayBarSource, SimVenue, simVenueOptions } from "../../../src/venues/sim/mod.ts";

const DAY = 86_400_000;

function barsAt(times: readonly number[]): Bar[] {
  return times.map((ts, i) => ({
    symbol: "KO",
    ts,
    open: 10 + i,
    high: 11 + i,
    low: 9 + i,
    close: 10.5 + i,
    volume: 1000,
  }));
}

/** Replays `times` as KO's bars, buying 1 at every bar; returns the clock at each bar and the fills. */
async function replay(times: readonly number[]) {
  const venue = new SimVenue(simVenueOptions({ feed: "csv" }), {
    barSizeMs: DAY,
    source: new ArrayBarSource({ KO: barsAt(times) }, { description: "test bars" }),
  });
  const before = venue.clock.now();
  const bus = createTradingBus();
  const fills: Fill[] = [];
  const clockAtBars: number[] = [];
  bus.subscribe("fill", (fill) => fills.push(fill));
  bus.subscribe("bar", (bar) => {
    clockAtBars.push(venue.clock.now());
    void venue.broker.submit({
      id: `b${bar.ts}`,
      strategyId: "s",
      symbol: "KO",
      side: "BUY",
      quantity: toDecimal(1),
      type: "MKT",
      tif: "GTC",
      createdAt: venue.clock.now(),
    });
  });
  await venue.connect(bus);
  const connected = venue.clock.now();
  await venue.marketData.subscribe("KO");
  await venue.run(new AbortController().signal);
  return { before, connected, clockAtBars, fills };
}

Deno.test("SimVenue replaying bars from 1962 sets its clock to each bar and fills orders at the next bar", async () => {
  // Issue 8 follow-up: a clock started at 0 ignored every earlier time, so no order ever filled.
  const times = [Date.UTC(1962, 0, 2), Date.UTC(1962, 0, 3), Date.UTC(1962, 0, 4)];
  const { before, connected, clockAtBars, fills } = await replay(times);
  assert.equal(before, Number.NEGATIVE_INFINITY, "not started before connect");
  assert.equal(connected, times[0]);
  assert.deepEqual(clockAtBars, times);
  assert.deepEqual(fills.map((fill) => [fill.orderId, fill.ts]), [
    [`b${times[0]}`, times[1]],
    [`b${times[1]}`, times[2]],
  ]);
});

Deno.test("SimVenue market time crosses 1970-01-01 forward, 0 being a time like any other", async () => {
  const times = [-DAY, 0, DAY];
  const { clockAtBars, fills } = await replay(times);
  assert.deepEqual(clockAtBars, times);
  assert.deepEqual(fills.map((fill) => fill.ts), [0, DAY]);
});

Deno.test("for bars at any times from 1900 to 2200, the clock follows them and each order fills at the next bar", async () => {
  const times = fc.tuple(
    fc.integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2199, 0, 1) / DAY }),
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
  ).map(([first, steps]) => {
    const list = [first * DAY];
    for (const step of steps) list.push((list.at(-1) as number) + step * DAY);
    return list;
  });
  await fc.assert(
    fc.asyncProperty(times, async (list) => {
      const { connected, clockAtBars, fills } = await replay(list);
      assert.equal(connected, list[0]);
      assert.deepEqual(clockAtBars, list);
      assert.deepEqual(fills.map((fill) => fill.ts), list.slice(1));
    }),
    { seed: 41, numRuns: 200 },
  );
});
