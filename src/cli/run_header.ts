/**
 * The header `run` prints above the summary table, told from what the run
 * did (its {@link RunResult}), not from the graph: why it stopped, the bars
 * the strategies got for each symbol (and the venue bars they were
 * aggregated from) and their time range (UTC; dates for daily bars), which
 * strategies started, failed or were left out, and the orders filled.
 *
 * @module
 */
import type { StrategyGraphConfig } from "../config/mod.ts";
import type { RunResult, SymbolBars } from "../coordinator/mod.ts";
import { describeError } from "../error_text.ts";
import { barSizeMs } from "../model/mod.ts";

/** Most names listed in one header line; the rest are counted. */
const MAX_NAMES = 10;
const DAY_MS = 86_400_000;

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function names(list: readonly string[]): string {
  if (list.length <= MAX_NAMES) return list.join(", ");
  return `${list.slice(0, MAX_NAMES).join(", ")} and ${
    (list.length - MAX_NAMES).toLocaleString("en-US")
  } more`;
}

/** A bar time in UTC: the date for daily bars, else date and time (seconds when any bar has them). */
function timeText(ts: number, style: { daily: boolean; seconds: boolean }): string {
  const iso = new Date(ts).toISOString();
  if (style.daily) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, style.seconds ? 19 : 16)}`;
}

function venueText(graph: StrategyGraphConfig): string {
  const venue = graph.venue;
  if (venue.type !== "sim") return `ibkr ${venue.host}:${venue.port}`;
  return `sim (${venue.feed}${venue.feed === "synthetic" ? `, seed ${venue.seed}` : ""})`;
}

/** A bar length as bar sizes are written: `1m`, `4h`, `1d`, `5s`. */
function sizeText(ms: number): string {
  for (const [unit, unitMs] of [["d", DAY_MS], ["h", 3_600_000], ["m", 60_000]] as const) {
    if (ms % unitMs === 0) return `${ms / unitMs}${unit}`;
  }
  return `${ms / 1000}s`;
}

/** `, aggregated from 1,950 1m bars` when the symbol's bars were built from shorter venue bars. */
function sourceText(s: SymbolBars): string {
  if (s.source === undefined) return "";
  const size = sizeText(s.source.barSizeMs);
  return `, aggregated from ${count(s.source.count, `${size} bar`, `${size} bars`)}`;
}

/**
 * `2,000 bars per symbol (AAPL, MSFT), 2024-01-02 14:30 to 2024-01-03 23:49 UTC` (with
 * `, aggregated from 10,000 1m bars` after the symbols when the strategies' bars were built
 * from the venue's shorter ones), or one entry per symbol when they differ: the bars the
 * strategies got.
 */
function dataText(bars: readonly SymbolBars[], barSize: string): string {
  const [first] = bars;
  if (first === undefined) return "no bars";
  const daily = barSizeMs(barSize) >= DAY_MS;
  const seconds = bars.some((s) => (s.first ?? 0) % 60_000 !== 0 || (s.last ?? 0) % 60_000 !== 0);
  const zone = daily ? "" : " UTC";
  const range = (s: SymbolBars) => {
    if (s.first === undefined || s.last === undefined) return "";
    const from = timeText(s.first, { daily, seconds });
    const times = s.first === s.last ? from : `${from} to ${timeText(s.last, { daily, seconds })}`;
    return `${times}${zone}`;
  };
  const alike = bars.every((s) =>
    s.count === first.count && s.first === first.first && s.last === first.last &&
    s.source?.count === first.source?.count
  );
  if (alike) {
    const times = range(first);
    return `${count(first.count, "bar", "bars")} per symbol (${names(bars.map((s) => s.symbol))})${
      sourceText(first)
    }${times === "" ? "" : `, ${times}`}`;
  }
  return names(bars.map((s) => {
    const times = range(s);
    return `${s.symbol} ${count(s.count, "bar", "bars")}${sourceText(s)}${
      times === "" ? "" : ` (${times})`
    }`;
  }));
}

/** `1d (from the data)`: the bars strategies saw, and where that size came from. */
function barSizeText(graph: StrategyGraphConfig): string {
  const { barSize, barSizeSource } = graph.settings;
  const source = barSizeSource === "data"
    ? "from the data"
    : barSizeSource === "graph"
    ? "set in the graph"
    : "the default";
  return `${barSize} (${source})`;
}

function strategiesText(result: RunResult): string {
  const started = result.started.length.toLocaleString("en-US");
  const total = (result.started.length + result.leftOut.length).toLocaleString("en-US");
  const parts = [
    `${result.leftOut.length === 0 ? started : `${started} of ${total}`} started (${
      names(result.started)
    })`,
  ];
  const { failure } = result;
  if (failure !== undefined) {
    parts.push(
      `failed: ${failure.strategyId} (threw in ${failure.callback}: ${
        describeError(failure.cause)
      })`,
    );
  }
  if (result.leftOut.length > 0) {
    const left = result.leftOut.map((s) => `${s.id} (failed to ${s.stage}: ${s.error})`);
    parts.push(`left out: ${names(left)}`);
  }
  return parts.join("; ");
}

/**
 * The run header: a first line with the graph, the venue and why the run
 * stopped, then the data, its bar size, the strategies and the orders.
 *
 * @example
 * ```ts
 * describeRun(graph, result);
 * // sma_pair on sim (synthetic, seed 42): end_of_data
 * //   data:       2,000 bars per symbol (AAPL, MSFT), 2024-01-02 14:30 to 2024-01-03 23:49 UTC
 * //   bar size:   1m (set in the graph)
 * //   strategies: 2 started (aapl_fast, msft_slow)
 * //   orders:     123 filled
 * ```
 */
export function describeRun(graph: StrategyGraphConfig, result: RunResult): string {
  const orders = result.summaries.reduce((n, row) => n + row.orders, 0);
  return [
    `${graph.name} on ${venueText(graph)}: ${result.reason}`,
    `  data:       ${dataText(result.bars, graph.settings.barSize)}`,
    `  bar size:   ${barSizeText(graph)}`,
    `  strategies: ${strategiesText(result)}`,
    `  orders:     ${orders.toLocaleString("en-US")} filled`,
  ].join("\n") + "\n";
}
