import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import { ManualScheduler } from "./_manual_scheduler.ts";
import { OutboundPacer } from "./outbound_pacer.ts";

/** Largest number of send times within any window of `windowMs` (half-open). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (
      let j = i;
      j < times.length && (times[j] as number) < (times[i] as number) + windowMs;
      j++
    ) {
      n++;
    }
    best = Math.max(best, n);
  }
  return best;
}

Deno.test("OutboundPacer sends the first message at once and spaces the rest by 1000/max ms", () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 40, scheduler });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) void pacer.enqueue(() => times.push(scheduler.now()));
  assertEquals(times, [0]);
  scheduler.advance(100);
  assertEquals(times, [0, 25, 50]);
});

Deno.test("OutboundPacer never exceeds max per second in any window and drops nothing", () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 45, scheduler });
  const times: number[] = [];
  for (let i = 0; i < 150; i++) void pacer.enqueue(() => times.push(scheduler.now()));
  assertEquals(pacer.queued, 149);
  scheduler.advance(10_000);
  assertEquals([times.length, pacer.queued, pacer.sent], [150, 0, 150]);
  ok(maxInWindow(times, 1000) <= 45, `max in a 1 s window: ${maxInWindow(times, 1000)}`);
});

Deno.test("OutboundPacer keeps the window limit when sends arrive in bursts after idle time", () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 50, scheduler });
  const times: number[] = [];
  for (let burst = 0; burst < 4; burst++) {
    for (let i = 0; i < 30; i++) void pacer.enqueue(() => times.push(scheduler.now()));
    scheduler.advance(700);
  }
  scheduler.advance(5000);
  assertEquals(times.length, 120);
  ok(maxInWindow(times, 1000) <= 50);
});

Deno.test("OutboundPacer rejects a send that throws and carries on with the next", async () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 10, scheduler });
  const failing = pacer.enqueue(() => {
    throw new Error("not connected");
  });
  let ran = false;
  const next = pacer.enqueue(() => (ran = true));
  await rejects(failing, /not connected/);
  scheduler.advance(100);
  await next;
  assertEquals(ran, true);
});

Deno.test("OutboundPacer.clear rejects queued sends and leaves no timer behind", async () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 10, scheduler });
  void pacer.enqueue(() => {});
  const queued = pacer.enqueue(() => {});
  assertEquals(scheduler.pendingCount, 1);
  pacer.clear(new Error("connection lost"));
  await rejects(queued, /connection lost/);
  assertEquals([scheduler.pendingCount, pacer.queued], [0, 0]);
});

Deno.test("OutboundPacer refuses a rate above IB's 50 messages per second", () => {
  let message = "";
  try {
    new OutboundPacer({ maxPerSecond: 51, scheduler: new ManualScheduler() });
  } catch (error) {
    message = (error as Error).message;
  }
  assertEquals(message, "max requests per second must be an integer in 1..50, got 51");
});

Deno.test("OutboundPacer.withdraw takes a queued send back: it never runs and the next moves up", async () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 10, scheduler });
  const ran: string[] = [];
  const first = pacer.enqueueWithdrawable(() => ran.push("first"));
  const second = pacer.enqueueWithdrawable(() => ran.push("second"));
  const third = pacer.enqueueWithdrawable(() => ran.push("third"));
  assertEquals([second.withdraw(), second.withdraw(), first.withdraw()], [true, false, false]);
  assertEquals(pacer.queued, 1);
  scheduler.advance(100);
  assertEquals(ran, ["first", "third"]);
  assertEquals(
    await Promise.all([first.outcome, second.outcome, third.outcome]),
    ["sent", "withdrawn", "sent"],
  );
  assertEquals(pacer.sent, 2);
});

Deno.test("OutboundPacer.withdraw of the last queued send leaves no timer behind", async () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 1, scheduler });
  void pacer.enqueue(() => {});
  const queued = pacer.enqueueWithdrawable(() => {
    throw new Error("must not run");
  });
  assertEquals(scheduler.pendingCount, 1);
  assertEquals(queued.withdraw(), true);
  assertEquals([scheduler.pendingCount, pacer.queued], [0, 0]);
  assertEquals(await queued.outcome, "withdrawn");
  scheduler.advance(5000);
  assertEquals(pacer.sent, 1);
});

Deno.test("OutboundPacer.clear rejects a withdrawable send, which can no longer be withdrawn", async () => {
  const scheduler = new ManualScheduler();
  const pacer = new OutboundPacer({ maxPerSecond: 1, scheduler });
  void pacer.enqueue(() => {});
  const queued = pacer.enqueueWithdrawable(() => {});
  pacer.clear(new Error("connection lost"));
  await rejects(queued.outcome, /connection lost/);
  assertEquals(queued.withdraw(), false);
});
