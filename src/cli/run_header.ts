/**
 * The header `run` prints above the summary table, told from what the run
 * did (its {@link RunResult}), not from the graph: why it stopped, the bars
 * each symbol got and their time range (UTC; dates for daily bars), which
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

/** `2,000 bars per symbol (AAPL, MSFT), 2024-01-02 14:30 to 2024-01-03 23:49 UTC`, or one entry per symbol when they differ. */
function dataText(bars: readonly SymbolBars[], barSize: string): string {
  const [first] = bars;
  if (first === undefined) return "no bars";
  const daily = barSizeMs(barSize) >= DAY_MS;
  const seconds = bars.some((s) => s.first % 60_000 !== 0 || s.last % 60_000 !== 0);
  const range = (s: SymbolBars) => {
    const from = timeText(s.first, { daily, seconds });
    return s.first === s.last ? from : `${from} to ${timeText(s.last, { daily, seconds })}`;
  };
  const zone = daily ? "" : " UTC";
  const alike = bars.every((s) =>
    s.count === first.count && s.first === first.first && s.last === first.last
  );
  if (alike) {
    const symbols = bars.map((s) => s.symbol);
    return `${count(first.count, "bar", "bars")} per symbol (${names(symbols)}), ${
      range(first)
    }${zone}`;
  }
  const entries = bars.map((s) => `${s.symbol} ${count(s.count, "bar", "bars")} (${range(s)})`);
  return `${names(entries)}${zone}`;
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
