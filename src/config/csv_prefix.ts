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
  /** The spacing of its rows, undefined for a single row. */
  readonly spacing: BarSpacing | undefined;
}

const LF = 10;
const CR = 13;

/** The first `limit` bytes of `file` and whether they are all of it. */
async function readHead(
  file: string,
  limit: number,
): Promise<{ bytes: Uint8Array; whole: boolean }> {
  using handle = await Deno.open(file, { read: true });
  const buffer = new Uint8Array(limit + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const read = await handle.read(buffer.subarray(filled));
    if (read === null) return { bytes: buffer.subarray(0, filled), whole: true };
    filled += read;
  }
  return { bytes: buffer.subarray(0, limit), whole: false };
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
  return { file, content, whole: head.whole, spacing: measureBarSpacing(content.bars, options) };
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

/** Share of intraday bars outside regular hours above which a file's times look shifted. */
const OUTSIDE_SESSION_SHARE = 0.7;

/**
 * A warning when most intraday bars of the prefix fall outside the regular
 * sessions of `calendar` (default US equities): the usual sign of New York
 * local times written without a zone, which are read as UTC. (Data with
 * extended hours has about 60% of its bars outside the session; shifted
 * regular-hours data about 75% or more.) Undefined for daily data or times
 * that fit.
 */
export function csvSessionWarning(
  prefix: CsvPrefix,
  calendar: Pick<TradingCalendar, "isMarketOpen"> = US_EQUITIES_CALENDAR,
): string | undefined {
  if (prefix.spacing?.kind !== "intraday" || prefix.content.bars.length < 10) return undefined;
  const bars = prefix.content.bars;
  let outside = 0;
  for (const bar of bars) if (!calendar.isMarketOpen(bar.ts)) outside++;
  const share = outside / bars.length;
  if (share <= OUTSIDE_SESSION_SHARE) return undefined;
  return `${prefix.file}: ${Math.round(share * 100)}% of its first ${
    bars.length.toLocaleString("en-US")
  } bars fall outside regular hours (09:30-16:00 New York) when their times are read as UTC; ` +
    "if they are New York local times, write the zone (e.g. 2024-01-02T09:30:00-05:00, or " +
    "20240102 09:30:00 US/Eastern)";
}
