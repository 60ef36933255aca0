import { deepStrictEqual as assertEquals, ok, throws as assertThrows } from "node:assert/strict";
import { MovingAveragePair } from "./_moving_average_pair.ts";

function assertAlmostEquals(actual: number, expected: number, tolerance: number): void {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );
}

function naiveMean(values: readonly number[], length: number): number {
  const tail = values.slice(-length);
  return tail.reduce((sum, value) => sum + value, 0) / tail.length;
}

Deno.test("MovingAveragePair matches a naive average over many windows, including wraps", () => {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (const [fast, slow] of [[1, 2], [2, 3], [5, 20], [7, 8]] as const) {
    const pair = new MovingAveragePair(fast, slow);
    const seen: number[] = [];
    for (let i = 0; i < 500; i++) {
      const price = 50 + random() * 100;
      pair.push(price);
      seen.push(price);
      assertEquals(pair.ready, seen.length >= slow);
      if (!pair.ready) continue;
      assertAlmostEquals(pair.fastAverage, naiveMean(seen, fast), 1e-9);
      assertAlmostEquals(pair.slowAverage, naiveMean(seen, slow), 1e-9);
    }
  }
});

Deno.test("MovingAveragePair reports the direction of fast vs slow, 0 when equal", () => {
  const pair = new MovingAveragePair(2, 4);
  for (const price of [1, 1, 1, 1]) pair.push(price);
  assertEquals(pair.direction, 0);
  pair.push(3);
  assertEquals(pair.direction, 1);
  for (const price of [0, 0]) pair.push(price);
  assertEquals(pair.direction, -1);
});

Deno.test("MovingAveragePair rejects windows that are not 1 <= fast < slow", () => {
  assertThrows(() => new MovingAveragePair(3, 3), RangeError);
  assertThrows(() => new MovingAveragePair(0, 3), RangeError);
  assertThrows(() => new MovingAveragePair(1.5, 3), RangeError);
});
