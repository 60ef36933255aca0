import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type OrderIntent, toDecimal } from "../model/mod.ts";
import { clipToEnvelope, resolveIntent } from "./intent_math.ts";

const envelope = { maxSize: 300, maxNotional: toDecimal(20_000) };

function intent(type: OrderIntent["type"], quantity: number): OrderIntent {
  return { strategyId: "s", symbol: "AAPL", type, quantity, ts: 0 };
}

Deno.test("target_position orders the difference between target and position", () => {
  const r = resolveIntent(intent("target_position", 100), {
    position: 40,
    working: 0,
    envelope,
    price: 50,
  });
  assertEquals(r, { requestedTarget: 100, target: 100, delta: 60 });
});

Deno.test("target_position counts working orders so a repeated target does not double-order", () => {
  const r = resolveIntent(intent("target_position", 100), {
    position: 0,
    working: 100,
    envelope,
    price: 50,
  });
  assertEquals(r.delta, 0);
});

Deno.test("target_position that reverses a working order orders only the remaining difference", () => {
  const r = resolveIntent(intent("target_position", -50), {
    position: 20,
    working: 80,
    envelope,
    price: 50,
  });
  assertEquals(r.delta, -150);
});

Deno.test("market_delta adds to position plus working orders", () => {
  const r = resolveIntent(intent("market_delta", -30), {
    position: 100,
    working: 20,
    envelope,
    price: 50,
  });
  assertEquals(r, { requestedTarget: 90, target: 90, delta: -30 });
});

Deno.test("a target above max_size is clipped to max_size with the sign kept", () => {
  const r = resolveIntent(intent("target_position", -1000), {
    position: 0,
    working: 0,
    envelope,
    price: 10,
  });
  assertEquals(r, { requestedTarget: -1000, target: -300, delta: -300, clippedBy: "max_size" });
});

Deno.test("a target whose value exceeds max_notional is clipped to whole shares within it", () => {
  assertEquals(clipToEnvelope(250, envelope, 99), { target: 202, clippedBy: "max_notional" });
});

Deno.test("market_delta beyond the envelope orders only up to the envelope", () => {
  const r = resolveIntent(intent("market_delta", 500), {
    position: 250,
    working: 0,
    envelope,
    price: 10,
  });
  assertEquals(r, { requestedTarget: 750, target: 300, delta: 50, clippedBy: "max_size" });
});

Deno.test("fractional share intents are truncated toward zero", () => {
  const r = resolveIntent(intent("target_position", -10.9), {
    position: 0,
    working: 0,
    envelope,
    price: 10,
  });
  assertEquals(r.delta, -10);
});

Deno.test("without a price only the size bound clips", () => {
  assertEquals(clipToEnvelope(100, envelope, undefined), { target: 100 });
});

Deno.test("notional clipping is exact where float division is not (0.3 / 0.1 allows 3 shares)", () => {
  const tiny = { maxSize: 100, maxNotional: toDecimal("0.3") };
  assertEquals(clipToEnvelope(5, tiny, 0.1), { target: 3, clippedBy: "max_notional" });
  assertEquals(clipToEnvelope(3, tiny, 0.1), { target: 3 });
});
