/**
 * Regression: a seeded random-target strategy on daily bars of four symbols
 * (limit orders that expire after a day, partial fills, envelope clips as
 * prices move) used to leave long-only books short, with two working orders
 * for one strategy and symbol at once.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import type { Bar } from "../../src/model/mod.ts";
import { SeededRandom, type SimVenue } from "../../src/venues/sim/mod.ts";
import { eventsNamed, runScenario } from "./_harness.ts";
import { observedBroker, OrderInvariants, venueWithBroker } from "./_order_invariants.ts";

const DAY = 86_400_000;
const SYMBOLS = ["AAPL", "MSFT", "TSLA", "XOM"];

/** `days` daily bars at 00:00 UTC of a seeded random walk (like a Yahoo daily CSV). */
function dailyWalk(symbol: string, seed: number, days: number): Bar[] {
  const random = new SeededRandom(seed);
  const bars: Bar[] = [];
  let close = 50 + 200 * random.uniform();
  for (let i = 0; i < days; i++) {
    const open = close;
    close = Math.round(open * Math.exp(0.03 * random.normal()) * 100) / 100;
    const high = Math.round(Math.max(open, close) * (1 + 0.01 * random.uniform()) * 100) / 100;
    const low = Math.round(Math.min(open, close) * (1 - 0.01 * random.uniform()) * 100) / 100;
    bars.push({ symbol, ts: Date.UTC(2013, 0, 2) + i * DAY, open, high, low, close, volume: 1e6 });
  }
  return bars;
}

Deno.test("seeded random long-only targets on four daily series never go short, one working order per symbol (regression)", async () => {
  const invariants = new OrderInvariants(["rand_a", "rand_b"]);
  let sim: SimVenue | undefined;
  const { result, events, coordinator } = await runScenario({
    graph: {
      venue: { type: "sim", partial_fill_ratio: "0.5" },
      sizing: { max_position: 40, max_notional: 6000 },
      settings: { bar_size: "1d" },
      strategies: ["rand_a", "rand_b"].map((id, i) => ({
        id,
        type: "random_target",
        symbols: SYMBOLS,
        params: { seed: 260 + i, max: 30, rate: 0.6, limit_share: 0.6, limit_spread: 0.03 },
      })),
    },
    bars: Object.fromEntries(SYMBOLS.map((s, i) => [s, dailyWalk(s, 40 + i, 260)])),
    riskChecks: [invariants.riskCheck],
    wrapVenue: (venue) => {
      sim = venue;
      return venueWithBroker(venue, observedBroker(venue.broker, invariants));
    },
    onBus: (bus) => {
      invariants.attach(bus);
      bus.subscribe("bar", () => invariants.checkBooks(sim!.broker.ledger.positions(), "at a bar"));
    },
    onCoordinator: (c) => invariants.watch(c),
  });
  assertEquals(result?.exitCode, 0);
  const fills = eventsNamed(events, "order.fill").length;
  ok(fills > 260, `expected a busy run, got ${fills} fills`);
  ok(eventsNamed(events, "order.amended").length > 20);
  ok(eventsNamed(events, "order_clipped").length > 20);
  for (const id of ["rand_a", "rand_b"]) {
    for (const symbol of SYMBOLS) {
      ok(coordinator.portfolio.position(id, symbol) >= 0, `${id} ${symbol}`);
    }
  }
  invariants.finish();
  assertEquals(coordinator.riskGuard.checkCount, invariants.sends);
});
