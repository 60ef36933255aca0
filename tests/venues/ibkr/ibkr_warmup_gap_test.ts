/**
 * Regression of issue 7 over the real IB client and a FakeTws: the 5-second
 * real-time bars TWS sends while warmup history is being fetched are not lost
 * (the live stream used to start with a gap after warmup).
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { ManualClock } from "../../../src/model/mod.ts";
import { FakeTws, sanitizedTest, syntheticHistoricalBars } from "../../fake_tws/mod.ts";
import { logs, startIbkrRun, T0 } from "./_harness.ts";

const NOW = T0 + 600_000;
const SECOND = 1000;

sanitizedTest(
  "real-time bars that arrive during warmup reach the strategy after the history bars, once each, with no gap",
  async () => {
    const clock = new ManualClock(NOW);
    const pushFiveSecondBars = (symbol: string, from: number, to: number) => {
      for (let ts = from; ts < to; ts += 5 * SECOND) {
        tws.pushRealTimeBar(symbol, {
          time: ts / SECOND,
          open: 100,
          high: 101,
          low: 99,
          close: 100,
          volume: 1,
        });
      }
    };
    await using tws = await FakeTws.start({
      clock,
      historicalBars: (query) => {
        // Both symbols are subscribed before warmup asks for history: while the
        // request is served, the live stream moves on, from inside the period
        // of the last history bar (NOW - 15 s) to two 15-s bars past it.
        pushFiveSecondBars(query.symbol, NOW - 10 * SECOND, NOW + 30 * SECOND);
        return syntheticHistoricalBars(query);
      },
    });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "15s", heartbeat_timeout_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL", "MSFT"],
          warmup_bars: 4,
          params: { log_bars: true },
        }],
      },
      venueOptions: { clock },
    });
    try {
      for (const symbol of ["AAPL", "MSFT"]) {
        pushFiveSecondBars(symbol, NOW + 30 * SECOND, NOW + 45 * SECOND);
      }
      const seen = (symbol: string) =>
        logs(run.events, "s", "bar").filter((e) => e.symbol === symbol).map((e) => e.bar_ts);
      const last = NOW + 30 * SECOND;
      await run.waitFor(
        () => seen("AAPL").includes(last) && seen("MSFT").includes(last) || undefined,
        "the bar after run() of each symbol",
      );
      const expected = [-60, -45, -30, -15, 0, 15, 30].map((s) => NOW + s * SECOND);
      assertEquals([seen("AAPL"), seen("MSFT")], [expected, expected]);
      assertEquals(run.coordinator.data.barDelivery("AAPL"), {
        buffered: 0,
        flushed: 2,
        droppedDuplicates: 1,
        droppedOverflow: 0,
      });
    } finally {
      await run.finish();
    }
  },
);
