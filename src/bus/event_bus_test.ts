import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { EventBus } from "./event_bus.ts";

interface Topics {
  price: number;
  name: string;
}

Deno.test("EventBus delivers an event synchronously to every handler in subscription order", () => {
  const bus = new EventBus<Topics>();
  const seen: string[] = [];
  bus.subscribe("price", (p) => seen.push(`a${p}`));
  bus.subscribe("price", (p) => seen.push(`b${p}`));
  bus.subscribe("name", (n) => seen.push(n));
  bus.publish("price", 1);
  seen.push("after");
  assertEquals(seen, ["a1", "b1", "after"]);
});

Deno.test("EventBus unsubscribe removes only that handler and is idempotent", () => {
  const bus = new EventBus<Topics>();
  const seen: number[] = [];
  const off = bus.subscribe("price", (p) => seen.push(p));
  bus.subscribe("price", (p) => seen.push(p * 10));
  off();
  off();
  bus.publish("price", 2);
  assertEquals(seen, [20]);
  assertEquals(bus.subscriberCount("price"), 1);
});

Deno.test("EventBus handlers added during a publish run from the next publish on", () => {
  const bus = new EventBus<Topics>();
  const seen: string[] = [];
  bus.subscribe("price", () => {
    seen.push("first");
    bus.subscribe("price", () => seen.push("late"));
  });
  bus.publish("price", 1);
  assertEquals(seen, ["first"]);
  bus.publish("price", 1);
  assertEquals(seen, ["first", "first", "late"]);
});

Deno.test("EventBus lets a handler's error reach the publisher", () => {
  const bus = new EventBus<Topics>();
  bus.subscribe("name", () => {
    throw new Error("boom");
  });
  assertThrows(() => bus.publish("name", "x"), /boom/);
});

Deno.test("EventBus publish on a topic without subscribers does nothing", () => {
  const bus = new EventBus<Topics>();
  bus.publish("name", "nobody");
  assertEquals(bus.subscriberCount("name"), 0);
});
