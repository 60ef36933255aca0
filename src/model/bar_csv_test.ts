import assert from "node:assert/strict";
import { CsvFormatError, parseBarCsv, skippedRowsWarning } from "./bar_csv.ts";

const WHERE = { symbol: "AAPL", file: "data/AAPL.csv" };

function errorOf(text: string): CsvFormatError {
  try {
    parseBarCsv(text, WHERE);
  } catch (error) {
    assert.ok(error instanceof CsvFormatError, `not a CsvFormatError: ${error}`);
    return error;
  }
  throw new Error("parseBarCsv accepted the text");
}

Deno.test("parseBarCsv reads a Yahoo file with Adj Close, ignoring Adj Close", () => {
  const bars = parseBarCsv(
    "Date,Open,High,Low,Close,Adj Close,Volume\n" +
      "2024-01-02,187.15,188.44,183.89,185.64,184.94,82488700\n" +
      "2024-01-03,184.22,185.88,183.43,184.25,183.55,58414500\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars, [
    {
      symbol: "AAPL",
      ts: Date.UTC(2024, 0, 2),
      open: 187.15,
      high: 188.44,
      low: 183.89,
      close: 185.64,
      volume: 82488700,
    },
    {
      symbol: "AAPL",
      ts: Date.UTC(2024, 0, 3),
      open: 184.22,
      high: 185.88,
      low: 183.43,
      close: 184.25,
      volume: 58414500,
    },
  ]);
});

Deno.test("parseBarCsv reads a file with a byte order mark, CRLF, blank lines and mixed line ends", () => {
  const bars = parseBarCsv(
    "\uFEFF\r\nDate,Open,High,Low,Close,Volume\r\n2024-01-02,10,11,9,10.5,100\r\n\r\n   \r\n" +
      "2024-01-03,10.5,11,10,10.8,120\n2024-01-04,10.8,11,10,10.9,130\r2024-01-05,11,12,10,11,1",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.close), [10.5, 10.8, 10.9, 11]);
});

Deno.test("parseBarCsv reads the bytes of a UTF-8 file with a byte order mark", () => {
  const bytes = new TextEncoder().encode(
    "\uFEFFDate,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n",
  );
  const content = parseBarCsv(bytes, WHERE);
  assert.equal(content.bars[0]?.ts, Date.UTC(2024, 0, 2));
  assert.equal(content.lines, 2);
});

Deno.test("parseBarCsv finds IB columns by name, case-insensitively, ignoring wap and count", () => {
  const bars = parseBarCsv(
    "DATE,OPEN,HIGH,LOW,CLOSE,VOLUME,WAP,COUNT\n" +
      "20240102 14:30:00,187.15,187.5,186.9,187.2,12000,187.1,310\n" +
      "20240102 14:31:00,187.2,187.3,187.0,187.1,9000,187.15,250\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.ts), [
    Date.UTC(2024, 0, 2, 14, 30),
    Date.UTC(2024, 0, 2, 14, 31),
  ]);
  assert.equal(bars[1]?.volume, 9000);
});

Deno.test("parseBarCsv reads headerless IB rows in date,open,high,low,close,volume order", () => {
  const bars = parseBarCsv(
    "20240102-14:30:00,10,11,9,10.5,100,10.2,5\n1704205860,10.5,10.6,10.4,10.6,50\n20240103,10.6,10.7,10.5,10.7,70\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.ts), [
    Date.UTC(2024, 0, 2, 14, 30),
    Date.UTC(2024, 0, 2, 14, 31),
    Date.UTC(2024, 0, 3),
  ]);
  assert.deepEqual(bars.map((bar) => bar.open), [10, 10.5, 10.6]);
});

Deno.test("parseBarCsv accepts columns in any order and quoted fields", () => {
  const bars = parseBarCsv(
    '"Volume","Close","Low","High","Open","Date"\n"100","10.5","9","11","10","2024-01-02"\n',
    WHERE,
  ).bars;
  assert.deepEqual(bars[0], {
    symbol: "AAPL",
    ts: Date.UTC(2024, 0, 2),
    open: 10,
    high: 11,
    low: 9,
    close: 10.5,
    volume: 100,
  });
});

Deno.test("parseBarCsv reads quoted numbers, with or without thousands separators", () => {
  const bars = parseBarCsv(
    'Date,Open,High,Low,Close,Volume\n"2024-01-02","1","1,234.5","0.5","1,000","82,488,700"\n',
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => [bar.open, bar.high, bar.low, bar.close, bar.volume]), [
    [1, 1234.5, 0.5, 1000, 82488700],
  ]);
  assert.match(
    errorOf('Date,Open,High,Low,Close,Volume\n2024-01-02,"1,5",2,1,1.5,10\n').message,
    /^data\/AAPL\.csv:2: Open is "1,5", expected a number with a decimal point \(1\.5\); decimal commas are not read$/,
  );
});

