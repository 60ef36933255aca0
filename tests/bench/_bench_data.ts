/**
 * Deterministic bars and the graph of the coordinator benchmark.
 *
 * @module
 */
import type { Bar } from "../../src/model/mod.ts";
import { SeededRandom } from "../../src/venues/sim/mod.ts";

/** First bar time: 2024-01-02 14:30 UTC. */
export const BENCH_START = Date.UTC(2024, 0, 2, 14, 30);

/** Symbol names `S000`..`S(n-1)`. */
export function benchSymbols(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `S${String(i).padStart(3, "0")}`);
}

/**
 * One-minute GBM bars per symbol (seeded), and the same bars merged in replay
 * order (by time, then symbol order): what the venue publishes.
 */
export function benchBars(
  symbols: readonly string[],
  barsPerSymbol: number,
  seed = 42,
): { perSymbol: Record<string, Bar[]>; merged: Bar[] } {
  const random = new SeededRandom(seed);
  const sigma = 0.3 / Math.sqrt(252 * 390);
  const perSymbol: Record<string, Bar[]> = {};
  const prices = symbols.map(() => 50 + random.uniform() * 100);
  for (const symbol of symbols) perSymbol[symbol] = [];
  // Allocated in replay order (time-major), as a replay of merged data would be.
  const merged: Bar[] = [];
  for (let i = 0; i < barsPerSymbol; i++) {
    for (let s = 0; s < symbols.length; s++) {
      const symbol = symbols[s]!;
      const open = prices[s]!;
      const close = open * Math.exp(sigma * random.normal());
      prices[s] = close;
      const wiggle = open * sigma * Math.abs(random.normal());
      const bar: Bar = {
        symbol,
        ts: BENCH_START + i * 60_000,
        open,
        high: Math.max(open, close) + wiggle,
        low: Math.min(open, close) - wiggle,
        close,
        volume: 1_000 + Math.floor(random.uniform() * 9_000),
      };
      perSymbol[symbol]!.push(bar);
      merged.push(bar);
    }
  }
  return { perSymbol, merged };
}

/**
 * SMA periods of the ten benchmark strategies, in one-minute bars: from about
 * an hour to two and a half trading days. On the benchmark's random walk each
 * strategy trades a symbol about once a trading day (390 bars), a realistic
 * pace for crossover systems on minute bars.
 */
export const BENCH_PERIODS: readonly (readonly [number, number])[] = [
  [50, 200],
  [100, 300],
  [150, 450],
  [200, 600],
  [80, 210],
  [120, 260],
  [50, 500],
  [100, 1000],
  [200, 500],
  [300, 900],
];

/** The benchmark graph (YAML shape): ten SMA strategies, each on every symbol. */
export function benchGraph(symbols: readonly string[]): Record<string, unknown> {
  return {
    name: "bench",
    venue: { type: "sim" },
    sizing: { max_position: 1000, max_notional: 1_000_000 },
    risk: {
      max_orders_per_minute: 10_000,
      daily_loss_limit: 1_000_000,
      max_gross_exposure: 100_000_000,
      max_symbol_exposure: 10_000_000,
    },
    settings: { bar_size: "1m", telemetry_interval_seconds: 3600 },
    strategies: BENCH_PERIODS.map(([fast, slow], i) => ({
      id: `sma_${i}`,
      type: "sma",
      symbols: [...symbols],
      params: { fast, slow, size: 5, mode: i % 2 === 0 ? "long_only" : "long_short" },
    })),
  };
}
