import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { type Bar, Decimal, type IntentOptions, type StrategyContext } from "../src/mod.ts";
import sma, { exampleParams } from "./sma.ts";

interface RecordedTarget {
  readonly bar: number;
  readonly symbol: string;
  readonly quantity: number;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
}

/** A StrategyContext that records setTarget calls; `warmFrom` is the first warm bar index. */
function fakeContext(options: { symbols?: string[]; maxSize?: number; warmFrom?: number } = {}) {
  const targets: RecordedTarget[] = [];
  let barIndex = -1;
  const ctx: StrategyContext = {
    id: "sma_test",
    symbols: options.symbols ?? ["AAPL"],
    now: () => barIndex * 60_000,
    envelope: () => ({ maxSize: options.maxSize ?? 50, maxNotional: new Decimal(1_000_000) }),
    position: () => 0,
    price: () => undefined,
    isWarm: () => barIndex >= (options.warmFrom ?? 0),
    setTarget(symbol: string, quantity: number, intent?: IntentOptions) {
      targets.push({ bar: barIndex, symbol, quantity, metadata: intent?.metadata });
    },
    trade() {
      throw new Error("the SMA strategy states targets only");
    },
    log() {},
  };
  const feed = (instance: { onBar(bar: Bar): void }, closes: number[], symbol = "AAPL") => {
    for (const close of closes) {
      barIndex++;
      instance.onBar({
        symbol,
        ts: barIndex * 60_000,
        open: close,
        high: close,
        low: close,
        close,
        volume: 1,
      });
    }
  };
  return { ctx, targets, feed };
}

// fast 2 / slow 3 over these closes (hand-computed):
// bar 2: fast 8.5 < slow 9      -> first regime (below), no intent
// bar 4: fast 10 > slow 9.333   -> cross above
// bar 6: fast 11 = slow 11      -> equal, regime kept
// bar 7: fast 9 < slow 10       -> cross below
// bar 9: fast 10.5 > slow 9.667 -> cross above
const CLOSES = [10, 9, 8, 9, 11, 12, 10, 8, 9, 12];

Deno.test("sma states +size on a cross above and 0 on a cross below in long_only mode", () => {
  const { ctx, targets, feed } = fakeContext();
  feed(sma.create(ctx, sma.params.parse({ fast: 2, slow: 3, size: 100 })), CLOSES);
  assertEquals(targets.map((t) => [t.bar, t.quantity]), [[4, 100], [7, 0], [9, 100]]);
  assertEquals(targets[0]?.metadata, { fast: 10, slow: 28 / 3 });
  assertEquals(targets[1]?.metadata, { fast: 9, slow: 10 });
});

Deno.test("sma states -size on a cross below in long_short mode", () => {
  const { ctx, targets, feed } = fakeContext();
  const params = sma.params.parse({ fast: 2, slow: 3, size: 100, mode: "long_short" });
  feed(sma.create(ctx, params), CLOSES);
  assertEquals(targets.map((t) => [t.bar, t.quantity]), [[4, 100], [7, -100], [9, 100]]);
});

Deno.test("sma sizes positions from the envelope when size is not given", () => {
  const { ctx, targets, feed } = fakeContext({ maxSize: 37 });
  feed(sma.create(ctx, sma.params.parse({ fast: 2, slow: 3 })), CLOSES);
  assertEquals(targets.map((t) => t.quantity), [37, 0, 37]);
});

Deno.test("sma does not buy into the trend it finds at start", () => {
  const { ctx, targets, feed } = fakeContext();
  feed(sma.create(ctx, sma.params.parse({ fast: 2, slow: 3, size: 10 })), [1, 2, 3, 4, 5, 6, 7]);
  assertEquals(targets, []);
});

Deno.test("sma states a cross seen during warmup on the first warm bar", () => {
  const { ctx, targets, feed } = fakeContext({ warmFrom: 6 });
  feed(sma.create(ctx, sma.params.parse({ fast: 2, slow: 3, size: 100 })), CLOSES);
  assertEquals(targets.map((t) => [t.bar, t.quantity]), [[6, 100], [7, 0], [9, 100]]);
});

Deno.test("sma keeps one pair of averages per symbol and ignores other symbols", () => {
  const { ctx, targets, feed } = fakeContext({ symbols: ["AAPL", "MSFT"] });
  const instance = sma.create(ctx, sma.params.parse({ fast: 2, slow: 3, size: 5 }));
  feed(instance, CLOSES.slice(0, 5), "AAPL");
  feed(instance, [1, 2, 3, 4, 5], "MSFT");
  feed(instance, [10, 9, 8, 9, 11], "TSLA");
  assertEquals(targets.map((t) => [t.symbol, t.quantity]), [["AAPL", 5]]);
});

Deno.test("sma params: slow must be greater than fast, mode defaults to long_only", () => {
  const bad = sma.params.safeParse({ fast: 30, slow: 10 });
  assertEquals(bad.success, false);
  assertEquals(bad.error?.issues.map((issue) => [issue.path, issue.message]), [
    [["slow"], "must be greater than fast (30), got 10"],
  ]);
  assertEquals(sma.params.parse(exampleParams).mode, "long_only");
  assertEquals(sma.params.safeParse({ fast: 2, slow: 3, sizee: 1 }).success, false);
  assertThrows(() => sma.params.parse({ fast: 0, slow: 3 }));
});
