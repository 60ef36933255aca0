/**
 * Builds the bar source a sim venue's options ask for.
 *
 * @module
 */
import type { BarSource } from "./bar_source.ts";
import { loadCsvBarSource } from "./csv_bar_source.ts";
import type { SimVenueOptions } from "./sim_venue_options.ts";
import { SyntheticBarSource } from "./synthetic_bar_source.ts";

/**
 * The {@link BarSource} of `options.feed`: a {@link SyntheticBarSource} from
 * the GBM fields (`seed`, `start`, `bars`, `drift`, `volatility`,
 * `startPrice`, `symbolOverrides`) with time step `barSizeMs`, or the CSV files
 * of `options.csv`, read and parsed now.
 *
 * @throws {RangeError} for invalid synthetic settings or `feed: csv` without files.
 * @throws {CsvFormatError} for an unreadable or malformed CSV file.
 * @example
 * ```ts
 * const source = await createBarSource(simVenueOptions({ seed: 1 }), 60_000);
 * ```
 */
export async function createBarSource(
  options: SimVenueOptions,
  barSizeMs: number,
): Promise<BarSource> {
  if (options.feed === "csv") {
    if (Object.keys(options.csv).length === 0) {
      throw new RangeError("venue.feed is csv but venue.csv lists no files (symbol: path)");
    }
    return await loadCsvBarSource(options.csv);
  }
  return new SyntheticBarSource({
    seed: options.seed,
    start: options.start,
    barSizeMs,
    bars: options.bars,
    drift: options.drift,
    volatility: options.volatility,
    startPrice: options.startPrice,
    symbolOverrides: options.symbolOverrides,
  });
}
