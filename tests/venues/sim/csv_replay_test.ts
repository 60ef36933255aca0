import assert from "node:assert/strict";
import { createTradingBus } from "../../../src/bus/mod.ts";
import { CsvFormatError } from "../../../src/model/mod.ts";
import { createBarSource, SimVenue, simVenueOptions } from "../../../src/venues/sim/mod.ts";

async function tempDir(): Promise<string> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  return await Deno.makeTempDir({ dir: "tests/.tmp", prefix: "csv_replay_" });
}

const YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n" +
  "2024-01-02,187.15,188.44,183.89,185.64,184.94,82488700\n" +
  "2024-01-03,184.22,185.88,183.43,184.25,183.55,58414500\n";
const IB = "date,open,high,low,close,volume,wap,count\n" +
  "20240102,370.87,376.06,366.50,370.60,25258600,371.2,201000\n" +
  "20240104,367.55,368.74,364.79,367.75,20901500,367.1,180000\n";

Deno.test("SimVenue replays Yahoo and IB CSV files merged by date", async () => {
  const dir = await tempDir();
  try {
    await Deno.writeTextFile(`${dir}/AAPL.csv`, YAHOO);
    await Deno.writeTextFile(`${dir}/MSFT.csv`, IB);
    const venue = new SimVenue(
      simVenueOptions({ feed: "csv", csv: { aapl: `${dir}/AAPL.csv`, MSFT: `${dir}/MSFT.csv` } }),
      { barSizeMs: 86_400_000 },
    );
    const bus = createTradingBus();
    const seen: string[] = [];
    bus.subscribe(
      "bar",
      (bar) =>
        seen.push(`${new Date(bar.ts).toISOString().slice(0, 10)} ${bar.symbol} ${bar.close}`),
    );
    await venue.connect(bus);
    assert.equal(venue.clock.now(), Date.UTC(2024, 0, 2));
    await venue.marketData.subscribe("MSFT");
    await venue.marketData.subscribe("AAPL");
    await assert.rejects(
      venue.marketData.subscribe("TSLA"),
      /CSV files have no bars for TSLA \(symbols: AAPL, MSFT\)/,
    );
    assert.deepEqual(await venue.marketData.history("AAPL", 30, 86_400_000), []);
    await venue.run(new AbortController().signal);
    assert.deepEqual(seen, [
      "2024-01-02 MSFT 370.6",
      "2024-01-02 AAPL 185.64",
      "2024-01-03 AAPL 184.25",
      "2024-01-04 MSFT 367.75",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createBarSource reports a malformed CSV row as path:line", async () => {
  const dir = await tempDir();
  try {
    const path = `${dir}/BAD.csv`;
    await Deno.writeTextFile(path, `${YAHOO}2024-01-04,abc,1,1,1,1,1\n`);
    const error = await createBarSource(
      simVenueOptions({ feed: "csv", csv: { BAD: path } }),
      86_400_000,
    )
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof CsvFormatError);
    assert.equal(error.message, `${path}:4: Open is "abc", expected a number`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createBarSource reports a missing CSV file by path, and a csv feed without files", async () => {
  const dir = await tempDir();
  try {
    const missing = `${dir}/NOPE.csv`;
    await assert.rejects(
      createBarSource(simVenueOptions({ feed: "csv", csv: { NOPE: missing } }), 60_000),
      (error: unknown) =>
        error instanceof CsvFormatError &&
        error.message.startsWith(`${missing}: cannot read file (`),
    );
    await assert.rejects(
      createBarSource(simVenueOptions({ feed: "csv" }), 60_000),
      /venue.csv lists no files/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createBarSource builds the synthetic feed from the GBM options", async () => {
  const source = await createBarSource(
    simVenueOptions({ seed: 5, startPrice: 42, bars: 2 }),
    60_000,
  );
  assert.equal(source.description, "synthetic GBM (seed 5)");
  const stream = source.open("ANY");
  assert.equal(stream.next()?.open, 42);
  assert.notEqual(stream.next(), undefined);
  assert.equal(stream.next(), undefined);
});
