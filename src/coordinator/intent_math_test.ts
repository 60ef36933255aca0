import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { type OrderIntent, toDecimal } from "../model/mod.ts";
import { clipToEnvelope, requestedTarget } from "./intent_math.ts";

const envelope = { maxSize: 300, maxNotional: toDecimal(20_000) };

function intent(type: OrderIntent["type"], quantity: number): OrderIntent {
  return { strategyId: "s", symbol: "AAPL", type, quantity, ts: 0 };
}

Deno.test("target_position asks for the stated position whatever is held or working", () => {
  assertEquals(requestedTarget(intent("target_position", 100), 40, 20), 100);
});

Deno.test("market_delta adds to position plus working orders", () => {
  assertEquals(requestedTarget(intent("market_delta", -30), 100, 20), 90);
});

Deno.test("fractional share intents are truncated toward zero", () => {
  assertEquals(requestedTarget(intent("target_position", -10.9), 0, 0), -10);
  assertEquals(requestedTarget(intent("market_delta", 7.9), 5, 0), 12);
});

Deno.test("a target above max_size is clipped to max_size with the sign kept", () => {
  assertEquals(clipToEnvelope(-1000, envelope, 10), { target: -300, clippedBy: "max_size" });
});

Deno.test("a target whose value exceeds max_notional is clipped to whole shares within it", () => {
  assertEquals(clipToEnvelope(250, envelope, 99), { target: 202, clippedBy: "max_notional" });
});

Deno.test("without a price only the size bound clips", () => {
  assertEquals(clipToEnvelope(100, envelope, undefined), { target: 100 });
});

Deno.test("notional clipping is exact where float division is not (0.3 / 0.1 allows 3 shares)", () => {
  const tiny = { maxSize: 100, maxNotional: toDecimal("0.3") };
  assertEquals(clipToEnvelope(5, tiny, 0.1), { target: 3, clippedBy: "max_notional" });
  assertEquals(clipToEnvelope(3, tiny, 0.1), { target: 3 });
});
