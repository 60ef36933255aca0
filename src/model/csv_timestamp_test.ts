import assert from "node:assert/strict";
import { parseCsvTimestamp } from "./csv_timestamp.ts";

Deno.test("parseCsvTimestamp reads Yahoo and IB daily dates as UTC midnight", () => {
  assert.equal(parseCsvTimestamp("2024-01-02"), Date.UTC(2024, 0, 2));
  assert.equal(parseCsvTimestamp("20240102"), Date.UTC(2024, 0, 2));
});

Deno.test("parseCsvTimestamp reads IB intraday times with a space or a dash as UTC", () => {
  assert.equal(parseCsvTimestamp("20240102 14:30:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("20240102-14:30:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("20240102  14:30"), undefined);
  assert.equal(parseCsvTimestamp("20240102 14:30"), Date.UTC(2024, 0, 2, 14, 30));
});

Deno.test("parseCsvTimestamp honours a trailing IB time zone name across daylight saving", () => {
  assert.equal(parseCsvTimestamp("20240102 09:30:00 US/Eastern"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(
    parseCsvTimestamp("20240701 09:30:00 America/New_York"),
    Date.UTC(2024, 6, 1, 13, 30),
  );
  assert.equal(parseCsvTimestamp("20240102 14:30:00 UTC"), Date.UTC(2024, 0, 2, 14, 30));
});

Deno.test("parseCsvTimestamp rejects an unknown time zone by name", () => {
  assert.throws(
    () => parseCsvTimestamp("20240102 09:30:00 Mars/Olympus"),
    /unknown time zone "Mars\/Olympus"/,
  );
});

Deno.test("parseCsvTimestamp reads epoch seconds and ISO 8601 date-times", () => {
  assert.equal(parseCsvTimestamp("1704205800"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("2024-01-02T14:30:00Z"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("2024-01-02 09:30:00-05:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("2024-01-02T14:30"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(
    parseCsvTimestamp("2024-01-02T14:30:00.250+0000"),
    Date.UTC(2024, 0, 2, 14, 30, 0, 250),
  );
});

Deno.test("parseCsvTimestamp returns undefined for text that is not a real date", () => {
  for (
    const text of ["", "yesterday", "2024-02-30", "20241301", "2024-01-02T25:00", "2024/01/02"]
  ) {
    assert.equal(parseCsvTimestamp(text), undefined, text);
  }
});
