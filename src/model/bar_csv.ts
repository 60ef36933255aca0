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
import {
  type ColumnLayout,
  EXPECTED_HEADER,
  headerLayout,
  headerlessLayout,
  HeaderProblem,
  isHeader,
  tickersOf,
  yfinanceHeaderLine,
} from "./_bar_csv_layout.ts";
import { delimiterHint, delimiterOf, firstLineOf, unclosedQuoteLine } from "./_csv_text.ts";

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

/** Thousands separators, as a quoted `"1,234.5"` field may have them. */
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
/** A number in decimal notation (an exponent allowed); not hex, octal, binary or `Infinity`. */
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** A decimal comma, as semicolon-separated files from European locales write. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

interface RowContext {
  readonly layout: ColumnLayout;
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
}

function parseNumber(fields: readonly string[], column: number, context: RowContext): number {
  const text = fields[column] as string;
  const plain = text.includes(",") && GROUPED_NUMBER.test(text) ? text.replaceAll(",", "") : text;
  const value = DECIMAL_NUMBER.test(plain) ? Number(plain) : Number.NaN;
  if (!Number.isFinite(value)) {
    const name = context.layout.names[column] ?? `column ${column + 1}`;
    const hint = DECIMAL_COMMA.test(text)
      ? ` with a decimal point (${text.replace(",", ".")}); decimal commas are not read`
      : Number.isFinite(Number(plain))
      ? " in decimal notation (hex, octal and binary are not read)"
      : "";
    throw new CsvFormatError(`${name} is "${text}", expected a number${hint}`, context);
  }
  return value;
}

