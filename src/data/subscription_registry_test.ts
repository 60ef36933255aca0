import { deepStrictEqual as assertEquals, rejects as assertRejects } from "node:assert/strict";
import { SubscriptionRegistry, type SubscriptionTarget } from "./subscription_registry.ts";

function recordingTarget(failFor: ReadonlySet<string> = new Set()): SubscriptionTarget & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    subscribe(symbol) {
      calls.push(`sub ${symbol}`);
      return failFor.has(symbol)
        ? Promise.reject(new Error(`no security definition for ${symbol}`))
        : Promise.resolve();
    },
    unsubscribe(symbol) {
      calls.push(`unsub ${symbol}`);
      return Promise.resolve();
    },
  };
}

Deno.test("SubscriptionRegistry subscribes a symbol once for its first subscriber and unsubscribes once after its last", async () => {
  const target = recordingTarget();
  const registry = new SubscriptionRegistry(target);
  await registry.acquire("AAPL");
  await registry.acquire("AAPL");
  await registry.acquire("MSFT");
  assertEquals(registry.count("AAPL"), 2);
  assertEquals(await registry.release("AAPL"), false);
  assertEquals(await registry.release("AAPL"), true);
  assertEquals(await registry.release("AAPL"), false);
  assertEquals(target.calls, ["sub AAPL", "sub MSFT", "unsub AAPL"]);
  assertEquals(registry.symbols(), ["MSFT"]);
});

Deno.test("SubscriptionRegistry shares one in-flight subscribe among concurrent acquires", async () => {
  const target = recordingTarget();
  const registry = new SubscriptionRegistry(target);
  await Promise.all([registry.acquire("AAPL"), registry.acquire("AAPL"), registry.acquire("AAPL")]);
  assertEquals(target.calls, ["sub AAPL"]);
  assertEquals(registry.count("AAPL"), 3);
});

Deno.test("SubscriptionRegistry leaves no subscriber behind when the venue refuses a symbol", async () => {
  const target = recordingTarget(new Set(["XXXX"]));
  const registry = new SubscriptionRegistry(target);
  await assertRejects(() => registry.acquire("XXXX"), /no security definition/);
  assertEquals(registry.count("XXXX"), 0);
  assertEquals(await registry.release("XXXX"), false);
  assertEquals(target.calls, ["sub XXXX"]);
});
