import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type Fill, toDecimal } from "../../model/mod.ts";
import { ManualScheduler } from "./_manual_scheduler.ts";
import { FillAssembler, type FillWithoutCommission } from "./fill_assembler.ts";

const execution = (execId: string): FillWithoutCommission => ({
  execId,
  orderId: "s-1",
  symbol: "AAPL",
  side: "BUY",
  quantity: toDecimal(10),
  price: toDecimal(190),
  ts: 1000,
});

function setup(waitMs = 5000) {
  const scheduler = new ManualScheduler();
  const fills: [Fill, boolean][] = [];
  const assembler = new FillAssembler({
    scheduler,
    commissionWaitMs: waitMs,
    publish: (fill, details) => fills.push([fill, details.commissionMissing]),
  });
  return { scheduler, fills, assembler };
}

Deno.test("FillAssembler publishes a fill when its commission report arrives", () => {
  const { fills, assembler } = setup();
  assembler.execution(execution("e1"));
  assertEquals(fills.length, 0);
  assembler.commission("e1", toDecimal("1.00"));
  assertEquals(fills.map(([f, missing]) => [f.execId, f.commission.toString(), missing]), [[
    "e1",
    "1",
    false,
  ]]);
});

Deno.test("FillAssembler publishes with commission 0 after the wait when no report comes", () => {
  const { scheduler, fills, assembler } = setup(2000);
  assembler.execution(execution("e1"));
  scheduler.advance(1999);
  assertEquals(fills.length, 0);
  scheduler.advance(1);
  assertEquals(fills.map(([f, missing]) => [f.commission.toString(), missing]), [["0", true]]);
  assembler.commission("e1", toDecimal(1));
  assertEquals(fills.length, 1);
});

Deno.test("FillAssembler publishes each execution id once, however often it is delivered", () => {
  const { fills, assembler } = setup();
  assembler.execution(execution("e1"));
  assembler.commission("e1", toDecimal(1));
  assertEquals(assembler.execution(execution("e1")), false);
  assembler.commission("e1", toDecimal(1));
  assertEquals(fills.length, 1);
});

Deno.test("FillAssembler accepts a commission report that arrives before its execution", () => {
  const { fills, assembler } = setup();
  assembler.commission("e2", toDecimal("1.25"));
  assembler.execution(execution("e2"));
  assertEquals(fills.map(([f]) => f.commission.toString()), ["1.25"]);
});

Deno.test("FillAssembler.settled resolves once every waiting execution is published", async () => {
  const { assembler, scheduler } = setup();
  assembler.execution(execution("a"));
  assembler.execution(execution("b"));
  let settled = false;
  const done = assembler.settled().then(() => (settled = true));
  assembler.commission("a", toDecimal(1));
  await Promise.resolve();
  assertEquals(settled, false);
  assembler.commission("b", toDecimal(1));
  await done;
  assertEquals([settled, scheduler.pendingCount], [true, 0]);
});