Deno.test("parseBarCsv skips Yahoo's null and empty rows and counts them with the first line", () => {
  const content = parseBarCsv(
    "Date,Open,High,Low,Close,Adj Close,Volume\n" +
      "2020-03-19,10,11,9,10.5,10.5,100\n" +
      "2020-03-20,null,null,null,null,null,null\n" +
      "2020-03-23,,,,,,\n" +
      "2020-03-24,10.5,11,10,10.8,10.8,120\n" +
      "2020-03-24,NULL,null,null,null,null,0\n",
    WHERE,
  );
  assert.deepEqual(content.bars.map((bar) => bar.close), [10.5, 10.8]);
  assert.deepEqual(content.skipped, { count: 3, firstLine: 3 });
  assert.equal(
    skippedRowsWarning(WHERE.file, { count: 3, firstLine: 17 }),
    "data/AAPL.csv: skipped 3 rows with null prices (Yahoo's missing days), first at line 17",
  );
  assert.equal(
    parseBarCsv("date,open,high,low,close,volume\n20240102,1,1,1,1,1\n", WHERE).skipped,
    undefined,
  );
  assert.equal(
    errorOf("Date,Open,High,Low,Close,Volume\n2020-03-20,null,null,null,null,null\n").message,
    "data/AAPL.csv: no data rows (1 row without prices, from line 2)",
  );
});

Deno.test("parseBarCsv reports an unclosed quote at the row that opens it, not at the end of the file", () => {
  assert.match(
    errorOf('Date,Open,High,Low,Close,Volume\n2024-01-02,"10,11,9,10.5,100\n').message,
    /^data\/AAPL\.csv:2: a quote opened in this row is not closed/,
  );
  const rows = Array.from({ length: 50 }, (_, i) => `${20240101 + i},10,11,9,10.5,100`);
  const opened = errorOf(
    `Date,Open,High,Low,Close,Volume\n${rows.slice(0, 3).join("\n")}\n\n` +
      `20240301,"10,11,9,10.5,100\n${rows.slice(3).join("\r\n")}\n`,
  );
  assert.equal(opened.line, 6);
  assert.match(
    errorOf('Date,Open,High,Low,Close,Volume\n2024-01-02,"10"x,11,9,10.5,100\n').message,
    /^data\/AAPL\.csv:2: Invalid Closing Quote: got "x" instead of delimiter/,
  );
});

Deno.test("parseBarCsv names file:line and the column of a non-numeric price", () => {
  const error = errorOf(
    "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,null,11,9,10.5,100\n",
  );
  assert.equal(error.message, 'data/AAPL.csv:3: Open is "null", expected a number');
  assert.equal(error.line, 3);
  assert.equal(error.file, "data/AAPL.csv");
});

Deno.test("parseBarCsv names the columns a header lacks", () => {
  const error = errorOf("Date,Open,Close,Volume\n2024-01-02,10,10.5,100\n");
  assert.match(
    error.message,
    /^data\/AAPL\.csv:1: header lacks column\(s\) high, low; expected Date,Open/,
  );
});

Deno.test("parseBarCsv refuses rows that do not move forward in time", () => {
  const equal = errorOf(
    "date,open,high,low,close,volume\n20240102,10,11,9,10,1\n20240102,10,11,9,10,1\n",
  );
  assert.match(
    equal.message,
    /^data\/AAPL\.csv:3: time 2024-01-02T00:00:00\.000Z is not after line 2's/,
  );
  const backwards = errorOf(
    "date,open,high,low,close,volume\n20240103,10,11,9,10,1\n\n20240102,10,11,9,10,1\n",
  );
  assert.match(backwards.message, /^data\/AAPL\.csv:4: .*rows must be in increasing time$/);
});

Deno.test("parseBarCsv reports bad dates, bad OHLC, negative volume and short rows", () => {
  const header = "Date,Open,High,Low,Close,Volume\n";
  assert.match(
    errorOf(`${header}2024-13-01,10,11,9,10,1\n`).message,
    /:2: date "2024-13-01" is not a date; use YYYY-MM-DD/,
  );
  assert.match(
    errorOf(`${header}2024-01-02,10,9.5,9,10,1\n`).message,
    /:2: high 9.5 and low 9 do not bracket open 10 and close 10/,
  );
  assert.match(
    errorOf(`${header}2024-01-02,10,11,9,10,-1\n`).message,
    /:2: volume must be >= 0, got -1/,
  );
  assert.match(errorOf(`${header}2024-01-02,0,11,0,10,1\n`).message, /:2: prices must be > 0/);
  assert.match(
    errorOf(`${header}2024-01-02,10,11,9\n`).message,
    /:2: expected at least 6 fields, got 4/,
  );
  assert.match(
    errorOf(`${header}2024-01-02,10,11,9,10,1\n20240102 09:30:00 Nowhere/City,10,11,9,10,1\n`)
      .message,
    /:3: unknown time zone/,
  );
});

