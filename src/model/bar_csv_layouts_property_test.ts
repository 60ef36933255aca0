import assert from "node:assert/strict";
import fc from "fast-check";
import type { Bar } from "./bar.ts";
import { CsvFormatError, parseBarCsv } from "./bar_csv.ts";
import { CSV_TIME_END, CSV_TIME_MIN } from "./csv_timestamp.ts";

/**
 * The layouts a user downloads today (yfinance's three header lines, separate
 * Date and Time columns, semicolons and tabs), with times anywhere from 1900
 * to 2200 (1962 included) in the forms files write them, parse back; and a
 * number split by an unquoted thousands separator or a quote left open is an
 * error at the line concerned, whatever the rest of the file.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

type Layout = "yfinance" | "date_time" | "semicolon" | "tab" | "comma";
type TimeForm = "iso" | "iso_micro" | "ib_spaces" | "epoch_ms";

function ymdOf(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function hmsOf(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function timeText(ts: number, form: TimeForm): string {
  const d = new Date(ts);
  if (form === "iso") return d.toISOString();
  if (form === "iso_micro") return `${ymdOf(d)}T${hmsOf(d)}.000000+00:00`;
  if (form === "ib_spaces") return `${ymdOf(d).replaceAll("-", "")}  ${hmsOf(d)}`;
  return String(ts);
}

/** The header line(s) and data row cells of `bar` for a layout. */
function writeFile(bars: readonly Bar[], layout: Layout, form: TimeForm): string {
  const separator = layout === "semicolon" ? ";" : layout === "tab" ? "\t" : ",";
  const lines: string[] = [];
  if (layout === "yfinance") {
    lines.push("Price,Adj Close,Close,High,Low,Open,Volume", "Ticker,SYM,SYM,SYM,SYM,SYM,SYM");
    lines.push("Date,,,,,,");
  } else if (layout === "date_time") lines.push("Date,Time,Open,High,Low,Close,Volume");
  else lines.push(["Datetime", "Open", "High", "Low", "Close", "Volume"].join(separator));
  for (const bar of bars) {
    const d = new Date(bar.ts);
    if (layout === "yfinance") {
      const c = bar.close;
      lines.push([timeText(bar.ts, form), c, c, bar.high, bar.low, bar.open, bar.volume].join(","));
    } else if (layout === "date_time") {
      lines.push(
        [ymdOf(d), hmsOf(d), bar.open, bar.high, bar.low, bar.close, bar.volume].join(","),
      );
    } else {
      const cells = [timeText(bar.ts, form), bar.open, bar.high, bar.low, bar.close, bar.volume];
      lines.push(cells.join(separator));
    }
  }
  return `${lines.join("\n")}\n`;
}

const barShape = fc.record({
  lowCents: fc.integer({ min: 1, max: 1_000_000 }),
  spread: fc.tuple(
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 5000 }),
  ),
  volume: fc.integer({ min: 0, max: 5_000_000_000 }),
  steps: fc.integer({ min: 1, max: 3 }),
});

/**
 * Whole seconds from 1900 to 2200 whose bars stay 11 digits of ms or more
 * away from 1970 (a shorter epoch number is seconds: see CSV_TIMESTAMP_FORMS).
 */
const firstTime = fc.integer({ min: CSV_TIME_MIN / 1000, max: CSV_TIME_END / 1000 - 100 * 86_400 })
  .map((seconds) => seconds * 1000)
  .filter((ts) => ts >= 10_000_000_000 || ts <= -10_000_000_000 - 100 * DAY);

function makeBars(
  start: number,
  step: number,
  shapes: ReadonlyArray<
    { lowCents: number; spread: [number, number, number]; volume: number; steps: number }
  >,
): Bar[] {
  let ts = start;
  return shapes.map((shape) => {
    ts += shape.steps * step;
    const [a, b, c] = shape.spread;
    const low = shape.lowCents / 100;
    return {
      symbol: "SYM",
      ts,
      open: (shape.lowCents + a) / 100,
      high: (shape.lowCents + Math.max(a, b) + c) / 100,
      low,
      close: (shape.lowCents + b) / 100,
      volume: shape.volume,
    };
  });
}

Deno.test("files in yfinance, Date+Time, semicolon and tab layouts from 1900 to 2200 parse back", () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Layout>("yfinance", "date_time", "semicolon", "tab", "comma"),
      fc.constantFrom<TimeForm>("iso", "iso_micro", "ib_spaces", "epoch_ms"),
      firstTime,
      fc.constantFrom(MINUTE, DAY),
      fc.array(barShape, { minLength: 1, maxLength: 30 }),
      (layout, form, start, step, shapes) => {
        const bars = makeBars(start, step, shapes);
        const parsed = parseBarCsv(writeFile(bars, layout, form), { symbol: "SYM", file: "f" });
        assert.deepEqual(parsed.bars, bars);
      },
    ),
    { seed: 21, numRuns: 400 },
  );
});

function errorOf(text: string): CsvFormatError {
  try {
    parseBarCsv(text, { symbol: "SYM", file: "f.csv" });
  } catch (error) {
    if (error instanceof CsvFormatError) return error;
    throw error;
  }
  throw new Error("the text was accepted");
}

Deno.test("a number split by an unquoted thousands separator is refused at its line, naming the field counts", () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Layout>("yfinance", "date_time", "comma"),
      fc.array(barShape, { minLength: 1, maxLength: 30 }),
      fc.nat(),
      fc.integer({ min: 1000, max: 5_000_000_000 }),
      (layout, shapes, pick, volume) => {
        const bars = makeBars(Date.UTC(2024, 0, 2, 14, 30), MINUTE, shapes);
        const lines = writeFile(bars, layout, "iso").split("\n");
        const headerLines = layout === "yfinance" ? 3 : 1;
        const index = headerLines + (pick % bars.length);
        const cells = (lines[index] as string).split(",");
        const fields = cells.length;
        cells[cells.length - 1] = volume.toLocaleString("en-US"); // 1,000 unquoted
        lines[index] = cells.join(",");
        const error = errorOf(lines.join("\n"));
        assert.equal(error.line, index + 1);
        const extra = fields + volume.toLocaleString("en-US").split(",").length - 1;
        assert.match(error.message, new RegExp(`the row has ${extra} fields, but the header`));
      },
    ),
    { seed: 22, numRuns: 300 },
  );
});

Deno.test("an unclosed quote is reported at the row that opens it, however far the file goes on", () => {
  fc.assert(
    fc.property(
      fc.array(barShape, { minLength: 2, maxLength: 60 }),
      fc.nat(),
      fc.constantFrom("\n", "\r\n"),
      (shapes, pick, end) => {
        const bars = makeBars(Date.UTC(2024, 0, 2), DAY, shapes);
        const lines = writeFile(bars, "comma", "iso").trimEnd().split("\n");
        const index = 1 + (pick % bars.length);
        lines[index] = (lines[index] as string).replace(",", ',"');
        const error = errorOf(lines.join(end) + end);
        assert.equal(error.line, index + 1);
        assert.match(error.message, /a quote opened in this row is not closed/);
      },
    ),
    { seed: 23, numRuns: 300 },
  );
});
