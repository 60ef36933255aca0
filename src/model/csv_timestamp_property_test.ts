import assert from "node:assert/strict";
import fc from "fast-check";
import { CSV_TIME_END, CSV_TIME_MIN, parseCsvTimestamp } from "./csv_timestamp.ts";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const digits = (n: number) => String(Math.abs(n)).length;

/** Every form a time in the range is written in by the files we read, with its expected value. */
function forms(ts: number): Array<readonly [string, number]> {
  const d = new Date(ts);
  const ymd = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const seconds = Math.floor(ts / 1000) * 1000;
  const list: Array<readonly [string, number]> = [
    [d.toISOString(), ts],
    [d.toISOString().replace(/\.(\d{3})Z$/, ".$1456+00:00"), ts],
    [`${ymd}  ${hms}`, seconds],
    [`${ymd}-${hms}`, seconds],
  ];
  // Epoch numbers: up to 10 digits are seconds, 11 or more milliseconds; 8 digits are YYYYMMDD
  // (epoch seconds of 1970-04 to 1973-03, which no file has).
  const epochSeconds = seconds / 1000;
  if (digits(epochSeconds) <= 10 && digits(epochSeconds) !== 8) {
    list.push([String(epochSeconds), seconds]);
  }
  if (digits(ts) >= 11) list.push([String(ts), ts]);
  return list;
}

Deno.test("every form of any time from 1900 to 2200 parses back, before 1970 included", () => {
  fc.assert(
    fc.property(fc.integer({ min: CSV_TIME_MIN, max: CSV_TIME_END - 1 }), (ts) => {
      for (const [text, expected] of forms(ts)) {
        assert.equal(parseCsvTimestamp(text), expected, text);
      }
    }),
    { seed: 11, numRuns: 1000 },
  );
});

Deno.test("a time outside 1900 to 2200 is a RangeError in every form, never an invalid Date", () => {
  const outside = fc.oneof(
    fc.integer({ min: -8_640_000_000_000_000, max: CSV_TIME_MIN - 1 }),
    fc.integer({ min: CSV_TIME_END, max: 8_640_000_000_000_000 }),
  );
  fc.assert(
    fc.property(outside, (ts) => {
      for (const [text] of forms(ts)) {
        // A year before 0 or past 9999 has no four-digit form: only epoch numbers then.
        const year = new Date(ts).getUTCFullYear();
        if (!/^-?\d+$/.test(text) && (year < 0 || year > 9999)) continue;
        assert.throws(() => parseCsvTimestamp(text), RangeError, text);
      }
    }),
    { seed: 12, numRuns: 1000 },
  );
});
