/**
 * The bar size of a graph about to replay CSV files: taken from the files
 * when the graph does not set one, and refused when a set one does not fit
 * them. The graph loader checks a graph's own `venue.csv` files the same way
 * (with located problems); this also covers files given on the command line.
 *
 * @module
 */
import { UserError } from "../errors.ts";
import { CsvFormatError } from "../model/mod.ts";
import type { StrategyGraphConfig } from "./config_types.ts";
import { csvPrefixWarning, readCsvPrefix } from "./csv_prefix.ts";
import { type BarSizeProblem, type CsvFileSpacing, decideDataBarSize } from "./data_bar_size.ts";

/** Options of {@link withDataBarSize}. */
export interface DataBarSizeOptions {
  /** Receives one warning per file with rows skipped for missing prices (default: none). */
  readonly warn?: (message: string) => void;
}

/** `settings.bar_size: ...`, `venue.csv.AAPL: ...`: a problem as one line without a position. */
export function barSizeProblemLine(problem: BarSizeProblem): string {
  const site = typeof problem.site === "string" ? problem.site : `venue.csv.${problem.site.symbol}`;
  return `${site}: ${problem.message}`;
}

async function spacingOf(symbol: string, file: string, options: DataBarSizeOptions) {
  try {
    const prefix = await readCsvPrefix(file, symbol);
    const warning = csvPrefixWarning(prefix);
    if (warning !== undefined) options.warn?.(warning);
    return { file, symbol, spacing: prefix.spacing };
  } catch (error) {
    if (error instanceof CsvFormatError) throw new UserError(error.message);
    if (error instanceof Deno.errors.NotFound) throw new UserError(`${file}: CSV file not found`);
    throw error;
  }
}

/**
 * `graph` with the bar size of its CSV replay decided (see
 * decideDataBarSize): a graph that does not set `settings.bar_size` gets its
 * files' spacing (`barSizeSource: "data"`). Other graphs are returned as
 * they are. Reads the beginning of each file (see readCsvPrefix).
 *
 * @throws {UserError} `file:line: problem` for a bad header or first rows, a
 * missing file, or a bar size that does not fit the files (naming both).
 * @example
 * ```ts
 * const graph = await withDataBarSize(loaded.config); // a daily CSV graph: barSize "1d"
 * ```
 */
export async function withDataBarSize(
  graph: StrategyGraphConfig,
  options: DataBarSizeOptions = {},
): Promise<StrategyGraphConfig> {
  const venue = graph.venue;
  if (venue.type !== "sim" || venue.feed !== "csv") return graph;
  const files: CsvFileSpacing[] = [];
  for (const [symbol, file] of Object.entries(venue.csv)) {
    files.push(await spacingOf(symbol, file, options));
  }
  const settings = graph.settings;
  const decision = decideDataBarSize(
    settings.barSizeSource === "default" ? undefined : settings.barSize,
    files,
  );
  if (!decision.ok) throw new UserError(decision.problems.map(barSizeProblemLine).join("\n"));
  if (settings.barSizeSource !== "default") return graph;
  return {
    ...graph,
    settings: { ...settings, barSize: decision.barSize, barSizeSource: decision.source },
  };
}
