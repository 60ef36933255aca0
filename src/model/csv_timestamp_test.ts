import assert from "node:assert/strict";
import { parseCsvTimestamp } from "./csv_timestamp.ts";

Deno.test("parseCsvTimestamp reads Yahoo and IB daily dates as UTC midnight", () => {
  assert.equal(parseCsvTimestamp("2024-01-02"), Date.UTC(2024, 0, 2));
  assert.equal(parseCsvTimestamp("20240102"), Date.UTC(2024, 0, 2));
});

Deno.test("parseCsvTimestamp reads IB intraday times with spaces or a dash as UTC", () => {
  assert.equal(parseCsvTimestamp("20240102 14:30:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("20240102-14:30:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("20240102  14:30:00"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("20240102 \t14:30  US/Eastern"), Date.UTC(2024, 0, 2, 19, 30));
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

Deno.test("parseCsvTimestamp reads 13-digit epoch numbers as milliseconds, 10-digit ones as seconds", () => {
  // Issue 8 follow-up: 1704205800000 was read as seconds, year 55974, "not a date" without a line.
  assert.equal(parseCsvTimestamp("1704205800000"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("1704205800"), Date.UTC(2024, 0, 2, 14, 30));
  assert.equal(parseCsvTimestamp("946684800"), Date.UTC(2000, 0, 1));
  assert.equal(parseCsvTimestamp("-252374400"), Date.UTC(1962, 0, 2));
  assert.equal(parseCsvTimestamp("-252374400000"), Date.UTC(1962, 0, 2));
});

Deno.test("parseCsvTimestamp reads times before 1970, from 1900-01-01 on", () => {
  assert.equal(parseCsvTimestamp("1962-01-02"), Date.UTC(1962, 0, 2));
  assert.equal(parseCsvTimestamp("19691231 15:59:00"), Date.UTC(1969, 11, 31, 15, 59));
  assert.equal(parseCsvTimestamp("1900-01-01"), Date.UTC(1900, 0, 1));
  assert.equal(parseCsvTimestamp("2199-12-31T23:59:59Z"), Date.UTC(2199, 11, 31, 23, 59, 59));
});

Deno.test("parseCsvTimestamp refuses times outside 1900 to 2200, naming the year of an epoch number", () => {
  assert.throws(
    () => parseCsvTimestamp("1899-12-31"),
    /^RangeError: date "1899-12-31" is outside 1900-01-01 to 2200-01-01$/,
  );
  assert.throws(() => parseCsvTimestamp("2200-01-01"), /outside 1900-01-01 to 2200-01-01/);
  assert.throws(() => parseCsvTimestamp("0050-01-01"), /"0050-01-01" is outside/);
  // Past the range of Date: no "Invalid time value" later on.
  assert.throws(
    () => parseCsvTimestamp("99999999999999999"),
    /read as epoch milliseconds is year 3170843, outside 1900-01-01 to 2200-01-01/,
  );
  assert.throws(
    () => parseCsvTimestamp("9999999999"),
    /"9999999999" read as epoch seconds is year 2286/,
  );
  assert.throws(() => parseCsvTimestamp("9".repeat(400)), /a time past any year/);
});

Deno.test("parseCsvTimestamp reads ISO fractions finer than a millisecond, cut to milliseconds", () => {
  assert.equal(
    parseCsvTimestamp("2024-01-02T09:30:00.000000-05:00"),
    Date.UTC(2024, 0, 2, 14, 30),
  );
  assert.equal(
    parseCsvTimestamp("2024-01-02 09:30:00.123456789+00"),
    Date.UTC(2024, 0, 2, 9, 30, 0, 123),
  );
  assert.equal(parseCsvTimestamp("2024-01-02t14:30:00.5z"), Date.UTC(2024, 0, 2, 14, 30, 0, 500));
});
