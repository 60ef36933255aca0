import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { FIRST_REQUEST_ID, OrderIdAllocator, RequestIdAllocator } from "./id_allocators.ts";

Deno.test("OrderIdAllocator starts at nextValidId and increases by one", () => {
  const ids = new OrderIdAllocator();
  ids.seed(41);
  assertEquals([ids.next(), ids.next(), ids.next()], [41, 42, 43]);
});

Deno.test("OrderIdAllocator never reuses an id when a reconnect reports a lower nextValidId", () => {
  const ids = new OrderIdAllocator();
  ids.seed(10);
  ids.next();
  ids.next();
  ids.seed(11);
  assertEquals(ids.next(), 12);
  ids.seed(50);
  assertEquals(ids.next(), 50);
});

Deno.test("OrderIdAllocator refuses to allocate before TWS sent nextValidId", () => {
  const ids = new OrderIdAllocator();
  assertEquals(ids.seeded, false);
  throws(() => ids.next(), /nextValidId/);
});

Deno.test("RequestIdAllocator ids never collide with order ids", () => {
  const ids = new RequestIdAllocator();
  assertEquals([ids.next(), ids.next()], [FIRST_REQUEST_ID, FIRST_REQUEST_ID + 1]);
  assertEquals(
    [RequestIdAllocator.isRequestId(FIRST_REQUEST_ID), RequestIdAllocator.isRequestId(12)],
    [true, false],
  );
});
