/**
 * OHLCV CSV files: Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`) and IB
 * historical data (`date,open,high,low,close,volume[,wap,count]`, with or
 * without a header line), read with the maintained `csv-parse` parser: quoted
 * fields (`"1,234"`), a byte order mark, CRLF, LF or CR line ends and blank
 * lines are all accepted.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { CsvError, parse } from "csv-parse/sync";
import type { Bar } from "./bar.ts";
import { CSV_TIMESTAMP_FORMS, parseCsvTimestamp } from "./csv_timestamp.ts";

/**
 * A CSV file that cannot be replayed. The message starts with `file:line:`
 * (or `file:` when no line is concerned) and says what is wrong.
 */
export class CsvFormatError extends Error {
  /** The file concerned. */
  readonly file: string;
  /** 1-based line number, when one line is concerned. */
  readonly line?: number;

  /** Creates the error; the message becomes `file:line: problem`. */
  constructor(problem: string, where: { file: string; line?: number }) {
    super(`${where.line === undefined ? where.file : `${where.file}:${where.line}`}: ${problem}`);
    this.name = "CsvFormatError";
    this.file = where.file;
    this.line = where.line;
  }
}

/** Rows skipped because every price field is missing (`null` or empty): Yahoo's missing days. */
export interface SkippedRows {
  /** How many rows were skipped. */
  readonly count: number;
  /** Line number of the first one. */
  readonly firstLine: number;
}

/** What {@link parseBarCsv} read from one file. */
export interface BarCsvContent {
  /** The bars, oldest first. */
  readonly bars: Bar[];
  /** Rows without prices that were skipped, when there were any. */
  readonly skipped?: SkippedRows;
  /** Number of the last line read. */
  readonly lines: number;
}

/** Which file the text is, for bars and messages. */
export interface BarCsvOptions {
  /** Symbol of the bars. */
  readonly symbol: string;
  /** File name used in messages. */
  readonly file: string;
}

const DATE_NAMES = ["date", "datetime", "time", "timestamp"];
const PRICE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;
const EXPECTED_HEADER = "expected Date,Open,High,Low,Close,Volume (Yahoo, Adj Close allowed) or " +
  "date,open,high,low,close,volume[,wap,count] (IB)";
/** Thousands separators, as a quoted `"1,234.5"` field may have them. */
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** Column positions of the fields a bar needs. */
interface ColumnLayout {
  readonly date: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Fields a data row needs: one past the rightmost column used. */
  readonly needed: number;
  /** Display name of each position, for messages. */
  readonly names: readonly string[];
}

function layoutOf(
  positions: Omit<ColumnLayout, "needed" | "names">,
  names: readonly string[],
): ColumnLayout {
  const { date, open, high, low, close, volume } = positions;
  return { ...positions, needed: Math.max(date, open, high, low, close, volume) + 1, names };
}

/** IB's column order, used when a file has no header line. */
const HEADERLESS_LAYOUT: ColumnLayout = layoutOf(
  { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
  ["date", "open", "high", "low", "close", "volume"],
);

function headerLayout(
  fields: readonly string[],
  where: { file: string; line: number },
): ColumnLayout {
  const lower = fields.map((field) => field.toLowerCase());
  const date = lower.findIndex((name) => DATE_NAMES.includes(name));
  const positions = PRICE_COLUMNS.map((name) => lower.indexOf(name));
  const missing: string[] = date === -1 ? ["date"] : [];
  PRICE_COLUMNS.forEach((name, i) => {
    if (positions[i] === -1) missing.push(name);
  });
  if (missing.length > 0) {
    throw new CsvFormatError(
      `header lacks column(s) ${missing.join(", ")}; ${EXPECTED_HEADER}`,
      where,
    );
  }
  const [open, high, low, close, volume] = positions as [number, number, number, number, number];
  return layoutOf({ date, open, high, low, close, volume }, fields);
}

interface RowContext {
  readonly layout: ColumnLayout;
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
}

function parseNumber(fields: readonly string[], column: number, context: RowContext): number {
  const text = fields[column] as string;
  const value = text === ""
    ? Number.NaN
    : Number(text.includes(",") && GROUPED_NUMBER.test(text) ? text.replaceAll(",", "") : text);
  if (!Number.isFinite(value)) {
    const name = context.layout.names[column] ?? `column ${column + 1}`;
    throw new CsvFormatError(`${name} is "${text}", expected a number`, context);
  }
  return value;
}

function parseTimestamp(text: string, context: RowContext): number {
  let ts: number | undefined;
  try {
    ts = parseCsvTimestamp(text);
  } catch (error) {
    throw new CsvFormatError((error as Error).message, context);
  }
  if (ts === undefined) {
    throw new CsvFormatError(`date "${text}" is not a date; use ${CSV_TIMESTAMP_FORMS}`, context);
  }
  return ts;
}

/** An empty field or `null` (Yahoo writes `null` for a day without trading data). */
function isMissing(text: string): boolean {
  return text === "" || text.toLowerCase() === "null";
}

/** Whether every price field of the row is missing: a day the source has no data for. */
function hasNoPrices(fields: readonly string[], layout: ColumnLayout): boolean {
  return isMissing(fields[layout.open] as string) && isMissing(fields[layout.high] as string) &&
    isMissing(fields[layout.low] as string) && isMissing(fields[layout.close] as string);
}

function parseRow(fields: readonly string[], context: RowContext): Bar {
  const { layout } = context;
  const ts = parseTimestamp(fields[layout.date] as string, context);
  const open = parseNumber(fields, layout.open, context);
  const high = parseNumber(fields, layout.high, context);
  const low = parseNumber(fields, layout.low, context);
  const close = parseNumber(fields, layout.close, context);
  const volume = parseNumber(fields, layout.volume, context);
  if (!(open > 0 && high > 0 && low > 0 && close > 0)) {
    throw new CsvFormatError(
      `prices must be > 0 (open ${open}, high ${high}, low ${low}, close ${close})`,
      context,
    );
  }
  if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
    throw new CsvFormatError(
      `high ${high} and low ${low} do not bracket open ${open} and close ${close}`,
      context,
    );
  }
  if (volume < 0) throw new CsvFormatError(`volume must be >= 0, got ${volume}`, context);
  return { symbol: context.symbol, ts, open, high, low, close, volume };
}

