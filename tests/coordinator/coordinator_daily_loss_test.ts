/**
 * The daily loss limit on the coordinator: each session is judged from the
 * previous session's close, exactly.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { Bar } from "../../src/model/mod.ts";
import { eventsNamed, minuteBars, runScenario } from "./_harness.ts";

const DAY = 86_400_000;

/** A daily bar at 00:00 UTC, `day` days after 2024-01-02. */
function dailyBar(symbol: string, day: number, open: number, close: number): Bar {
  return {
    symbol,
    ts: Date.UTC(2024, 0, 2) + day * DAY,
    open,
    high: Math.max(open, close),
    low: Math.min(open, close),
    close,
    volume: 1_000,
  };
}

/** Daily bars with the given closes (open = previous close). */
function dailyBars(symbol: string, closes: readonly number[]): Bar[] {
  return closes.map((close, i) =>
    dailyBar(symbol, i, i === 0 ? close : closes[i - 1] as number, close)
  );
}

Deno.test("on daily bars each day's loss is measured from the previous close and trips the limit (regression)", async () => {
  // Reproduction: each daily bar is its own session, and the baseline used to be taken after the
  // bar's close was marked, so no day ever showed a loss. Holding 100 shares, day 5 loses 300.
  const { events } = await runScenario({
    graph: {
      sizing: { max_position: 1000, max_notional: 1000000 },
      risk: { daily_loss_limit: 250 },
      settings: { bar_size: "1d" },
      strategies: [{
        id: "s",
        type: "scripted",
        symbols: ["TSLA"],
        params: {
          script: [
            { bar: 1, symbol: "TSLA", target: 100 },
            { bar: 5, symbol: "TSLA", target: 150 },
            { bar: 6, symbol: "TSLA", target: 150 },
          ],
        },
      }],
    },
    bars: { TSLA: dailyBars("TSLA", [100, 100, 101, 99, 96, 97, 98]) },
  });
  const states = eventsNamed(events, "strategy.coordinator").filter((e) =>
    e.kind === "trading_state"
  );
  assertEquals(states.map((e) => [e.to, new Date(e.ts).toISOString().slice(0, 10)]), [
    ["REDUCING", "2024-01-06"],
    ["ACTIVE", "2024-01-07"],
  ]);
  assert(String(states[0]?.reason).startsWith("session PnL -300 (account PnL"));
  const denied = eventsNamed(events, "risk.denied", "s");
  assertEquals(denied.map((e) => e.rule), ["daily_loss"]);
  // Day 6 is a new session: the same target goes through.
  const orders = eventsNamed(events, "coordinator.intent_fulfilled", "s");
  assertEquals(orders.map((e) => String(e.quantity)), ["100", "50"]);
});

Deno.test("the daily loss is judged on the exact books, not a float estimate (regression)", async () => {
  // BUY 1 at 127.02 marked at 27.02 with a 1.00 commission: exactly -101. The float cash-flow
  // estimate is -100.99999999999999, which let a risk-increasing order pass at a 101 limit.
  const { events, coordinator } = await runScenario({
    graph: {
      risk: { daily_loss_limit: 101 },
      strategies: [{
        id: "s",
        type: "scripted",
        symbols: ["AAPL"],
        params: {
          script: [
            { bar: 1, symbol: "AAPL", target: 1 },
            { bar: 2, symbol: "AAPL", target: 2 },
          ],
        },
      }],
    },
    bars: { AAPL: minuteBars("AAPL", [127.02, 27.02, 27.02]) },
  });
  assertEquals(coordinator.portfolio.marketNetPnlEstimate(), -100.99999999999999);
  assertEquals(coordinator.portfolio.marketNetPnl().toString(), "-101");
  const denied = eventsNamed(events, "risk.denied", "s");
  assertEquals(denied.map((e) => e.rule), ["daily_loss"]);
  assert(
    String(denied[0]?.reason).startsWith(
      "trading is REDUCING after session PnL -101 (account PnL -101 now, 0 at the previous session's close) reached daily_loss_limit 101",
    ),
  );
});

for (
  const [name, bars, breach] of [
    [
      "a gap up bought at the open and lost by the close counts against the day (regression)",
      [[100, 100], [110, 100]],
      true,
    ],
    [
      "a gap down bought at the open is not a loss of the day it was bought on (regression)",
      [[100, 100], [90, 90]],
      false,
    ],
  ] as const
) {
  Deno.test(`daily loss: ${name}`, async () => {
    // Replays fill at a bar's open before the bar is published: the session must start before
    // those fills, or the day's opening trades land in its baseline.
    const { events, coordinator } = await runScenario({
      graph: {
        sizing: { max_position: 1000, max_notional: 1000000 },
        risk: { daily_loss_limit: 500 },
        settings: { bar_size: "1d" },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["TSLA"],
          params: { script: [{ bar: 1, symbol: "TSLA", target: 100 }] },
        }],
      },
      bars: { TSLA: bars.map(([open, close], i) => dailyBar("TSLA", i, open, close)) },
    });
    const opened = (bars[1]?.[0] ?? 0) as number;
    const closed = (bars[1]?.[1] ?? 0) as number;
    // 100 shares bought at the open, marked at the close, 1.00 commission.
    assertEquals(
      coordinator.riskGuard.sessionPnl().toString(),
      String(100 * (closed - opened) - 1),
    );
    const states = eventsNamed(events, "strategy.coordinator").filter((e) =>
      e.kind === "trading_state"
    );
    assertEquals(states.map((e) => e.to), breach ? ["REDUCING"] : []);
  });
}
