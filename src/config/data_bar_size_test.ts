import assert from "node:assert/strict";
import type { BarSpacing } from "./bar_spacing.ts";
import { measureBarSpacing } from "./bar_spacing.ts";
import { type CsvFileSpacing, decideDataBarSize } from "./data_bar_size.ts";

const DAILY: BarSpacing = { kind: "daily", step: 1, barSize: "1d", rows: 2515 };
const WEEKLY: BarSpacing = { kind: "daily", step: 5, barSize: "7d", rows: 520 };
const MINUTES: BarSpacing = { kind: "intraday", step: 60_000, barSize: "1m", rows: 5000 };
const MONTHLY: BarSpacing = { kind: "daily", step: 21, rows: 60 };

function file(symbol: string, spacing: BarSpacing | undefined): CsvFileSpacing {
  return { file: `data/${symbol}.csv`, symbol, spacing };
}

Deno.test("without settings.bar_size the replay takes its files' spacing", () => {
  assert.deepEqual(decideDataBarSize(undefined, [file("AAPL", DAILY), file("MSFT", DAILY)]), {
    ok: true,
    barSize: "1d",
    source: "data",
  });
  assert.deepEqual(decideDataBarSize(undefined, [file("SPY", MINUTES)]), {
    ok: true,
    barSize: "1m",
    source: "data",
  });
});

Deno.test("a bar size that equals the spacing is kept", () => {
  assert.deepEqual(decideDataBarSize("1d", [file("AAPL", DAILY)]), {
    ok: true,
    barSize: "1d",
    source: "graph",
  });
  assert.deepEqual(decideDataBarSize("60s", [file("SPY", MINUTES)]), {
    ok: true,
    barSize: "60s",
    source: "graph",
  });
});

Deno.test("a bar size that disagrees with daily files is refused, naming both", () => {
  assert.deepEqual(decideDataBarSize("1m", [file("AAPL", DAILY)]), {
    ok: false,
    problems: [{
      site: "settings.bar_size",
      message: "1m, but data/AAPL.csv has daily bars (1d, measured over 2,515 rows); " +
        "set bar_size: 1d or remove it",
    }],
  });
  // Daily bars do not aggregate into weeks: UTC periods are not trading weeks.
  assert.equal(decideDataBarSize("7d", [file("AAPL", DAILY)]).ok, false);
  assert.equal(decideDataBarSize("1d", [file("AAPL", WEEKLY)]).ok, false);
});

Deno.test("a whole multiple of intraday spacing up to 1d is aggregated from the replayed bars", () => {
  assert.deepEqual(decideDataBarSize("5m", [file("SPY", MINUTES)]), {
    ok: true,
    barSize: "5m",
    source: "graph",
    sourceBarSizeMs: 60_000,
  });
  assert.equal(decideDataBarSize("1d", [file("SPY", MINUTES)]).ok, true);
  const refused = decideDataBarSize("90s", [file("SPY", MINUTES)]);
  assert.equal(refused.ok, false);
  assert.match(
    !refused.ok ? refused.problems[0]?.message ?? "" : "",
    /^90s, but data\/SPY\.csv has 1m bars .*; set bar_size: 1m, a whole multiple of 1m up to 1d/,
  );
  assert.equal(decideDataBarSize("30s", [file("SPY", MINUTES)]).ok, false);
  assert.equal(decideDataBarSize("2d", [file("SPY", MINUTES)]).ok, false);
});

Deno.test("files of different spacings are refused, naming each", () => {
  assert.deepEqual(decideDataBarSize(undefined, [file("AAPL", DAILY), file("SPY", MINUTES)]), {
    ok: false,
    problems: [{
      site: "venue.csv",
      message: "the files are spaced differently: data/AAPL.csv has daily bars (1d, measured " +
        "over 2,515 rows), data/SPY.csv has 1m bars (measured over 5,000 rows); " +
        "a graph replays files of one bar spacing",
    }],
  });
});

Deno.test("a spacing no bar size fits, or a single row without a bar size, is a problem of that file", () => {
  assert.deepEqual(decideDataBarSize(undefined, [file("AAPL", MONTHLY)]), {
    ok: false,
    problems: [{
      site: { symbol: "AAPL" },
      message: "data/AAPL.csv has bars 21 trading days apart (measured over 60 rows), " +
        "which no bar size fits; replay bars from 1s to 1d apart, or weekly bars (7d)",
    }],
  });
  const monthlyWithSize = decideDataBarSize("7d", [file("AAPL", MONTHLY)]);
  assert.equal(!monthlyWithSize.ok && monthlyWithSize.problems[0]?.site, "settings.bar_size");
  assert.deepEqual(decideDataBarSize(undefined, [file("AAPL", undefined)]), {
    ok: false,
    problems: [{
      site: { symbol: "AAPL" },
      message: "data/AAPL.csv has a single row, too few to infer the bar size from; " +
        "add rows or set settings.bar_size",
    }],
  });
  assert.deepEqual(decideDataBarSize("1d", [file("AAPL", undefined), file("MSFT", DAILY)]), {
    ok: true,
    barSize: "1d",
    source: "graph",
  });
});

Deno.test("a liquid and an illiquid symbol of 1-minute bars replay together at a set 1m", () => {
  // Issue 8 follow-up: the illiquid file was measured as 2m, "spaced differently", and 1m refused.
  const minutes = (keep: (i: number) => boolean) => {
    const rows: { ts: number }[] = [];
    for (let i = 0; i < 390 * 5; i++) {
      const day = Math.floor(i / 390);
      if (keep(i)) rows.push({ ts: Date.UTC(2024, 0, 2 + day, 14, 30) + (i % 390) * 60_000 });
    }
    return measureBarSpacing(rows);
  };
  const liquid = minutes(() => true);
  let state = 11;
  const illiquid = minutes(() => (state = (state * 48271) % 2147483647) / 2147483647 < 0.4);
  assert.ok(illiquid !== undefined && illiquid.rows < 0.5 * 390 * 5);
  const files = [file("SPY", liquid), file("XYZ", illiquid)];
  assert.deepEqual(decideDataBarSize("1m", files), { ok: true, barSize: "1m", source: "graph" });
  assert.deepEqual(decideDataBarSize(undefined, files), {
    ok: true,
    barSize: "1m",
    source: "data",
  });
});
