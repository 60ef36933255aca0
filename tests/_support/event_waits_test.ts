import { deepStrictEqual as assertEquals, rejects as assertRejects } from "node:assert/strict";
import { EventWaits } from "./event_waits.ts";

Deno.test("waitFor resolves with the check's value at once when it is already defined", async () => {
  const waits = new EventWaits();
  assertEquals(await waits.waitFor(() => "ready", "ready"), "ready");
});

Deno.test("waitFor re-runs its check only on notify, in a microtask after the notifying code", async () => {
  const waits = new EventWaits();
  const seen: number[] = [];
  let calls = 0;
  const first = waits.waitFor(() => (calls++, seen[0]), "the first value");
  seen.push(4);
  assertEquals(calls, 1); // nothing re-runs it without a notification
  waits.notify();
  assertEquals(calls, 1); // deferred: a subscriber after the notifying one still records first
  assertEquals(await first, 4);
  assertEquals(calls, 2);
});

Deno.test("a value of 0, false or null resolves the wait; only undefined keeps it pending", async () => {
  const waits = new EventWaits();
  assertEquals(await waits.waitFor(() => 0, "zero"), 0);
  assertEquals(await waits.waitFor(() => false, "false"), false);
  assertEquals(await waits.waitFor(() => null, "null"), null);
});

Deno.test("waitFor rejects with what its check throws, and the check is not run again", async () => {
  const waits = new EventWaits();
  let calls = 0;
  let fail = false;
  const waiting = waits.waitFor(() => {
    calls++;
    if (fail) throw new Error("invariant broken");
    return undefined;
  }, "never");
  fail = true;
  waits.notify();
  await assertRejects(waiting, /^Error: invariant broken$/);
  waits.notify();
  await Promise.resolve();
  assertEquals(calls, 2);
});

Deno.test("waitFor rejects after its timeout with the description, and its check is dropped", async () => {
  const waits = new EventWaits();
  let calls = 0;
  await assertRejects(
    waits.waitFor(() => (calls++, undefined), "the impossible", 1),
    { message: "timed out after 1 ms waiting for the impossible" },
  );
  waits.notify();
  await Promise.resolve();
  assertEquals(calls, 1);
});

Deno.test("a settled wait is not re-run by later notifications; other waits still are", async () => {
  const waits = new EventWaits();
  const values: string[] = [];
  let firstCalls = 0;
  const first = waits.waitFor(() => (firstCalls++, values[0]), "a first value");
  const second = waits.waitFor(() => values[1], "a second value");
  values.push("a");
  waits.notify();
  assertEquals(await first, "a");
  values.push("b");
  waits.notify();
  assertEquals(await second, "b");
  assertEquals(firstCalls, 2);
});
