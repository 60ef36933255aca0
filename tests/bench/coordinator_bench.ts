/**
 * Coordinator throughput and latency benchmark (`deno task bench`).
 *
 * Replays one-minute bars of 100 symbols through the full coordinator with 10
 * SMA strategies on every symbol (venue replay -> bus -> market data service
 * -> strategies -> intents -> envelope -> RiskGuard -> sim broker fills ->
 * books, with telemetry formatted as JSONL into a discarding sink), and, in
 * the same run, feeds the same bars to the same strategies in a bare loop
 * (the ceiling). Prints bars/s of both, their ratio, and p50/p99 latency from
 * a bar's arrival on the bus to the order it caused reaching the broker.
 *
 * @module
 */
import { createTradingBus, type TradingBus } from "../../src/bus/mod.ts";
import { graphFromObject, type LoadedGraph } from "../../src/config/mod.ts";
import { StrategyCoordinator } from "../../src/coordinator/mod.ts";
import { type Bar, barSizeMs, type PositionEnvelope, toDecimal } from "../../src/model/mod.ts";
import { LiveTradingGuard } from "../../src/risk/mod.ts";
import type { StrategyContext, StrategyInstance } from "../../src/strategy/mod.ts";
import { JsonlTelemetryWriter } from "../../src/telemetry/mod.ts";
import { ArrayBarSource, SimVenue } from "../../src/venues/sim/mod.ts";
import { benchBars, benchGraph, benchSymbols } from "./_bench_data.ts";

const SYMBOLS = 100;
const BARS_PER_SYMBOL = Number(Deno.args[0] ?? 5_000);
/** Timed rounds; each times the bare loop and the coordinator once, the best of each counts. */
const ROUNDS = 5;

function bareInstances(loaded: LoadedGraph): Map<string, StrategyInstance[]> {
  const bySymbol = new Map<string, StrategyInstance[]>();
  const envelope: PositionEnvelope = { maxSize: 1000, maxNotional: toDecimal(10_000_000) };
  for (const node of loaded.config.strategies) {
    const ctx: StrategyContext = {
      id: node.id,
      symbols: node.symbols,
      now: () => 0,
      envelope: () => envelope,
      position: () => 0,
      price: () => undefined,
      isWarm: () => true,
      setTarget: () => {},
      trade: () => {},
      log: () => {},
    };
    const instance = loaded.definitions.get(node.type)!.create(ctx, node.params);
    for (const symbol of node.symbols) {
      const list = bySymbol.get(symbol) ?? [];
      list.push(instance);
      bySymbol.set(symbol, list);
    }
  }
  return bySymbol;
}

function bareLoop(loaded: LoadedGraph, merged: readonly Bar[]): number {
  const bySymbol = bareInstances(loaded);
  const started = performance.now();
  for (let i = 0; i < merged.length; i++) {
    const bar = merged[i]!;
    const list = bySymbol.get(bar.symbol)!;
    for (let j = 0; j < list.length; j++) list[j]!.onBar(bar);
  }
  return performance.now() - started;
}

interface CoordinatorRun {
  readonly ms: number;
  readonly orders: number;
  readonly fills: number;
  readonly riskChecks: number;
  readonly telemetryLines: number;
  readonly latenciesUs: number[];
}

async function coordinatorRun(
  loaded: LoadedGraph,
  perSymbol: Record<string, Bar[]>,
  measureLatency: boolean,
): Promise<CoordinatorRun> {
  const bus: TradingBus = createTradingBus();
  const writer = new JsonlTelemetryWriter(bus, { writeSync: () => {}, close: () => {} }, {
    flushIntervalMs: 0,
  });
  const venueConfig = loaded.config.venue;
  if (venueConfig.type !== "sim") throw new Error("bench graph must use the sim venue");
  const venue = new SimVenue(venueConfig, {
    barSizeMs: barSizeMs(loaded.config.settings.barSize),
    source: new ArrayBarSource(perSymbol),
    yieldEvery: 100_000,
  });
  const latenciesUs: number[] = [];
  let barArrival = 0;
  if (measureLatency) {
    bus.subscribe("bar", () => {
      barArrival = performance.now();
    });
    const submit = venue.broker.submit.bind(venue.broker);
    venue.broker.submit = (order) => {
      latenciesUs.push((performance.now() - barArrival) * 1000);
      return submit(order);
    };
  }
  const coordinator = new StrategyCoordinator({
    graph: loaded.config,
    definitions: loaded.definitions,
    venue,
    liveGuard: new LiveTradingGuard({ liveFlag: false }),
    bus,
  });
  await coordinator.start();
  const started = performance.now();
  await coordinator.run();
  const ms = performance.now() - started;
  await coordinator.stop();
  writer.close();
  return {
    ms,
    orders: coordinator.orders.all().length,
    fills: coordinator.orders.all().filter((o) => o.booked > 0).length,
    riskChecks: coordinator.riskGuard.checkCount,
    telemetryLines: writer.lineCount,
    latenciesUs,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const symbols = benchSymbols(SYMBOLS);
const { perSymbol, merged } = benchBars(symbols, BARS_PER_SYMBOL);
const loaded = await graphFromObject(benchGraph(symbols), { label: "bench", env: () => undefined });
const bars = merged.length;

// One untimed run of each first, so both are measured compiled and warm, not one of them cold.
bareLoop(loaded, merged);
await coordinatorRun(loaded, perSymbol, false);
let bestBare = Number.POSITIVE_INFINITY;
let bestCoordinator: CoordinatorRun | undefined;
for (let round = 0; round < ROUNDS; round++) {
  bestBare = Math.min(bestBare, bareLoop(loaded, merged));
  const run = await coordinatorRun(loaded, perSymbol, false);
  if (bestCoordinator === undefined || run.ms < bestCoordinator.ms) bestCoordinator = run;
}
const latency = await coordinatorRun(loaded, perSymbol, true);
const sorted = [...latency.latenciesUs].sort((a, b) => a - b);
const run = bestCoordinator!;
const coordinatorRate = bars / (run.ms / 1000);
const bareRate = bars / (bestBare / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

console.log(
  `coordinator benchmark: ${SYMBOLS} symbols x ${fmt(BARS_PER_SYMBOL)} bars = ${
    fmt(bars)
  } bars, ${loaded.config.strategies.length} SMA strategies on every symbol (best of ${ROUNDS} after a warm-up)`,
);
console.log(`  full coordinator : ${fmt(coordinatorRate)} bars/s (${run.ms.toFixed(0)} ms)`);
console.log(`  bare loop        : ${fmt(bareRate)} bars/s (${bestBare.toFixed(0)} ms)`);
console.log(
  `  ratio            : ${(coordinatorRate / bareRate).toFixed(2)} of the bare-loop ceiling`,
);
console.log(
  `  orders ${fmt(run.orders)} (${
    (run.orders * 1000 / bars).toFixed(1)
  } per 1000 bars), orders with fills ${fmt(run.fills)}, risk checks ${
    fmt(run.riskChecks)
  }, telemetry lines ${fmt(run.telemetryLines)}`,
);
console.log(
  `  bar -> order latency over ${fmt(sorted.length)} orders: p50 ${
    percentile(sorted, 0.5).toFixed(1)
  } us, p99 ${percentile(sorted, 0.99).toFixed(1)} us, max ${sorted.at(-1)?.toFixed(1)} us`,
);
