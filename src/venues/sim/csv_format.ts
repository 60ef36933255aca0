/**
 * OHLCV CSV files: Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`) and IB
 * historical data (`date,open,high,low,close,volume[,wap,count]`, with or
 * without a header line).
 *
 * @module
 */
import type { Bar } from "../../model/mod.ts";
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

const DATE_NAMES = ["date", "datetime", "time", "timestamp"];
const PRICE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;
const EXPECTED_HEADER = "expected Date,Open,High,Low,Close,Volume (Yahoo, Adj Close allowed) or " +
  "date,open,high,low,close,volume[,wap,count] (IB)";

/** Column positions of the fields a bar needs. */
interface ColumnLayout {
  readonly date: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Display name of each position, for messages. */
  readonly names: readonly string[];
}

/** IB's column order, used when a file has no header line. */
const HEADERLESS_LAYOUT: ColumnLayout = {
  date: 0,
  open: 1,
  high: 2,
  low: 3,
  close: 4,
  volume: 5,
  names: ["date", "open", "high", "low", "close", "volume"],
};

function splitFields(line: string): string[] {
  return line.split(",").map((field) => field.trim().replace(/^"(.*)"$/, "$1"));
}

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
  return { date, open, high, low, close, volume, names: fields };
}

function parseNumber(
  fields: readonly string[],
  column: number,
  context: { layout: ColumnLayout; file: string; line: number },
): number {
  const text = fields[column] ?? "";
  const value = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    const name = context.layout.names[column] ?? `column ${column + 1}`;
    throw new CsvFormatError(`${name} is "${text}", expected a number`, context);
  }
  return value;
}

function parseRow(
  fields: readonly string[],
  context: { layout: ColumnLayout; symbol: string; file: string; line: number },
): Bar {
  const { layout } = context;
  const needed =
    Math.max(layout.date, layout.open, layout.high, layout.low, layout.close, layout.volume) + 1;
  if (fields.length < needed) {
    throw new CsvFormatError(`expected at least ${needed} fields, got ${fields.length}`, context);
  }
  const dateText = fields[layout.date] as string;
  let ts: number | undefined;
  try {
    ts = parseCsvTimestamp(dateText);
  } catch (error) {
    throw new CsvFormatError((error as Error).message, context);
  }
  if (ts === undefined) {
    throw new CsvFormatError(
      `date "${dateText}" is not a date; use ${CSV_TIMESTAMP_FORMS}`,
      context,
    );
  }
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

/**
 * Parses an OHLCV CSV into `symbol`'s bars, oldest first.
 *
 * The first non-blank line is a header when one of its fields is `date`,
 * `datetime`, `time` or `timestamp` (any case); columns are then found by name
 * (`open`, `high`, `low`, `close`, `volume`; others such as `Adj Close`, `wap`
 * and `count` are ignored, so prices are replayed as written). Otherwise the
 * file is taken as headerless IB data in the order
 * `date,open,high,low,close,volume,...`. Blank lines are skipped; dates are
 * read by {@link parseCsvTimestamp}.
 *
 * @throws {CsvFormatError} `file:line: problem` for a bad header or row
 * (non-numeric or non-positive price, high/low not bracketing open/close,
 * negative volume, unreadable date, time not after the previous row), and for
 * a file without data rows.
 * @example
 * ```ts
 * parseBarCsv("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n", {
 *   symbol: "AAPL", file: "data/AAPL.csv",
 * }); // [{ symbol: "AAPL", ts: 1704153600000, open: 10, ... }]
 * ```
 */
export function parseBarCsv(text: string, options: { symbol: string; file: string }): Bar[] {
  const { symbol, file } = options;
  const lines = text.split("\n");
  const bars: Bar[] = [];
  let layout: ColumnLayout | undefined;
  let previousLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] as string).replace(/\r$/, "");
    if (raw.trim() === "") continue;
    const line = index + 1;
    const fields = splitFields(raw);
    if (layout === undefined) {
      if (fields.some((field) => DATE_NAMES.includes(field.toLowerCase()))) {
        layout = headerLayout(fields, { file, line });
        continue;
      }
      if (parseCsvTimestampQuietly(fields[0] ?? "") === undefined) {
        throw new CsvFormatError(
          `first line is neither a header nor a data row; ${EXPECTED_HEADER}`,
          {
            file,
            line,
          },
        );
      }
      layout = HEADERLESS_LAYOUT;
    }
    const bar = parseRow(fields, { layout, symbol, file, line });
    const previous = bars[bars.length - 1];
    if (previous !== undefined && !(bar.ts > previous.ts)) {
      throw new CsvFormatError(
        `time ${new Date(bar.ts).toISOString()} is not after line ${previousLine}'s ` +
          `${new Date(previous.ts).toISOString()}; rows must be in increasing time`,
        { file, line },
      );
    }
    bars.push(bar);
    previousLine = line;
  }
  if (bars.length === 0) throw new CsvFormatError("no data rows", { file });
  return bars;
}

function parseCsvTimestampQuietly(text: string): number | undefined {
  try {
    return parseCsvTimestamp(text);
  } catch {
    return undefined;
  }
}
