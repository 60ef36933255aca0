import assert from "node:assert/strict";
import { join } from "node:path";
import {
  CSV_PREFIX_BYTES,
  csvPartialCheckWarning,
  csvPrefixWarning,
  csvSessionWarning,
  readCsvPrefix,
} from "./csv_prefix.ts";

async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp", prefix: "csv_prefix_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Minute rows from 2024-01-02 14:30 UTC, row `nullAt` without prices. */
function minuteRows(count: number, nullAt: number): string {
  const lines = ["Date,Open,High,Low,Close,Volume"];
  const start = Date.UTC(2024, 0, 2, 14, 30);
  for (let i = 0; i < count; i++) {
    const ts = new Date(start + i * 60_000).toISOString();
    lines.push(i === nullAt ? `${ts},null,null,null,null,null` : `${ts},10,11,9,10.5,100`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

Deno.test("readCsvPrefix reads a small file whole, with its spacing and skipped rows", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "SPY.csv");
    await Deno.writeTextFile(file, minuteRows(30, 4));
    const prefix = await readCsvPrefix(file, "SPY");
    assert.equal(prefix.whole, true);
    assert.equal(prefix.content.bars.length, 29);
    assert.equal(prefix.content.bars[0]?.symbol, "SPY");
    assert.equal(prefix.spacing?.barSize, "1m");
    assert.equal(csvPartialCheckWarning(prefix), undefined);
    assert.equal(
      csvPrefixWarning(prefix),
      `${file}: skipped 1 row with null prices (Yahoo's missing days), first at line 6`,
    );
  });
});

Deno.test("readCsvPrefix reads only the complete lines of a large file's first MiB", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "SPY.csv");
    const text = minuteRows(40_000, 10) + "2030-01-01T00:00:00.000Z,bad,row,at,the,end\r\n";
    assert.ok(text.length > CSV_PREFIX_BYTES);
    await Deno.writeTextFile(file, text);
    const prefix = await readCsvPrefix(file, "SPY");
    assert.equal(prefix.whole, false);
    const rows = prefix.content.bars.length + 1; // and the row without prices
    assert.ok(rows > 20_000 && rows < 40_000, `${rows} rows`);
    assert.equal(prefix.content.lines, rows + 1);
    assert.equal(
      csvPrefixWarning(prefix),
      `${file}: skipped 1 row with null prices (Yahoo's missing days), first at line 12, ` +
        `in its first ${(rows + 1).toLocaleString("en-US")} lines (validation reads the first MiB)`,
    );
    assert.equal(prefix.size, text.length);
    assert.equal(
      csvPartialCheckWarning(prefix),
      `checked the first 1 MiB (${rows.toLocaleString("en-US")} rows) of ${file} (${
        (text.length / (1 << 20)).toFixed(1)
      } MiB); run reads the rest`,
    );
  });
});

Deno.test("readCsvPrefix reports a bad first row at file:line and a missing file as NotFound", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "BAD.csv");
    await Deno.writeTextFile(file, "Date,Open,High,Low,Close,Volume\n2024-01-02,x,1,1,1,1\n");
    await assert.rejects(readCsvPrefix(file, "BAD"), {
      name: "CsvFormatError",
      message: `${file}:2: Open is "x", expected a number`,
    });
    await assert.rejects(readCsvPrefix(join(dir, "NONE.csv"), "NONE"), Deno.errors.NotFound);
  });
});

/** Minute rows of five January 2024 trading days from `utcOpenHour:utcOpenMinute` UTC, for `minutes` minutes each. */
function sessionMinutes(utcOpenHour: number, utcOpenMinute: number, minutes: number): string {
  return sessionMinutesIn(0, utcOpenHour, utcOpenMinute, minutes);
}

/** As sessionMinutes, in month `month` (0-based) of 2024, on its first five weekdays from the 8th. */
function sessionMinutesIn(
  month: number,
  utcOpenHour: number,
  utcOpenMinute: number,
  minutes: number,
): string {
  const lines = ["date,open,high,low,close,volume"];
  const days = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17].filter((day) => {
    const weekday = new Date(Date.UTC(2024, month, day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }).slice(0, 5);
  for (const day of days) {
    const open = Date.UTC(2024, month, day, utcOpenHour, utcOpenMinute);
    for (let i = 0; i < minutes; i++) {
      lines.push(`${new Date(open + i * 60_000).toISOString()},10,11,9,10.5,100`);
    }
  }
  return `${lines.join("\n")}\n`;
}

Deno.test("csvSessionWarning flags intraday times that look like New York local times read as UTC", async () => {
  await withTempDir(async (dir) => {
    const cases: Array<[string, string, boolean]> = [
      ["utc.csv", sessionMinutes(14, 30, 390), false], // 09:30 New York is 14:30 UTC in January
      ["local.csv", sessionMinutes(9, 30, 390), true], // 09:30 written without its zone
      ["extended.csv", sessionMinutes(9, 0, 960), false], // 04:00-20:00 New York: extended hours
      ["continuous.csv", sessionMinutes(0, 0, 1440), false], // 24 hours a day
      ["local_summer.csv", sessionMinutesIn(6, 9, 30, 390), true], // July: 09:30 EDT is 13:30 UTC
    ];
    for (const [name, text, warned] of cases) {
      await Deno.writeTextFile(join(dir, name), text);
      const warning = csvSessionWarning(await readCsvPrefix(join(dir, name), "SPY"));
      assert.equal(warning !== undefined, warned, `${name}: ${warning}`);
      if (warned) assert.match(warning as string, /outside regular hours .* New York local times/);
    }
  });
});