Deno.test("parseBarCsv refuses a first line that is neither header nor data, and files without rows", () => {
  assert.match(
    errorOf("symbol,price\nAAPL,10\n").message,
    /^data\/AAPL\.csv:1: first line is neither a header nor a data row/,
  );
  assert.equal(errorOf("Date,Open,High,Low,Close,Volume\n").message, "data/AAPL.csv: no data rows");
  assert.equal(errorOf("").message, "data/AAPL.csv: no data rows");
});

Deno.test("parseBarCsv refuses a row with more fields than the header, naming both counts", () => {
  // Issue 8 follow-up: an unquoted 1,000 volume was read as 1.
  const error = errorOf(
    "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,11,9,10.5,1,000\n",
  );
  assert.equal(
    error.message,
    "data/AAPL.csv:3: the row has 7 fields, but the header (line 1) has 6: a field is split in " +
      'two, as an unquoted thousands separator does (1,000); quote such numbers ("1,000") or ' +
      "write them without separators",
  );
  assert.match(
    errorOf("20240102,10,11,9,10.5,100\n20240103,10,11,9,10.5,1,000\n").message,
    /^data\/AAPL\.csv:2: the row has 7 fields, but the first row \(line 1\) has 6:/,
  );
  // Empty fields past the end (a trailing comma) lose nothing.
  const trailing = parseBarCsv(
    "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100,,\n",
    WHERE,
  );
  assert.equal(trailing.bars[0]?.volume, 100);
});

Deno.test("parseBarCsv refuses numbers that are not in decimal notation", () => {
  const header = "Date,Open,High,Low,Close,Volume\n";
  for (const text of ["0x10", "0o20", "0b10000", "Infinity"]) {
    assert.match(
      errorOf(`${header}2024-01-02,${text},17,9,10,5\n`).message,
      new RegExp(`^data/AAPL\\.csv:2: Open is "${text}", expected a number`),
      text,
    );
  }
  assert.match(errorOf(`${header}2024-01-02,0x10,17,9,10,5\n`).message, /in decimal notation/);
  const bars = parseBarCsv(`${header}2024-01-02,+1.5e1,17,.5,10.,1E3\n`, WHERE).bars;
  assert.deepEqual(bars.map((b) => [b.open, b.high, b.low, b.close, b.volume]), [
    [15, 17, 0.5, 10, 1000],
  ]);
});

Deno.test("parseBarCsv reads separate Date and Time columns as one time", () => {
  const bars = parseBarCsv(
    "Date,Time,Open,High,Low,Close,Volume\n2024-01-02,09:30,10,11,9,10.5,100\n" +
      "2024-01-02,09:31:00,10,11,9,10.5,100\n20240102,09:32:00,10,11,9,10.5,100\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.ts), [
    Date.UTC(2024, 0, 2, 9, 30),
    Date.UTC(2024, 0, 2, 9, 31),
    Date.UTC(2024, 0, 2, 9, 32),
  ]);
  assert.match(
    errorOf("Date,Time,Open,High,Low,Close,Volume\n2024-01-02,9.30am,10,11,9,10.5,100\n").message,
    /^data\/AAPL\.csv:2: Date and Time "2024-01-02 9\.30am" is not a date; .*time-of-day column/,
  );
  // A date-time column wins over a date column.
  const stamped = parseBarCsv(
    "Date,Timestamp,Open,High,Low,Close,Volume\n2024-01-02,2024-01-02T15:00Z,10,11,9,10.5,100\n",
    WHERE,
  ).bars;
  assert.equal(stamped[0]?.ts, Date.UTC(2024, 0, 2, 15));
});

