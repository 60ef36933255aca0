/**
 * Throughput check of the sim venue's replay loop plus broker (no orders) from
 * an ArrayBarSource to one no-op bus subscriber. Prints bars/s; not a test.
 *
 * Run: `deno run --allow-read=. tests/venues/sim/replay_throughput.ts [symbols] [barsPerSymbol]`
 *
 * @module
 */
import { createTradingBus } from "../../../src/bus/mod.ts";
import type { Bar } from "../../../src/model/mod.ts";
import { ArrayBarSource, SimVenue, simVenueOptions } from "../../../src/venues/sim/mod.ts";

const BAR_SIZE_MS = 60_000;

/**
 * Prebuilt bars: `symbols` symbols x `perSymbol` bars sharing timestamps.
 * `layout: "time"` allocates them in replay order (as a loader reading a
 * merged feed would), `"symbol"` one symbol after another; the replay visits
 * them in time order either way, so the first has far better memory locality.
 */
function buildBars(
  symbols: number,
  perSymbol: number,
  layout: "time" | "symbol",
): Record<string, Bar[]> {
  const names = Array.from({ length: symbols }, (_, s) => `S${s}`);
  const lists = names.map(() => new Array<Bar>(perSymbol));
  const prices = names.map((_, s) => 100 + s);
  const make = (s: number, i: number) => {
    const price = prices[s] as number;
    const next = price * (1 + ((i * 7919 + s) % 11 - 5) / 10_000);
    (lists[s] as Bar[])[i] = {
      symbol: names[s] as string,
      ts: i * BAR_SIZE_MS,
      open: price,
      high: Math.max(price, next) + 0.01,
      low: Math.min(price, next) - 0.01,
      close: next,
      volume: 1000,
    };
    prices[s] = next;
  };
  if (layout === "time") {
    for (let i = 0; i < perSymbol; i++) for (let s = 0; s < symbols; s++) make(s, i);
  } else {
    for (let s = 0; s < symbols; s++) for (let i = 0; i < perSymbol; i++) make(s, i);
  }
  return Object.fromEntries(names.map((name, s) => [name, lists[s] as Bar[]]));
}

/** Replays `barsBySymbol` once through a fresh venue; returns bars and seconds. */
async function replayOnce(
  barsBySymbol: Record<string, Bar[]>,
): Promise<{ bars: number; seconds: number }> {
  const venue = new SimVenue(simVenueOptions(), {
    barSizeMs: BAR_SIZE_MS,
    source: new ArrayBarSource(barsBySymbol),
  });
  const bus = createTradingBus();
  let seen = 0;
  bus.subscribe("bar", () => {
    seen++;
  });
  await venue.connect(bus);
  for (const symbol of Object.keys(barsBySymbol)) await venue.marketData.subscribe(symbol);
  const started = performance.now();
  await venue.run(new AbortController().signal);
  const seconds = (performance.now() - started) / 1000;
  await venue.close();
  if (seen !== venue.barsPublished) {
    throw new Error(`subscriber saw ${seen} of ${venue.barsPublished} bars`);
  }
  return { bars: venue.barsPublished, seconds };
}

const symbols = Number(Deno.args[0] ?? 100);
const perSymbol = Number(Deno.args[1] ?? 100_000);
const format = (rate: number) => `${(rate / 1e6).toFixed(2)}M bars/s`;
await replayOnce(buildBars(symbols, 2_000, "time")); // warm up the JIT
for (const layout of ["time", "symbol"] as const) {
  const barsBySymbol = buildBars(symbols, perSymbol, layout);
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const { bars, seconds } = await replayOnce(barsBySymbol);
    runs.push(bars / seconds);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `sim replay + broker (no orders), ${symbols} symbols x ${perSymbol} bars, ${layout}-ordered allocation: ` +
      `median ${format(runs[2] as number)} (min ${format(runs[0] as number)}, max ${
        format(runs[4] as number)
      })`,
  );
}
