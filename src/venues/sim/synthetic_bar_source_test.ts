import assert from "node:assert/strict";
import type { Bar } from "../../model/mod.ts";
import type { BarStream } from "./bar_source.ts";
import { MS_PER_YEAR } from "./gbm_bar_generator.ts";
import { SyntheticBarSource, type SyntheticBarSourceOptions } from "./synthetic_bar_source.ts";

const START = Date.UTC(2024, 0, 2, 14, 30);
const MINUTE = 60_000;
const DAY = 86_400_000;

function source(overrides: Partial<SyntheticBarSourceOptions> = {}): SyntheticBarSource {
  return new SyntheticBarSource({
    seed: 42,
    start: START,
    barSizeMs: MINUTE,
    bars: 200,
    drift: 0.05,
    volatility: 0.25,
    startPrice: 100,
    ...overrides,
  });
}

function drain(stream: BarStream): Bar[] {
  const bars: Bar[] = [];
  for (let bar = stream.next(); bar !== undefined; bar = stream.next()) bars.push(bar);
  return bars;
}

Deno.test("SyntheticBarSource gives identical bars for the same seed", () => {
  assert.deepEqual(drain(source().open("AAPL")), drain(source().open("AAPL")));
});

Deno.test("SyntheticBarSource gives different bars for a different seed", () => {
  const a = drain(source({ seed: 1 }).open("AAPL")).map((bar) => bar.close);
  const b = drain(source({ seed: 2 }).open("AAPL")).map((bar) => bar.close);
  assert.notDeepEqual(a, b);
});

Deno.test("SyntheticBarSource gives each symbol its own stream, independent of others", () => {
  const alone = drain(source().open("AAPL"));
  const other = source();
  const msft = drain(other.open("MSFT"));
  const aaplAfterMsft = drain(other.open("AAPL"));
  assert.deepEqual(aaplAfterMsft, alone);
  assert.notDeepEqual(msft.map((bar) => bar.close), alone.map((bar) => bar.close));
});

Deno.test("SyntheticBarSource starts at start, spaces bars by the bar size and stops after `bars`", () => {
  const bars = drain(source({ bars: 5 }).open("AAPL"));
  assert.deepEqual(bars.map((bar) => bar.ts), [0, 1, 2, 3, 4].map((i) => START + i * MINUTE));
  assert.equal(bars[0]?.open, 100);
  assert.ok(bars.every((bar) => bar.symbol === "AAPL"));
});

Deno.test("SyntheticBarSource applies per-symbol overrides over the defaults", () => {
  const src = source({ symbolOverrides: { aapl: { startPrice: 180, volatility: 0.5 } } });
  assert.deepEqual(src.paramsFor("AAPL"), { drift: 0.05, volatility: 0.5, startPrice: 180 });
  assert.equal(src.open("AAPL").next()?.open, 180);
  assert.equal(src.open("MSFT").next()?.open, 100);
});

Deno.test("SyntheticBarSource bars keep OHLC invariants and open at the previous close", () => {
  const bars = drain(source({ bars: 50_000, volatility: 1.5, barSizeMs: DAY }).open("VOL"));
  let previous: Bar | undefined;
  for (const bar of bars) {
    assert.ok(bar.high >= Math.max(bar.open, bar.close), `high ${bar.high} at ${bar.ts}`);
    assert.ok(bar.low <= Math.min(bar.open, bar.close), `low ${bar.low} at ${bar.ts}`);
    assert.ok(bar.low > 0, `low ${bar.low}`);
    assert.ok(bar.volume >= 1 && Number.isInteger(bar.volume), `volume ${bar.volume}`);
    if (previous !== undefined) assert.equal(bar.open, previous.close);
    previous = bar;
  }
  assert.ok(
    bars.some((bar) => bar.high > Math.max(bar.open, bar.close)),
    "high never above the body",
  );
  assert.ok(
    bars.some((bar) => bar.low < Math.min(bar.open, bar.close)),
    "low never below the body",
  );
});

Deno.test("SyntheticBarSource log returns estimate the configured drift and volatility", () => {
  const drift = 0.3;
  const volatility = 0.2;
  const count = 36_500; // 100 years of daily bars: drift standard error 0.02
  const bars = drain(source({ bars: count + 1, barSizeMs: DAY, drift, volatility }).open("GBM"));
  const dt = DAY / MS_PER_YEAR;
  const returns = bars.slice(1).map((bar, i) => Math.log(bar.close / (bars[i] as Bar).close));
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  const estimatedVolatility = Math.sqrt(variance / dt);
  const estimatedDrift = mean / dt + estimatedVolatility ** 2 / 2;
  assert.ok(Math.abs(estimatedVolatility - volatility) < 0.01, `volatility ${estimatedVolatility}`);
  assert.ok(Math.abs(estimatedDrift - drift) < 0.08, `drift ${estimatedDrift}`);
});

Deno.test("SyntheticBarSource history ends right before the first bar at the start price", () => {
  const src = source({ symbolOverrides: { AAPL: { startPrice: 180 } } });
  const history = src.history("AAPL", 30, MINUTE);
  assert.equal(history.length, 30);
  assert.equal(history[29]?.close, 180);
  assert.equal(history[29]?.ts, START - MINUTE);
  assert.equal(history[0]?.ts, START - 30 * MINUTE);
  for (let i = 1; i < history.length; i++) {
    assert.equal(history[i]?.open, history[i - 1]?.close);
  }
});

Deno.test("SyntheticBarSource history is deterministic and a shorter one is the tail of a longer one", () => {
  const long = source().history("AAPL", 100, MINUTE);
  assert.deepEqual(source().history("AAPL", 100, MINUTE), long);
  assert.deepEqual(source().history("AAPL", 40, MINUTE), long.slice(60));
  assert.deepEqual(source().history("AAPL", 0, MINUTE), []);
});

Deno.test("SyntheticBarSource rejects invalid settings with the field named", () => {
  assert.throws(() => source({ volatility: -0.1 }), /volatility must be >= 0/);
  assert.throws(() => source({ startPrice: 0 }), /start price must be > 0/);
  assert.throws(() => source({ bars: -1 }), /bars must be an integer >= 0/);
  assert.throws(
    () => source({ symbolOverrides: { AAPL: { startPrice: -5 } } }),
    /AAPL: start price/,
  );
  assert.throws(() => source().history("AAPL", 1.5, MINUTE), /history count/);
  assert.throws(() => source().open(""), /non-empty symbol/);
});

Deno.test("SyntheticBarSource reports its first timestamp, none without bars", () => {
  assert.equal(source().firstTimestamp(), START);
  assert.equal(source({ bars: 0 }).firstTimestamp(), undefined);
});
