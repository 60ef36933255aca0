/**
 * Historical bars: parsing IB duration and bar size strings, the default
 * deterministic bar source, and bar date formatting.
 *
 * @module
 */
import { Decimal, toDecimal } from "../../src/model/mod.ts";
import type { HistoricalBarInput, HistoricalQuery } from "./fake_tws_options.ts";
import { formatIbDate, formatIbDateTime } from "./ib_time.ts";
import type { WireHistoricalBar } from "./market_data_messages.ts";
import { WireProtocolError } from "./wire.ts";

const SECOND = 1000;
const DAY = 86_400 * SECOND;
/** Most bars the default source returns for one request. */
export const MAX_SYNTHETIC_BARS = 10_000;

/** Parses a duration such as `30 S`, `2 D`, `1 W`, `3 M`, `1 Y` into ms (months 30 days, years 365). */
export function parseDurationMs(duration: string): number {
  const match = /^(\d+)\s*([SDWMY])$/i.exec(duration.trim());
  if (!match) {
    throw new WireProtocolError(
      `unreadable duration ${JSON.stringify(duration)}: expected e.g. "2 D"`,
    );
  }
  const unitMs: Record<string, number> = {
    S: SECOND,
    D: DAY,
    W: 7 * DAY,
    M: 30 * DAY,
    Y: 365 * DAY,
  };
  return Number(match[1]) * (unitMs[match[2]!.toUpperCase()] ?? 0);
}

/** Parses a bar size such as `5 secs`, `1 min`, `15 mins`, `1 hour`, `1 day`, `1 week`, `1 month` into ms. */
export function parseBarSizeMs(barSize: string): number {
  const match = /^(\d+)\s*(secs?|mins?|hours?|days?|weeks?|months?)$/i.exec(barSize.trim());
  if (!match) {
    throw new WireProtocolError(
      `unreadable bar size ${JSON.stringify(barSize)}: expected e.g. "5 mins"`,
    );
  }
  const unit = match[2]!.toLowerCase().replace(/s$/, "");
  const unitMs: Record<string, number> = {
    sec: SECOND,
    min: 60 * SECOND,
    hour: 3600 * SECOND,
    day: DAY,
    week: 7 * DAY,
    month: 30 * DAY,
  };
  return Number(match[1]) * (unitMs[unit] ?? 0);
}

/** Small seeded PRNG (mulberry32) so synthetic history is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The default bar source: `durationMs / barSizeMs` bars (at most
 * {@link MAX_SYNTHETIC_BARS}) ending at the last bar boundary at or before
 * `endMs`, a random walk seeded by the conId that starts at the reference
 * price. The same query always yields the same bars.
 */
export function syntheticHistoricalBars(query: HistoricalQuery): HistoricalBarInput[] {
  const count = Math.min(MAX_SYNTHETIC_BARS, Math.floor(query.durationMs / query.barSizeMs));
  const lastStart = Math.floor(query.endMs / query.barSizeMs) * query.barSizeMs - query.barSizeMs;
  const random = seededRandom(query.conId);
  const bars: HistoricalBarInput[] = [];
  let close = query.referencePrice;
  for (let i = 0; i < count; i++) {
    const open = close;
    const step = new Decimal(((random() - 0.5) * 0.01).toFixed(6));
    close = open.times(step.plus(1)).toDecimalPlaces(2);
    const high = Decimal.max(open, close).times(1 + random() * 0.002).toDecimalPlaces(2);
    const low = Decimal.min(open, close).times(1 - random() * 0.002).toDecimalPlaces(2);
    bars.push({
      time: (lastStart - (count - 1 - i) * query.barSizeMs) / SECOND,
      open,
      high,
      low,
      close,
      volume: 1000 + Math.floor(random() * 9000),
      count: 10 + Math.floor(random() * 90),
    });
  }
  return bars;
}

/**
 * The date text of a bar: `yyyyMMdd` for bars of a day or longer; otherwise
 * epoch seconds when `formatDate` is 2, else `yyyyMMdd HH:mm:ss UTC`.
 */
export function formatBarDate(
  timeSeconds: number,
  options: { barSizeMs: number; formatDate: number },
): string {
  const ms = timeSeconds * SECOND;
  if (options.barSizeMs >= DAY) return formatIbDate(ms);
  return options.formatDate === 2 ? String(timeSeconds) : formatIbDateTime(ms);
}

/** Converts a bar source's output to wire bars. */
export function toWireBars(
  bars: readonly HistoricalBarInput[],
  options: { barSizeMs: number; formatDate: number },
): WireHistoricalBar[] {
  return bars.map((bar) => ({
    date: formatBarDate(bar.time, options),
    open: toDecimal(bar.open),
    high: toDecimal(bar.high),
    low: toDecimal(bar.low),
    close: toDecimal(bar.close),
    volume: toDecimal(bar.volume ?? 0),
    wap: toDecimal(bar.wap ?? bar.close),
    count: bar.count ?? 0,
  }));
}
