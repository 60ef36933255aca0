import assert from "node:assert/strict";
import fc from "fast-check";
import type { Bar } from "./bar.ts";
import { parseBarCsv } from "./bar_csv.ts";

/**
 * Writes generated bars the ways real files do (Yahoo or IB layout, any
 * timestamp form, quoted fields, thousands separators, a byte order mark,
 * LF/CRLF/CR line ends, blank lines, Yahoo's null rows) and checks that
 * parsing gives the bars back and counts the null rows.
 */

const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

type DateForm = "yahoo" | "iso" | "ib" | "epoch";
type Layout = "yahoo" | "ib" | "headerless";

function dateText(ts: number, form: DateForm): string {
  const d = new Date(ts);
  const ymd = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (form === "yahoo") return d.toISOString().slice(0, 10);
  if (form === "iso") return d.toISOString();
  if (form === "ib") return `${ymd} ${hms}`;
  return String(ts / 1000);
}

const barFields = fc.record({
  lowCents: fc.integer({ min: 1, max: 1_000_000 }),
  spreadCents: fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 3, maxLength: 3 }),
  volume: fc.integer({ min: 0, max: 5_000_000_000 }),
  step: fc.integer({ min: 1, max: 5 }),
});

const fileShape = fc.record({
  layout: fc.constantFrom<Layout>("yahoo", "ib", "headerless"),
  form: fc.constantFrom<DateForm>("yahoo", "iso", "ib", "epoch"),
  bom: fc.boolean(),
  upperCaseHeader: fc.boolean(),
  trailingLineEnd: fc.boolean(),
  start: fc.integer({ min: 10_957, max: 21_914 }).map((day) => day * DAY),
  bars: fc.array(barFields, { minLength: 1, maxLength: 40 }),
  /** Per written line: quote fields, group thousands, line end, a blank line and a null row before it. */
  lines: fc.infiniteStream(fc.record({
    quote: fc.boolean(),
    group: fc.boolean(),
    end: fc.constantFrom("\n", "\r\n", "\r"),
    blankBefore: fc.boolean(),
    nullBefore: fc.constantFrom<"none" | "null" | "empty">("none", "none", "null", "empty"),
  })),
});

function grouped(value: number): string {
  return value.toLocaleString("en-US", { useGrouping: true, maximumFractionDigits: 20 });
}

Deno.test("bars written with any quoting, BOM, line ends and null rows parse back, null rows counted", () => {
  fc.assert(
    fc.property(fileShape, (shape) => {
      const daily = shape.form === "yahoo";
      const bars: Bar[] = [];
      let ts = shape.start + (daily ? 0 : 14 * 3_600_000);
      for (const fields of shape.bars) {
        ts += fields.step * (daily ? DAY : 60_000);
        const [a, b, c] = fields.spreadCents as [number, number, number];
        const low = fields.lowCents / 100;
        const open = (fields.lowCents + a) / 100;
        const close = (fields.lowCents + b) / 100;
        const high = (fields.lowCents + Math.max(a, b) + c) / 100;
        bars.push({ symbol: "SYM", ts, open, high, low, close, volume: fields.volume });
      }
      const header = shape.layout === "yahoo"
        ? "Date,Open,High,Low,Close,Adj Close,Volume"
        : "date,open,high,low,close,volume,wap,count";
      let text = shape.bom ? "\uFEFF" : "";
      let line = 1;
      let firstNull = 0;
      let nulls = 0;
      const stream = shape.lines[Symbol.iterator]();
      const write = (row: string, end: string) => {
        // A CR line end then an empty LF line would read as one CRLF.
        text += row + (row === "" && end === "\n" && text.endsWith("\r") ? "\r\n" : end);
        line++;
      };
      if (shape.layout !== "headerless") {
        write(shape.upperCaseHeader ? header.toUpperCase() : header, "\n");
      }
      bars.forEach((bar, index) => {
        const style = stream.next().value as {
          quote: boolean;
          group: boolean;
          end: string;
          blankBefore: boolean;
          nullBefore: "none" | "null" | "empty";
        };
        if (style.blankBefore) write("", style.end);
        const date = dateText(bar.ts, shape.form);
        // Headerless files are recognised by their first row: keep it a bar.
        if (style.nullBefore !== "none" && (shape.layout !== "headerless" || index > 0)) {
          const missing = style.nullBefore === "null" ? "null" : "";
          if (nulls++ === 0) firstNull = line;
          write([date, missing, missing, missing, missing, missing, missing].join(","), style.end);
        }
        const number = (value: number) =>
          style.quote ? `"${style.group ? grouped(value) : value}"` : String(value);
        const cells = shape.layout === "yahoo"
          ? [date, bar.open, bar.high, bar.low, bar.close, bar.close, bar.volume]
          : [date, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.close, 7];
        const row = cells.map((cell, i) =>
          i === 0 ? (style.quote ? `"${cell}"` : String(cell)) : number(cell as number)
        ).join(",");
        write(row, index === bars.length - 1 && !shape.trailingLineEnd ? "" : style.end);
      });
      const parsed = parseBarCsv(text, { symbol: "SYM", file: "SYM.csv" });
      assert.deepEqual(parsed.bars, bars);
      assert.deepEqual(
        parsed.skipped,
        nulls === 0 ? undefined : { count: nulls, firstLine: firstNull },
      );
    }),
    { seed: 4, numRuns: 300 },
  );
});
