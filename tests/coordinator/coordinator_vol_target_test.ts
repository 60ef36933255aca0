/**
 * The coordinator hands vol_target its venue's calendar: a graph on the
 * synthetic feed (always open, GBM in continuous time) measures the feed's
 * volatility as configured at any bar size, where it read 0.108 for 0.25 at
 * 1m when every feed was annualised in US equity trading time.
 */
import { ok as assert } from "node:assert/strict";
import type { VolTargetPolicy } from "../../src/allocation/mod.ts";
import { eventsNamed, runScenario } from "./_harness.ts";

/** 5,000 returns: a relative standard error of 1%; five of them allowed. */
const LOOKBACK = 5000;

async function syntheticVolatility(barSize: string): Promise<{ vol: number; reason: string }> {
  const { coordinator, events, result } = await runScenario({
    graph: {
      venue: { type: "sim", bars: LOOKBACK + 1, seed: 5, volatility: 0.25, start_price: 1000 },
      settings: { bar_size: barSize },
      strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], max_position: 10 }],
      capital_policy: { type: "vol_target", target_vol: 0.15, lookback_bars: LOOKBACK },
    },
  });
  assert(result?.reason === "end_of_data", String(result?.reason));
  const vol = (coordinator.policy as VolTargetPolicy).realizedVolatility("AAPL") as number;
  const refresh = eventsNamed(events, "strategy.coordinator").filter((e) =>
    e.kind === "allocation" && e.stage === "refresh"
  );
  return { vol, reason: String(refresh.at(-1)?.reason) };
}

Deno.test("a synthetic-feed graph's vol_target measures the feed's 0.25 volatility at 1m and 1d, annualised on the always-open calendar", async () => {
  const minute = await syntheticVolatility("1m");
  assert(Math.abs(minute.vol / 0.25 - 1) < 0.05, `1m: ${minute.vol}`);
  assert(
    minute.reason.includes("(annualised over 525960 bars a year, always_open)"),
    minute.reason,
  );
  const daily = await syntheticVolatility("1d");
  assert(Math.abs(daily.vol / 0.25 - 1) < 0.05, `1d: ${daily.vol}`);
  assert(daily.reason.includes("(annualised over 365.25 bars a year, always_open)"), daily.reason);
});