Deno.test("parseBarCsv reads semicolon- and tab-separated files, and names the separator when a line is not read", () => {
  for (const separator of [";", "\t"]) {
    const text = ["Date", "Open", "High", "Low", "Close", "Volume"].join(separator) + "\n" +
      ["2024-01-02", "10", "11", "9", "10.5", "100"].join(separator) + "\n";
    assert.equal(parseBarCsv(text, WHERE).bars[0]?.close, 10.5, JSON.stringify(separator));
  }
  assert.match(
    errorOf("Date;Open;High;Low;Close;Volume\n2024-01-02;10,5;11;9;10,5;100\n").message,
    /^data\/AAPL\.csv:2: Open is "10,5", expected a number with a decimal point \(10\.5\)/,
  );
  assert.match(
    errorOf("2024-01-02;10,5;11;9;10,5;100\n").message,
    /^data\/AAPL\.csv:1: first line is neither a header nor a data row; .*its fields look separated by semicolons/,
  );
  assert.equal(parseBarCsv("20240102;10;11;9;10.5;100\n", WHERE).bars[0]?.volume, 100);
  assert.match(
    errorOf("Day;Open;High;Low;Close;Volume\n").message,
    /:1: first line is neither .* \(read with its fields separated by semicolons\)$/,
  );
});

Deno.test("parseBarCsv reads yfinance's three header lines, the first column being the date", () => {
  const content = parseBarCsv(
    "Price,Adj Close,Close,High,Low,Open,Volume\n" +
      "Ticker,AAPL,AAPL,AAPL,AAPL,AAPL,AAPL\n" +
      "Date,,,,,,\n" +
      "2024-01-02,184.29,185.64,188.44,183.89,187.15,82488700\n" +
      "2024-01-03,182.91,184.25,185.88,183.43,184.22,58414500\n",
    WHERE,
  );
  assert.deepEqual(content.bars[0], {
    symbol: "AAPL",
    ts: Date.UTC(2024, 0, 2),
    open: 187.15,
    high: 188.44,
    low: 183.89,
    close: 185.64,
    volume: 82488700,
  });
  assert.equal(content.bars.length, 2);
  // auto_adjust (the default since yfinance 0.2.51) has no Adj Close; group_by="ticker" puts Ticker first.
  const grouped = parseBarCsv(
    "Ticker,AAPL,AAPL,AAPL,AAPL,AAPL\nPrice,Open,High,Low,Close,Volume\nDate,,,,,\n" +
      "2024-01-02,10,11,9,10.5,100\n",
    WHERE,
  );
  assert.equal(grouped.bars[0]?.close, 10.5);
  assert.match(
    errorOf(
      "Price,Close,Close,High,High,Low,Low,Open,Open,Volume,Volume\n" +
        "Ticker,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT\nDate,,,,,,,,,,\n",
    ).message,
    /^data\/AAPL\.csv:2: holds the columns of 2 tickers \(AAPL, MSFT\); a file holds one symbol's bars/,
  );
  assert.match(
    errorOf("Ticker,AAPL,AAPL\nDate,,\n2024-01-02,1,1\n").message,
    /^data\/AAPL\.csv:3: yfinance's header lines lack the Price line/,
  );
});

Deno.test("parseBarCsv reads rows before 1970 and refuses times outside 1900-2200 at their line", () => {
  // Issue 8 follow-up: Yahoo's full history of KO, IBM and GE starts in 1962.
  const bars = parseBarCsv(
    "Date,Open,High,Low,Close,Volume\n1962-01-02,10,11,9,10.5,100\n1970-01-01,10,11,9,10.5,100\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.ts), [Date.UTC(1962, 0, 2), 0]);
  assert.equal(
    errorOf("Date,Open,High,Low,Close,Volume\n1899-12-29,10,11,9,10.5,100\n").message,
    'data/AAPL.csv:2: date "1899-12-29" is outside 1900-01-01 to 2200-01-01',
  );
  // Epoch milliseconds past the range of Date: a located error, not "Invalid time value".
  assert.match(
    errorOf("1704205800000,10,11,9,10.5,100\n99999999999999999,10,11,9,10.5,100\n").message,
    /^data\/AAPL\.csv:2: date "99999999999999999" read as epoch milliseconds is year 3170843/,
  );
  // A headerless file whose first date is out of range is named as such, not as an unknown line.
  assert.match(
    errorOf("17042058000000000,10,11,9,10.5,100\n").message,
    /^data\/AAPL\.csv:1: date "17042058000000000" read as epoch milliseconds/,
  );
  assert.equal(
    parseBarCsv("1704205800000,10,11,9,10.5,100\n", WHERE).bars[0]?.ts,
    Date.UTC(2024, 0, 2, 14, 30),
  );
});

Deno.test("parseBarCsv reads IB's two-space times and ISO times with microseconds", () => {
  const bars = parseBarCsv(
    "date,open,high,low,close,volume\n20240102  14:30:00,10,11,9,10.5,100\n" +
      "2024-01-02T09:31:00.000000-05:00,10,11,9,10.5,100\n",
    WHERE,
  ).bars;
  assert.deepEqual(bars.map((bar) => bar.ts), [
    Date.UTC(2024, 0, 2, 14, 30),
    Date.UTC(2024, 0, 2, 14, 31),
  ]);
});
