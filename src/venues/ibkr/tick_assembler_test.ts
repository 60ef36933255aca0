import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { TickAssembler } from "./tick_assembler.ts";

function collect() {
  const ticks: [string, number, number][] = [];
  const assembler = new TickAssembler((kind, price, size) => ticks.push([kind, price, size]));
  return { ticks, assembler };
}

Deno.test("TickAssembler pairs an ask or last price with the size tick that follows it", () => {
  const { ticks, assembler } = collect();
  assembler.price(2, 190.5);
  assertEquals(ticks.length, 0);
  assembler.size(3, 300);
  assembler.price(4, 190.25);
  assembler.size(5, 100);
  assertEquals(ticks, [["ask", 190.5, 300], ["last", 190.25, 100]]);
});

Deno.test("TickAssembler publishes a bid at once with the last TICK_SIZE bid size", () => {
  const { ticks, assembler } = collect();
  assembler.price(1, 190);
  assembler.size(0, 500);
  assembler.price(1, 190.01);
  assertEquals(ticks, [["bid", 190, 0], ["bid", 190.01, 500]]);
});

Deno.test("TickAssembler maps delayed tick types and ignores empty quotes", async () => {
  const { ticks, assembler } = collect();
  assembler.price(68, 101);
  assembler.price(66, -1);
  assembler.price(45, 3);
  await Promise.resolve();
  assertEquals(ticks, [["last", 101, 0]]);
});

Deno.test("TickAssembler publishes an unpaired ask in a microtask with the last ask size", async () => {
  const { ticks, assembler } = collect();
  assembler.size(3, 200);
  assembler.price(2, 50);
  await Promise.resolve();
  assertEquals(ticks, [["ask", 50, 200]]);
});
