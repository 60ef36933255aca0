/**
 * Where the fields of an OHLCV CSV file are: from its header line (Yahoo, IB,
 * separate Date and Time columns), from the three header lines yfinance has
 * written since 2024 (`Price,...` / `Ticker,...` / `Date,,,`), or IB's order
 * for a file without a header. Private to bar_csv.ts.
 *
 * @module
 */

/** Names of a column holding a bar's date or time, lower case. */
export const DATE_NAMES: readonly string[] = ["date", "datetime", "time", "timestamp"];
/** The columns every bar needs besides its time, lower case. */
export const PRICE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;
/** What a header may look like, quoted in messages. */
export const EXPECTED_HEADER =
  "expected Date,Open,High,Low,Close,Volume (Yahoo, Adj Close allowed; Date,Time as two " +
  "columns allowed) or date,open,high,low,close,volume[,wap,count] (IB)";

/** Column positions of the fields a bar needs. */
export interface ColumnLayout {
  readonly date: number;
  /** A separate time-of-day column (`Date,Time,...`), joined to the date. */
  readonly time?: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Fields a data row needs: one past the rightmost column used. */
  readonly needed: number;
  /** Display name of each position, for messages. */
  readonly names: readonly string[];
  /**
   * Fields of the line the layout was read from (the header, or the first
   * row of a file without one) and that line's number: a row with more
   * non-empty fields has a field split in two (an unquoted `1,000`).
   */
  readonly width: {
    readonly fields: number;
    readonly line: number;
    readonly of: "the header" | "the first row";
  };
}

type Positions = Omit<ColumnLayout, "needed" | "names" | "width">;

function layoutOf(
  positions: Positions,
  names: readonly string[],
  width: ColumnLayout["width"],
): ColumnLayout {
  const { date, time, open, high, low, close, volume } = positions;
  const needed = Math.max(date, time ?? 0, open, high, low, close, volume) + 1;
  return { ...positions, needed, names, width };
}

/** IB's column order, used when a file has no header line; `fields` of its first row at `line`. */
export function headerlessLayout(fields: number, line: number): ColumnLayout {
  return layoutOf(
    { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    ["date", "open", "high", "low", "close", "volume"],
    { fields, line, of: "the first row" },
  );
}

/** The time column(s) of a header: a date-time column, else a date (and a time) column. */
function timeColumns(lower: readonly string[]): Pick<Positions, "date" | "time"> | undefined {
  const stamp = lower.findIndex((name) => name === "datetime" || name === "timestamp");
  if (stamp !== -1) return { date: stamp };
  const date = lower.indexOf("date");
  const time = lower.indexOf("time");
  if (date !== -1) return time === -1 ? { date } : { date, time };
  return time === -1 ? undefined : { date: time };
}

/** A problem with a header: what is wrong (the caller adds file and line). */
export class HeaderProblem extends Error {}

/**
 * The layout of a header line's `fields`, found by name in any case. `date`
 * is given for yfinance's `Price,...` line, whose first column holds the
 * dates without naming them.
 *
 * @throws {HeaderProblem} naming the columns the header lacks.
 */
export function headerLayout(
  fields: readonly string[],
  line: number,
  date?: number,
): ColumnLayout {
  const lower = fields.map((field) => field.toLowerCase());
  const time = date === undefined ? timeColumns(lower) : { date };
  const positions = PRICE_COLUMNS.map((name) => lower.indexOf(name));
  const missing: string[] = time === undefined ? ["date"] : [];
  PRICE_COLUMNS.forEach((name, i) => {
    if (positions[i] === -1) missing.push(name);
  });
  if (missing.length > 0 || time === undefined) {
    throw new HeaderProblem(`header lacks column(s) ${missing.join(", ")}; ${EXPECTED_HEADER}`);
  }
  const [open, high, low, close, volume] = positions as [number, number, number, number, number];
  const names = date === undefined ? fields : fields.map((name, i) => (i === date ? "Date" : name));
  return layoutOf({ ...time, open, high, low, close, volume }, names, {
    fields: fields.length,
    line,
    of: "the header",
  });
}

/** Whether `fields` is a header line: one of them names a date or time column. */
export function isHeader(fields: readonly string[]): boolean {
  return fields.some((field) => DATE_NAMES.includes(field.toLowerCase()));
}

/**
 * Which line of yfinance's header block `fields` is: `price` (`Price,Adj
 * Close,Close,...`, the column names), `ticker` (`Ticker,AAPL,AAPL,...`),
 * `date` (`Date,,,,,,`), or undefined for any other line.
 */
export function yfinanceHeaderLine(
  fields: readonly string[],
): "price" | "ticker" | "date" | undefined {
  const first = (fields[0] ?? "").toLowerCase();
  if (first === "price") return "price";
  if (first === "ticker") return "ticker";
  if (DATE_NAMES.includes(first) && fields.length > 1 && fields.slice(1).every((f) => f === "")) {
    return "date";
  }
  return undefined;
}

/** The distinct tickers of yfinance's `Ticker,...` line. */
export function tickersOf(fields: readonly string[]): string[] {
  return [...new Set(fields.slice(1).filter((field) => field !== ""))];
}
