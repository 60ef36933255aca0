import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { ManualClock, type Tick } from "../../../src/model/mod.ts";
import { IB_HISTORICAL_PACING } from "../../../src/venues/ibkr/historical_pacing.ts";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { logs, named, startIbkrRun, T0 } from "./_harness.ts";

const NOW = T0 + 600_000;

sanitizedTest(
  "warmup history is requested and fed before trading, then 5-s bars are aggregated to the graph's bar size",
  async () => {
    const clock = new ManualClock(NOW);
    await using tws = await FakeTws.start({ clock, fillPrices: { AAPL: 101 } });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "15s", heartbeat_timeout_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          warmup_bars: 4,
          params: {
            log_bars: true,
            script: [{ bar: 2, symbol: "AAPL", target: 1 }, { bar: 5, symbol: "AAPL", target: 3 }],
          },
        }],
      },
      venueOptions: { clock },
    });
    try {
      const history = tws.requests("REQ_HISTORICAL_DATA");
      assertEquals(
        history.map((r) => [
          r.barSize,
          r.duration,
          r.endDateTime,
          r.whatToShow,
          r.useRTH,
          r.formatDate,
          r.keepUpToDate,
        ]),
        [["15 secs", "14400 S", "", "TRADES", false, 2, false]],
      );
      const warm = logs(run.events, "s", "bar");
      assertEquals(warm.map((e) => e.bar_ts), [
        NOW - 60_000,
        NOW - 45_000,
        NOW - 30_000,
        NOW - 15_000,
      ]);
      ok(
        named(run.events, "strategy.lifecycle", "s").some((e) => e.phase === "warm"),
        "the strategy is warm before live data",
      );
      assertEquals(tws.count("PLACE_ORDER"), 0);

      await tws.waitFor("REQ_REAL_TIME_BARS");
      const fiveSecond = [
        { open: 100, high: 101, low: 99.5, close: 100.5, volume: 10 },
        { open: 100.5, high: 102, low: 100, close: 101, volume: 20 },
        { open: 101, high: 101.5, low: 98, close: 99, volume: 30 },
      ];
      fiveSecond.forEach((bar, i) =>
        tws.pushRealTimeBar("AAPL", { time: NOW / 1000 + i * 5, ...bar })
      );
      const live = await run.waitFor(() => logs(run.events, "s", "bar")[4], "the first live bar");
      assertEquals(
        [live.bar_ts, live.open, live.high, live.low, live.close, live.volume],
        [NOW, 100, 102, 98, 99, 60],
      );
      const order = await tws.waitFor("PLACE_ORDER");
      assertEquals([order.action, order.totalQuantity.toString()], ["BUY", "3"]);
      assertEquals(named(run.events, "coordinator.intent_ignored", "s").map((e) => e.reason), [
        "warmup",
      ]);
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest(
  "a graph bar size IB does not offer is built from the largest IB size that divides it",
  async () => {
    const clock = new ManualClock(NOW);
    await using tws = await FakeTws.start({ clock });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "45s", heartbeat_timeout_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["MSFT"],
          warmup_bars: 3,
          params: { log_bars: true },
        }],
      },
      venueOptions: { clock },
    });
    try {
      assertEquals(tws.requests("REQ_HISTORICAL_DATA").map((r) => r.barSize), ["15 secs"]);
      const bars = logs(run.events, "s", "bar");
      assertEquals(bars.length, 3);
      const starts = bars.map((e) => e.bar_ts as number);
      for (const [i, ts] of starts.entries()) {
        assertEquals(ts % 45_000, 0);
        if (i > 0) assertEquals(ts - (starts[i - 1] as number), 45_000);
      }
      ok((starts[2] as number) + 45_000 <= NOW, "only completed bars");
      ok((starts[2] as number) + 90_000 > NOW, "the most recent completed bar");
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest(
  "delayed market data: type 3, delayed ticks reach the bus, and 5-s bars are built from trades",
  async () => {
    const clock = new ManualClock(NOW);
    await using tws = await FakeTws.start({ clock });
    const run = await startIbkrRun({
      tws,
      venue: { market_data_type: "delayed" },
      graph: {
        settings: { bar_size: "15s", heartbeat_timeout_seconds: 600 },
        strategies: [{ id: "s", type: "scripted", symbols: ["AAPL"], params: { log_bars: true } }],
      },
      venueOptions: { clock },
    });
    const ticks: Tick[] = [];
    run.bus.subscribe("tick", (tick) => ticks.push(tick));
    try {
      assertEquals(tws.requests("REQ_MARKET_DATA_TYPE").map((r) => r.marketDataType), [3]);
      await tws.waitFor("REQ_MKT_DATA");
      tws.pushTickSize("AAPL", { kind: "bid", size: 500 });
      tws.pushTick("AAPL", { kind: "bid", price: 189.9 });
      tws.pushTick("AAPL", { kind: "ask", price: 190.1, size: 300 });
      clock.set(NOW + 1000);
      tws.pushTick("AAPL", { kind: "last", price: 190, size: 100 });
      await run.waitFor(() => ticks.length >= 3 || undefined, "three ticks");
      assertEquals(ticks.map((t) => [t.symbol, t.kind, t.price, t.size]), [
        ["AAPL", "bid", 189.9, 500],
        ["AAPL", "ask", 190.1, 300],
        ["AAPL", "last", 190, 100],
      ]);
      assertEquals(run.coordinator.data.price("AAPL"), 190);
      for (const [offset, price] of [[6000, 191], [11_000, 189], [16_000, 192]] as const) {
        clock.set(NOW + offset);
        const before = ticks.length;
        tws.pushTick("AAPL", { kind: "last", price, size: 10 });
        await run.waitFor(() => ticks.length > before || undefined, `the trade at +${offset} ms`);
      }
      const bar = await run.waitFor(() => logs(run.events, "s", "bar")[0], "a 15-s bar from ticks");
      assertEquals([bar.bar_ts, bar.open, bar.high, bar.low, bar.close, bar.volume], [
        NOW,
        190,
        191,
        189,
        189,
        120,
      ]);
      assertEquals(tws.count("REQ_REAL_TIME_BARS"), 0);
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest(
  "an identical historical request within the pacing gap is queued, not failed",
  async () => {
    await using tws = await FakeTws.start();
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "1m", heartbeat_timeout_seconds: 600 },
        strategies: [{ id: "s", type: "scripted", symbols: ["SPY"], params: { log_bars: true } }],
      },
      venueOptions: { historicalPacing: { ...IB_HISTORICAL_PACING, identicalGapMs: 300 } },
    });
    try {
      const [first, second] = await Promise.all([
        run.venue.marketData.history("SPY", 5, 60_000),
        run.venue.marketData.history("SPY", 5, 60_000),
      ]);
      assertEquals([first.length, second.length], [5, 5]);
      const requests = tws.requests("REQ_HISTORICAL_DATA");
      assertEquals(requests.length, 2);

      ok((requests[1]?.at ?? 0) - (requests[0]?.at ?? 0) >= 290, "the second waited for the gap");
      assertEquals(run.health.filter((h) => h.kind === "pacing").map((h) => h.symbol), ["SPY"]);
    } finally {
      await run.finish();
    }
  },
);

