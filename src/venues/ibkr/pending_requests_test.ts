import { deepStrictEqual as assertEquals, rejects } from "node:assert/strict";
import { ManualScheduler } from "./_manual_scheduler.ts";
import { PendingRequests } from "./pending_requests.ts";

Deno.test("PendingRequests resolves an open request with its answer and clears its timer", async () => {
  const scheduler = new ManualScheduler();
  const pending = new PendingRequests(scheduler);
  const answer = pending.open<number>(7, { describe: "x", timeoutMs: 1000 });
  assertEquals(pending.resolve(7, 42), true);
  assertEquals([await answer, scheduler.pendingCount, pending.has(7)], [42, 0, false]);
});

Deno.test("PendingRequests rejects a request TWS never answers after its timeout", async () => {
  const scheduler = new ManualScheduler();
  const pending = new PendingRequests(scheduler);
  const answer = pending.open("positions", { describe: "positions", timeoutMs: 2000 });
  scheduler.advance(2000);
  await rejects(answer, { message: "positions: no answer from TWS within 2 s" });
});

Deno.test("PendingRequests.failAll rejects every open request", async () => {
  const pending = new PendingRequests(new ManualScheduler());
  const a = pending.open(1, { describe: "a", timeoutMs: 1000 });
  const b = pending.open("b", { describe: "b", timeoutMs: 1000 });
  pending.failAll(new Error("connection lost"));
  await rejects(a, /connection lost/);
  await rejects(b, /connection lost/);
  assertEquals(pending.resolve(1, 0), false);
});