function parseTimestamp(fields: readonly string[], context: RowContext): number {
  const { date, time, names } = context.layout;
  const text = time === undefined
    ? fields[date] as string
    : `${fields[date] as string} ${fields[time] as string}`;
  let ts: number | undefined;
  try {
    ts = parseCsvTimestamp(text);
  } catch (error) {
    throw new CsvFormatError((error as Error).message, context);
  }
  if (ts === undefined) {
    const what = time === undefined ? "date" : `${names[date]} and ${names[time]}`;
    const also = time === undefined ? "" : " (a date column and a time-of-day column HH:MM[:SS])";
    throw new CsvFormatError(
      `${what} "${text}" is not a date; use ${CSV_TIMESTAMP_FORMS}${also}`,
      context,
    );
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
  const ts = parseTimestamp(fields, context);
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

/** Whether `text` is in one of the date forms (even when out of range or of an unknown zone). */
function isTimestamp(text: string): boolean {
  try {
    return parseCsvTimestamp(text) !== undefined;
  } catch {
    return true;
  }
}

/** Where the header block of a file stands while its first lines are read. */
type HeaderState = "none" | "yfinance" | "done";

/** Turns records into bars, one at a time, remembering the header and the previous row. */
class BarRowReader {
  readonly bars: Bar[] = [];
  skippedCount = 0;
  firstSkippedLine = 0;
  lastLine = 0;
  readonly #options: BarCsvOptions;
  readonly #delimiter: string;
  #layout: ColumnLayout | undefined;
  #header: HeaderState = "none";
  #previousLine = 0;

  constructor(options: BarCsvOptions, delimiter: string) {
    this.#options = options;
    this.#delimiter = delimiter;
  }

  read(fields: readonly string[], line: number): void {
    this.lastLine = line;
    if (fields.length === 1 && fields[0] === "") return; // a line of blanks
    const { symbol, file } = this.#options;
    if (this.#header !== "done" && this.#readHeader(fields, line)) return;
    const layout = this.#layout as ColumnLayout;
    if (fields.length < layout.needed) {
      throw new CsvFormatError(`expected at least ${layout.needed} fields, got ${fields.length}`, {
        file,
        line,
      });
    }
    checkWidth(fields, layout, { file, line });
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

  /** Reads a line before the first data row; true when it was a header line. */
  #readHeader(fields: readonly string[], line: number): boolean {
    const where = { file: this.#options.file, line };
    const yfinance = yfinanceHeaderLine(fields);
    if (yfinance !== undefined && (this.#header === "yfinance" || yfinance !== "date")) {
      this.#header = "yfinance";
      if (yfinance === "price") {
        this.#layout = layoutOrThrow(() => headerLayout(fields, line, 0), where);
      }
      if (yfinance === "ticker") checkOneTicker(fields, where);
      return true;
    }
    if (this.#header === "yfinance") {
      this.#header = "done";
      if (this.#layout !== undefined) return false;
      throw new CsvFormatError(
        `yfinance's header lines lack the Price line of column names; ${EXPECTED_HEADER}`,
        where,
      );
    }
    this.#header = "done";
    if (isHeader(fields)) {
      this.#layout = layoutOrThrow(() => headerLayout(fields, line), where);
      return true;
    }
    if (!isTimestamp(fields[0] ?? "")) {
      throw new CsvFormatError(
        `first line is neither a header nor a data row; ${EXPECTED_HEADER}${
          delimiterHint(fields, this.#delimiter)
        }`,
        where,
      );
    }
    this.#layout = headerlessLayout(fields.length, line);
    return false;
  }
}

function layoutOrThrow(read: () => ColumnLayout, where: { file: string; line: number }) {
  try {
    return read();
  } catch (error) {
    if (error instanceof HeaderProblem) throw new CsvFormatError(error.message, where);
    throw error;
  }
}

/** yfinance writes one Ticker line for all tickers downloaded together: one file, one ticker. */
function checkOneTicker(fields: readonly string[], where: { file: string; line: number }): void {
  const tickers = tickersOf(fields);
  if (tickers.length <= 1) return;
  throw new CsvFormatError(
    `holds the columns of ${tickers.length} tickers (${tickers.join(", ")}); a file holds one ` +
      'symbol\'s bars: download each ticker on its own (yf.download("AAPL"))',
    where,
  );
}

/**
 * A row with more non-empty fields than the header (or the first row of a
 * file without one) has a field split in two, as an unquoted thousands
 * separator does (`1,000` read as 1 and 000). Empty fields past the end (a
 * trailing comma) are harmless.
 */
function checkWidth(
  fields: readonly string[],
  layout: ColumnLayout,
  where: { file: string; line: number },
): void {
  const width = layout.width;
  if (fields.length <= width.fields) return;
  if (fields.slice(width.fields).every((field) => field === "")) return;
  throw new CsvFormatError(
    `the row has ${fields.length} fields, but ${width.of} (line ${width.line}) has ${width.fields}: ` +
      "a field is split in two, " +
      'as an unquoted thousands separator does (1,000); quote such numbers ("1,000") or write ' +
      "them without separators",
    where,
  );
}

/**
 * Parses OHLCV CSV text (or the bytes of a file, UTF-8) into `symbol`'s bars,
 * oldest first.
 *
 * The first non-blank line is a header when one of its fields is `date`,
 * `datetime`, `time` or `timestamp` (any case); columns are then found by name
 * (`open`, `high`, `low`, `close`, `volume`; others such as `Adj Close`, `wap`
 * and `count` are ignored, so prices are replayed as written). Separate `Date`
 * and `Time` columns are read together (`2024-01-02` and `09:30`). yfinance's
 * three header lines (`Price,Adj Close,Close,High,Low,Open,Volume`,
 * `Ticker,AAPL,...`, `Date,,,,,,`) are read as one header whose first column
 * is the date. Otherwise the file is taken as headerless IB data in the order
 * `date,open,high,low,close,volume,...`. Fields are separated by commas, or
 * by semicolons or tabs when the first line has no comma and is separated so
 * (`Date;Open;...`). Dates are
 * read by {@link parseCsvTimestamp}; numbers are in decimal notation, may be
 * quoted and may group thousands with commas (`"1,234.5"`). A row whose
 * open, high, low and close are all `null` or empty (Yahoo's missing days)
 * is skipped and counted in `skipped`.
 *
 * @throws {CsvFormatError} `file:line: problem` for a bad header or row
 * (a quote not closed, at the row where it opens; too few fields, or more
 * non-empty fields than the header has; a price that is not a positive
 * decimal number; high/low not bracketing open/close; negative volume; an
 * unreadable date, or one outside 1900-2200; time not after the previous
 * row), and for a file without data rows.
 * @example
 * ```ts
 * parseBarCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n", {
 *   symbol: "AAPL", file: "data/AAPL.csv",
 * }).bars; // [{ symbol: "AAPL", ts: 1704153600000, open: 10, ... }]
 * ```
 */
export function parseBarCsv(text: string | Uint8Array, options: BarCsvOptions): BarCsvContent {
  const delimiter = delimiterOf(firstLineOf(text));
  const reader = new BarRowReader(options, delimiter);
  const input = typeof text === "string"
    ? text
    : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  try {
    parse(input, {
      bom: true,
      delimiter,
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
      if (error.code === "CSV_QUOTE_NOT_CLOSED") {
        throw new CsvFormatError(
          "a quote opened in this row is not closed (the rest of the file would be one field)",
          { file: options.file, line: unclosedQuoteLine(text, reader.lastLine) },
        );
      }
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
