import assert from "node:assert/strict";
import { deriveSeed, SeededRandom } from "./prng.ts";

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.nextUint32());
}

Deno.test("SeededRandom repeats its sequence for the same seed", () => {
  assert.deepEqual(draws(new SeededRandom(123), 100), draws(new SeededRandom(123), 100));
});

Deno.test("SeededRandom gives different sequences for different seeds", () => {
  assert.notDeepEqual(draws(new SeededRandom(123), 10), draws(new SeededRandom(124), 10));
});

Deno.test("SeededRandom.uniform stays inside (0, 1) with mean near 0.5", () => {
  const random = new SeededRandom(7);
  let sum = 0;
  const count = 200_000;
  for (let i = 0; i < count; i++) {
    const u = random.uniform();
    assert.ok(u > 0 && u < 1, `uniform ${u} outside (0, 1)`);
    sum += u;
  }
  assert.ok(Math.abs(sum / count - 0.5) < 0.005, `mean ${sum / count}`);
});

Deno.test("SeededRandom.normal has mean near 0 and variance near 1", () => {
  const random = new SeededRandom(11);
  const count = 200_000;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const z = random.normal();
    sum += z;
    squares += z * z;
  }
  const mean = sum / count;
  const variance = squares / count - mean * mean;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
});

Deno.test("deriveSeed is stable per (seed, key) and differs across keys and seeds", () => {
  assert.equal(deriveSeed(42, "AAPL"), deriveSeed(42, "AAPL"));
  assert.notEqual(deriveSeed(42, "AAPL"), deriveSeed(42, "MSFT"));
  assert.notEqual(deriveSeed(42, "AAPL"), deriveSeed(43, "AAPL"));
  assert.notEqual(deriveSeed(2 ** 40, "AAPL"), deriveSeed(0, "AAPL"));
  assert.notEqual(deriveSeed(-1, "AAPL"), deriveSeed(1, "AAPL"));
});

Deno.test("deriveSeed refuses a seed that is not a safe integer", () => {
  assert.throws(() => deriveSeed(1.5, "AAPL"), /seed must be a safe integer/);
});