function isTimestamp(text: string): boolean {
  try {
    return parseCsvTimestamp(text) !== undefined;
  } catch {
    return false;
  }
}

/** Turns records into bars, one at a time, remembering the header and the previous row. */
class BarRowReader {
  readonly bars: Bar[] = [];
  skippedCount = 0;
  firstSkippedLine = 0;
  lastLine = 0;
  readonly #options: BarCsvOptions;
  #layout: ColumnLayout | undefined;
  #previousLine = 0;

  constructor(options: BarCsvOptions) {
    this.#options = options;
  }

  read(fields: readonly string[], line: number): void {
    this.lastLine = line;
    if (fields.length === 1 && fields[0] === "") return; // a line of blanks
    const { symbol, file } = this.#options;
    if (this.#layout === undefined) {
      if (fields.some((field) => DATE_NAMES.includes(field.toLowerCase()))) {
        this.#layout = headerLayout(fields, { file, line });
        return;
      }
      if (!isTimestamp(fields[0] ?? "")) {
        throw new CsvFormatError(
          `first line is neither a header nor a data row; ${EXPECTED_HEADER}`,
          { file, line },
        );
      }
      this.#layout = HEADERLESS_LAYOUT;
    }
    const layout = this.#layout;
    if (fields.length < layout.needed) {
      throw new CsvFormatError(`expected at least ${layout.needed} fields, got ${fields.length}`, {
        file,
        line,
      });
    }
    if (hasNoPrices(fields, layout)) {
      if (this.skippedCount++ === 0) this.firstSkippedLine = line;
      return;
    }
    const bar = parseRow(fields, { layout, symbol, file, line });
    const previous = this.bars[this.bars.length - 1];
    if (previous !== undefined && !(bar.ts > previous.ts)) {
      throw new CsvFormatError(
        `time ${new Date(bar.ts).toISOString()} is not after line ${this.#previousLine}'s ` +
          `${new Date(previous.ts).toISOString()}; rows must be in increasing time`,
        { file, line },
      );
    }
    this.bars.push(bar);
    this.#previousLine = line;
  }
}

/**
 * Parses OHLCV CSV text (or the bytes of a file, UTF-8) into `symbol`'s bars,
 * oldest first.
 *
 * The first non-blank line is a header when one of its fields is `date`,
 * `datetime`, `time` or `timestamp` (any case); columns are then found by name
 * (`open`, `high`, `low`, `close`, `volume`; others such as `Adj Close`, `wap`
 * and `count` are ignored, so prices are replayed as written). Otherwise the
 * file is taken as headerless IB data in the order
 * `date,open,high,low,close,volume,...`. Dates are read by
 * {@link parseCsvTimestamp}; numbers may be quoted and may group thousands
 * with commas (`"1,234.5"`). A row whose open, high, low and close are all
 * `null` or empty (Yahoo's missing days) is skipped and counted in `skipped`.
 *
 * @throws {CsvFormatError} `file:line: problem` for a bad header or row
 * (unbalanced quotes, too few fields, non-numeric or non-positive price,
 * high/low not bracketing open/close, negative volume, unreadable date, time
 * not after the previous row), and for a file without data rows.
 * @example
 * ```ts
 * parseBarCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n", {
 *   symbol: "AAPL", file: "data/AAPL.csv",
 * }).bars; // [{ symbol: "AAPL", ts: 1704153600000, open: 10, ... }]
 * ```
 */
export function parseBarCsv(text: string | Uint8Array, options: BarCsvOptions): BarCsvContent {
  const reader = new BarRowReader(options);
  const input = typeof text === "string"
    ? text
    : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  try {
    parse(input, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (fields: string[], info: { readonly lines: number }) => {
        reader.read(fields, info.lines);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const problem = error.message.replace(/ at line \d+/, "");
      throw new CsvFormatError(problem, { file: options.file, ...(line ? { line } : {}) });
    }
    throw error;
  }
  if (reader.bars.length === 0) {
    const skipped = reader.skippedCount === 0
      ? ""
      : ` (${rowCount(reader.skippedCount)} without prices, from line ${reader.firstSkippedLine})`;
    throw new CsvFormatError(`no data rows${skipped}`, { file: options.file });
  }
  return {
    bars: reader.bars,
    lines: reader.lastLine,
    ...(reader.skippedCount === 0
      ? {}
      : { skipped: { count: reader.skippedCount, firstLine: reader.firstSkippedLine } }),
  };
}

/**
 * The one warning about a file's skipped rows, e.g. `data/AAPL.csv: skipped 3
 * rows with null prices (Yahoo's missing days), first at line 17`.
 */
export function skippedRowsWarning(file: string, skipped: SkippedRows): string {
  return `${file}: skipped ${
    rowCount(skipped.count)
  } with null prices (Yahoo's missing days), first at line ${skipped.firstLine}`;
}

function rowCount(count: number): string {
  return count === 1 ? "1 row" : `${count.toLocaleString("en-US")} rows`;
}
