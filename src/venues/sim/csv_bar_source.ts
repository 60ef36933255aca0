/**
 * CSV replay: one OHLCV file per symbol, read once and replayed from memory.
 *
 * @module
 */
import { ArrayBarSource } from "./array_bar_source.ts";
import { type Bar, type BarCsvContent, CsvFormatError, parseBarCsv } from "../../model/mod.ts";
import { describeError } from "../../error_text.ts";

/** One symbol's CSV file, read in full. */
export interface CsvBarFile {
  /** Upper-case symbol. */
  readonly symbol: string;
  /** The path as given. */
  readonly file: string;
  /** Its bars and the rows skipped for missing prices. */
  readonly content: BarCsvContent;
}

/**
 * Reads and parses every file of `files` (symbol -> path, symbols upper-cased)
 * in full. Formats: see {@link parseBarCsv} (Yahoo and IB, header optional for
 * IB).
 *
 * @throws {CsvFormatError} `path: cannot read file (...)` for an unreadable
 * file, `path:line: problem` for a bad row.
 * @example
 * ```ts
 * const [aapl] = await readCsvBarFiles({ AAPL: "data/AAPL.csv" });
 * console.log(aapl?.content.bars.length, aapl?.content.skipped?.count ?? 0);
 * ```
 */
export async function readCsvBarFiles(
  files: Readonly<Record<string, string>>,
): Promise<CsvBarFile[]> {
  return await Promise.all(Object.entries(files).map(([name, file]) => readCsvBarFile(name, file)));
}

async function readCsvBarFile(name: string, file: string): Promise<CsvBarFile> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (error) {
    throw new CsvFormatError(`cannot read file (${describeError(error)})`, { file });
  }
  const symbol = name.toUpperCase();
  return { symbol, file, content: parseBarCsv(bytes, { symbol, file }) };
}

/**
 * The bars of `files` (read by {@link readCsvBarFiles}) as an
 * {@link ArrayBarSource} described as `"CSV files"`. Like every in-memory
 * source, its `history` is `[]`: warmup happens on the replayed stream.
 *
 * @throws {CsvFormatError} as {@link readCsvBarFiles}.
 * @example
 * ```ts
 * const source = await loadCsvBarSource({ AAPL: "data/AAPL.csv" });
 * const stream = source.open("AAPL");
 * ```
 */
export async function loadCsvBarSource(
  files: Readonly<Record<string, string>>,
): Promise<ArrayBarSource> {
  return barSourceOfCsvFiles(await readCsvBarFiles(files));
}

/** An {@link ArrayBarSource} (`"CSV files"`) over files already read. */
export function barSourceOfCsvFiles(files: readonly CsvBarFile[]): ArrayBarSource {
  const barsBySymbol: Record<string, readonly Bar[]> = {};
  for (const { symbol, content } of files) barsBySymbol[symbol] = content.bars;
  return new ArrayBarSource(barsBySymbol, { description: "CSV files" });
}
