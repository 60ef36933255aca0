/**
 * One suite run over every strategy module in strategies/: the default export
 * is a StrategyDefinition, the module exports `exampleParams` that its schema
 * accepts, and `create()` returns an instance whose `onBar` takes bars.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isStrategyDefinition, listStrategyTypes } from "../../src/config/mod.ts";
import { Decimal, type StrategyContext } from "../../src/mod.ts";

const STRATEGIES_DIR = "strategies";

function conformanceContext(symbols: string[]): StrategyContext {
  return {
    id: "conformance",
    symbols,
    now: () => 0,
    envelope: () => ({ maxSize: 10, maxNotional: new Decimal(10_000) }),
    position: () => 0,
    price: () => undefined,
    isWarm: () => true,
    setTarget: () => {},
    trade: () => {},
    log: () => {},
  };
}

const types = await listStrategyTypes(STRATEGIES_DIR);

Deno.test("strategies/ holds at least the sma strategy", () => {
  ok(types.includes("sma"), `types: ${types.join(", ")}`);
});

for (const type of types) {
  Deno.test(`strategy ${type}: default export is a StrategyDefinition with a working example`, async () => {
    const module = await import(pathToFileURL(join(Deno.cwd(), STRATEGIES_DIR, `${type}.ts`)).href);
    ok(isStrategyDefinition(module.default), "default export must come from defineStrategy()");
    ok(
      typeof module.exampleParams === "object" && module.exampleParams !== null,
      "the module must export `exampleParams`",
    );
    const parsed = module.default.params.safeParse(module.exampleParams);
    assertEquals(parsed.error?.issues, undefined);
    const instance = module.default.create(conformanceContext(["AAPL"]), parsed.data);
    assertEquals(typeof instance?.onBar, "function");
    for (let i = 0; i < 200; i++) {
      const close = 100 + Math.sin(i / 7) * 5;
      instance.onBar({
        symbol: "AAPL",
        ts: i * 60_000,
        open: close,
        high: close,
        low: close,
        close,
        volume: 100,
      });
    }
  });
}
