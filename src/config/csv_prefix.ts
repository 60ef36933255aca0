/**
 * The beginning of a CSV feed file, read and parsed so that validating a
 * graph checks each file's header and first rows and measures its bar
 * spacing without reading a large file in full.
 *
 * @module
 */
import { type BarCsvContent, parseBarCsv, skippedRowsWarning } from "../model/mod.ts";
import { type TradingCalendar, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { type BarSpacing, type BarSpacingOptions, measureBarSpacing } from "./bar_spacing.ts";

/** Bytes of a CSV file read by {@link readCsvPrefix}: 1 MiB (about 15,000 Yahoo rows). */
export const CSV_PREFIX_BYTES = 1 << 20;

/** The parsed beginning of one CSV file. */
export interface CsvPrefix {
  /** The file as named. */
  readonly file: string;
  /** The rows of the complete lines read. */
  readonly content: BarCsvContent;
  /** Whether the whole file was read (it is at most {@link CSV_PREFIX_BYTES} long). */
  readonly whole: boolean;
  /** The file's size in bytes. */
  readonly size: number;
  /** The spacing of its rows, undefined for a single row. */
  readonly spacing: BarSpacing | undefined;
}

const LF = 10;
const CR = 13;

/** The first `limit` bytes of `file`, whether they are all of it, and the file's size. */
async function readHead(
  file: string,
  limit: number,
): Promise<{ bytes: Uint8Array; whole: boolean; size: number }> {
  using handle = await Deno.open(file, { read: true });
  const buffer = new Uint8Array(limit + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const read = await handle.read(buffer.subarray(filled));
    if (read === null) return { bytes: buffer.subarray(0, filled), whole: true, size: filled };
    filled += read;
  }
  const { size } = await handle.stat();
  return { bytes: buffer.subarray(0, limit), whole: false, size };
}

/** `bytes` up to and including their last line end (all of them when there is none). */
function completeLines(bytes: Uint8Array): Uint8Array {
  for (let end = bytes.length - 1; end >= 0; end--) {
    if (bytes[end] === LF || bytes[end] === CR) return bytes.subarray(0, end + 1);
  }
  return bytes;
}

/**
 * Reads the first {@link CSV_PREFIX_BYTES} of `file` (complete lines only),
 * parses them as `symbol`'s bars (see {@link parseBarCsv}) and measures their
 * spacing.
 *
 * @throws {CsvFormatError} `file:line: problem` for a bad header or row among them.
 * @throws {Deno.errors.NotFound} and the other errors of `Deno.open` for an unreadable file.
 * @example
 * ```ts
 * const prefix = await readCsvPrefix("data/AAPL.csv", "AAPL");
 * console.log(prefix.spacing?.barSize, prefix.content.skipped?.count ?? 0);
 * ```
 */
export async function readCsvPrefix(
  file: string,
  symbol: string,
  options: BarSpacingOptions = {},
): Promise<CsvPrefix> {
  const head = await readHead(file, CSV_PREFIX_BYTES);
  const text = head.whole ? head.bytes : completeLines(head.bytes);
  const content = parseBarCsv(text, { symbol, file });
  return {
    file,
    content,
    whole: head.whole,
    size: head.size,
    spacing: measureBarSpacing(content.bars, options),
  };
}

const MIB = 1 << 20;

/** `48.2 MiB`, `812 KiB`, `900 bytes`. */
function sizeInWords(bytes: number): string {
  if (bytes >= MIB) return `${bytes % MIB === 0 ? bytes / MIB : (bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/**
 * The warning that only the beginning of a file was checked, e.g. `checked
 * the first 1 MiB (15,230 rows) of data/SPY.csv (48.2 MiB); run reads the
 * rest`; undefined when the whole file was read. A row further on that does
 * not parse stops the run, not validation.
 */
export function csvPartialCheckWarning(prefix: CsvPrefix): string | undefined {
  if (prefix.whole) return undefined;
  const rows = prefix.content.bars.length + (prefix.content.skipped?.count ?? 0);
  return `checked the first ${sizeInWords(CSV_PREFIX_BYTES)} (${
    rows.toLocaleString("en-US")
  } rows) of ${prefix.file} (${sizeInWords(prefix.size)}); run reads the rest`;
}

/**
 * The warning about a file's skipped rows without prices, qualified when only
 * the file's beginning was read.
 */
export function csvPrefixWarning(prefix: CsvPrefix): string | undefined {
  const skipped = prefix.content.skipped;
  if (skipped === undefined) return undefined;
  const warning = skippedRowsWarning(prefix.file, skipped);
  return prefix.whole
    ? warning
    : `${warning}, in its first ${prefix.content.lines.toLocaleString("en-US")} lines ` +
      "(validation reads the first MiB)";
}

const HOUR_MS = 3_600_000;

/**
 * A warning when the intraday bars of the prefix look like New York local
 * times written without a zone, which are read as UTC: read as UTC, most of
 * them (over half) fall outside the regular sessions of `calendar` (default US
 * equities), while read as New York times (4 or 5 hours later, by daylight
 * saving time) nearly all of them (90%) fall inside. Continuous data (24 hours
 * a day) and extended-hours data fit neither pattern. Undefined for daily data
 * or times that fit.
 */
export function csvSessionWarning(
  prefix: CsvPrefix,
  calendar: Pick<TradingCalendar, "isMarketOpen"> = US_EQUITIES_CALENDAR,
): string | undefined {
  if (prefix.spacing?.kind !== "intraday" || prefix.content.bars.length < 10) return undefined;
  const bars = prefix.content.bars;
  let asUtc = 0;
  let asNewYork = 0;
  for (const { ts } of bars) {
    if (calendar.isMarketOpen(ts)) asUtc++;
    if (calendar.isMarketOpen(ts + 4 * HOUR_MS) || calendar.isMarketOpen(ts + 5 * HOUR_MS)) {
      asNewYork++;
    }
  }
  if (asUtc / bars.length >= 0.5 || asNewYork / bars.length < 0.9) return undefined;
  const outside = Math.round((1 - asUtc / bars.length) * 100);
  return `${prefix.file}: ${outside}% of its first ${
    bars.length.toLocaleString("en-US")
  } bars fall outside regular hours (09:30-16:00 New York) when their times are read as UTC, ` +
    "and nearly all inside when read as New York times; if they are New York local times, " +
    "write the zone (e.g. 2024-01-02T09:30:00-05:00, or 20240102 09:30:00 US/Eastern)";
}