sanitizedTest(
  "warmup pages back through history, across an empty page, until it has enough bars",
  async () => {
    const DAY = 86_400_000;
    const today = Date.UTC(2025, 0, 20);
    const clock = new ManualClock(today + 12 * 3_600_000);
    const dayBar = (ts: number, close: number) => ({
      time: ts / 1000,
      open: close,
      high: close + 1,
      low: close - 1,
      close,
    });
    let page = 0;
    await using tws = await FakeTws.start({
      clock,
      historicalBars: (query) => {
        page++;
        const last = Math.floor(query.endMs / DAY) * DAY - DAY;
        if (page === 2) return [];
        return [2, 1, 0].map((back) => dayBar(last - back * DAY, 100 + page * 10 - back));
      },
    });
    const run = await startIbkrRun({
      tws,
      graph: {
        settings: { bar_size: "1d", heartbeat_timeout_seconds: 600 },
        strategies: [{
          id: "s",
          type: "scripted",
          symbols: ["AAPL"],
          warmup_bars: 5,
          params: { log_bars: true },
        }],
      },
      venueOptions: { clock },
    });
    try {
      const requests = tws.requests("REQ_HISTORICAL_DATA");
      assertEquals(requests.map((r) => [r.barSize, r.duration, r.endDateTime]), [
        ["1 day", "1 Y", ""],
        ["1 day", "1 Y", "20250117-00:00:00"],
        ["1 day", "1 Y", "20240118-00:00:00"],
      ]);
      assertEquals(logs(run.events, "s", "bar").map((e) => [e.bar_ts, e.close]), [
        [Date.UTC(2024, 0, 16), 129],
        [Date.UTC(2024, 0, 17), 130],
        [Date.UTC(2025, 0, 17), 108],
        [Date.UTC(2025, 0, 18), 109],
        [Date.UTC(2025, 0, 19), 110],
      ]);
    } finally {
      await run.finish();
    }
  },
);
