/**
 * CSV replay: one OHLCV file per symbol, read once and replayed from memory.
 *
 * @module
 */
import { ArrayBarSource } from "./array_bar_source.ts";
import { CsvFormatError, parseBarCsv } from "./csv_format.ts";
import type { Bar } from "../../model/mod.ts";

/**
 * Reads and parses every file of `files` (symbol -> path, symbols upper-cased)
 * and returns them as an {@link ArrayBarSource} described as `"CSV files"`.
 * Like every in-memory source, its `history` is `[]`: warmup happens on the
 * replayed stream.
 *
 * Formats: see {@link parseBarCsv} (Yahoo and IB, header optional for IB).
 *
 * @throws {CsvFormatError} `path: cannot read file (...)` for an unreadable
 * file, `path:line: problem` for a bad row.
 * @example
 * ```ts
 * const source = await loadCsvBarSource({ AAPL: "data/AAPL.csv" });
 * const stream = source.open("AAPL");
 * ```
 */
export async function loadCsvBarSource(
  files: Readonly<Record<string, string>>,
): Promise<ArrayBarSource> {
  const entries = Object.entries(files);
  const parsed = await Promise.all(entries.map(async ([symbol, path]) => {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      throw new CsvFormatError(`cannot read file (${(error as Error).message})`, { file: path });
    }
    return [
      symbol.toUpperCase(),
      parseBarCsv(text, { symbol: symbol.toUpperCase(), file: path }),
    ] as const;
  }));
  const barsBySymbol: Record<string, readonly Bar[]> = {};
  for (const [symbol, bars] of parsed) barsBySymbol[symbol] = bars;
  return new ArrayBarSource(barsBySymbol, { description: "CSV files" });
}
