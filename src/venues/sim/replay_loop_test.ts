import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { createTradingBus } from "../../bus/mod.ts";
import { type Bar, ManualClock } from "../../model/mod.ts";
import { ArrayBarSource } from "./array_bar_source.ts";
import { BarMerger } from "./bar_merge.ts";
import { ReplayLoop, type ReplayLoopOptions, sleepWithTimer } from "./replay_loop.ts";

const MINUTE = 60_000;

function bars(symbol: string, count: number, start = 0): Bar[] {
  return Array.from({ length: count }, (_, i) => ({
    symbol,
    ts: start + i * MINUTE,
    open: 10,
    high: 10,
    low: 10,
    close: 10,
    volume: 1,
  }));
}

/** A loop over `data` (all symbols subscribed in key order) that logs broker calls and published bars. */
function setup(data: Record<string, Bar[]>, options: Partial<ReplayLoopOptions> = {}) {
  const source = new ArrayBarSource(data);
  const merger = new BarMerger();
  for (const symbol of Object.keys(data)) merger.add(symbol, () => source.open(symbol));
  const clock = new ManualClock(0);
  const log: string[] = [];
  const bus = createTradingBus();
  const loop = new ReplayLoop({
    merger,
    clock,
    broker: { onBar: (bar) => log.push(`broker ${bar.symbol}@${bar.ts} clock=${clock.now()}`) },
    speed: "max",
    barSizeMs: MINUTE,
    ...options,
  });
  loop.attach(bus);
  bus.subscribe("bar", (bar) => log.push(`bar ${bar.symbol}@${bar.ts} clock=${clock.now()}`));
  return { loop, log, bus, merger, clock };
}

Deno.test("ReplayLoop sets the clock, lets the broker see the bar, then publishes it, in time order", async () => {
  const { loop, log } = setup({ A: bars("A", 2), B: bars("B", 2, MINUTE / 2) });
  await loop.run(new AbortController().signal);
  assert.deepEqual(log, [
    "broker A@0 clock=0",
    "bar A@0 clock=0",
    "broker B@30000 clock=30000",
    "bar B@30000 clock=30000",
    "broker A@60000 clock=60000",
    "bar A@60000 clock=60000",
    "broker B@90000 clock=90000",
    "bar B@90000 clock=90000",
  ]);
  assert.equal(loop.barsPublished, 4);
});

Deno.test("ReplayLoop at a numeric speed waits bar size / speed before each new timestamp", async () => {
  const waits: number[] = [];
  const { loop, log } = setup({ A: bars("A", 3), B: bars("B", 3) }, {
    speed: 4,
    sleep: (ms) => {
      waits.push(ms);
      log.push(`sleep ${ms}`);
      return Promise.resolve();
    },
  });
  await loop.run(new AbortController().signal);
  assert.deepEqual(waits, [15_000, 15_000]);
  assert.deepEqual(log.filter((line) => !line.startsWith("broker")), [
    "bar A@0 clock=0",
    "bar B@0 clock=0",
    "sleep 15000",
    "bar A@60000 clock=60000",
    "bar B@60000 clock=60000",
    "sleep 15000",
    "bar A@120000 clock=120000",
    "bar B@120000 clock=120000",
  ]);
});

Deno.test("ReplayLoop does not wait out gaps in the data at a numeric speed", async () => {
  const waits: number[] = [];
  const data = { A: [...bars("A", 1), ...bars("A", 1, 10 * MINUTE)] };
  const { loop } = setup(data, { speed: 0.5, sleep: (ms) => (waits.push(ms), Promise.resolve()) });
  await loop.run(new AbortController().signal);
  assert.deepEqual(waits, [120_000]);
});

Deno.test("ReplayLoop stops after the bar whose handler aborts", async () => {
  const { loop, bus } = setup({ A: bars("A", 100) }, { yieldEvery: 1000 });
  const controller = new AbortController();
  let seen = 0;
  bus.subscribe("bar", () => {
    if (++seen === 10) controller.abort();
  });
  await loop.run(controller.signal);
  assert.equal(seen, 10);
  assert.equal(loop.barsPublished, 10);
});

Deno.test("ReplayLoop yields a macrotask every yieldEvery bars so an abort from a macrotask lands", async () => {
  const { loop } = setup({ A: bars("A", 10_000) }, { yieldEvery: 250 });
  const controller = new AbortController();
  setImmediate(() => controller.abort());
  await loop.run(controller.signal);
  assert.equal(loop.barsPublished, 250);
});

Deno.test("ReplayLoop stops waiting when aborted during a real sleep", async () => {
  const { loop } = setup({ A: bars("A", 5) }, { speed: 1 / 3600 });
  const controller = new AbortController();
  const running = loop.run(controller.signal);
  setImmediate(() => controller.abort());
  await running;
  assert.equal(loop.barsPublished, 1);
});

Deno.test("ReplayLoop publishes nothing for an aborted signal, and nothing after stop()", async () => {
  const first = setup({ A: bars("A", 5) });
  const controller = new AbortController();
  controller.abort();
  await first.loop.run(controller.signal);
  assert.equal(first.loop.barsPublished, 0);
  const second = setup({ A: bars("A", 5) });
  second.loop.stop();
  await second.loop.run(new AbortController().signal);
  assert.deepEqual(second.log, []);
});

Deno.test("ReplayLoop rejects the run when a bar handler throws", async () => {
  const { loop, bus } = setup({ A: bars("A", 5) });
  bus.subscribe("bar", (bar) => {
    if (bar.ts === MINUTE) throw new Error("strategy blew up");
  });
  await assert.rejects(loop.run(new AbortController().signal), /strategy blew up/);
  assert.equal(loop.barsPublished, 1);
});

Deno.test("ReplayLoop refuses a non-positive speed and running without a bus", async () => {
  const merger = new BarMerger();
  const base = { merger, clock: new ManualClock(), broker: { onBar() {} }, barSizeMs: MINUTE };
  assert.throws(
    () => new ReplayLoop({ ...base, speed: 0 }),
    /speed must be "max" or a positive number/,
  );
  assert.throws(() => new ReplayLoop({ ...base, speed: "max", yieldEvery: 0 }), /yieldEvery/);
  await assert.rejects(
    new ReplayLoop({ ...base, speed: "max" }).run(new AbortController().signal),
    /no bus/,
  );
});

Deno.test("sleepWithTimer resolves early and clears its timer when aborted", async () => {
  const controller = new AbortController();
  const started = performance.now();
  const waiting = sleepWithTimer(60_000, controller.signal);
  controller.abort();
  await waiting;
  assert.ok(performance.now() - started < 1000);
});
