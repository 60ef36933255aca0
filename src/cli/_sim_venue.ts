/**
 * Builds the simulated venue of a graph about to run. The CSV files of a
 * replay are read and parsed here, in full, before the run opens its
 * telemetry log: a malformed file stops the run with `file:line: problem`
 * and leaves no log behind.
 *
 * @module
 */
import {
  barSizeProblemLine,
  decideDataBarSize,
  measureBarSpacing,
  type SimVenueConfig,
  type StrategyGraphConfig,
} from "../config/mod.ts";
import { UserError } from "../errors.ts";
import { barSizeMs, CsvFormatError } from "../model/mod.ts";
import {
  barSourceOfCsvFiles,
  type CsvBarFile,
  readCsvBarFiles,
  SimVenue,
} from "../venues/sim/mod.ts";

async function readFiles(files: Readonly<Record<string, string>>): Promise<CsvBarFile[]> {
  try {
    return await readCsvBarFiles(files);
  } catch (error) {
    if (error instanceof CsvFormatError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * The sim venue of `graph` (whose venue is `venue`). For a CSV replay the
 * files are read now and their spacing checked against the graph's bar size
 * (already decided from the data by withDataBarSize when the graph sets
 * none); a bar size that is a multiple of the spacing makes the venue publish
 * bars of the spacing for the coordinator to aggregate.
 *
 * @throws {UserError} `file:line: problem` for an unreadable or malformed
 * file, or a bar size that does not fit the files.
 * @throws {RangeError} when a CSV graph's bar size is still the default
 * (withDataBarSize was not applied).
 */
export async function createSimVenue(
  graph: StrategyGraphConfig,
  venue: SimVenueConfig,
): Promise<SimVenue> {
  const settings = graph.settings;
  const barMs = barSizeMs(settings.barSize);
  if (venue.feed !== "csv") return new SimVenue(venue, { barSizeMs: barMs });
  if (settings.barSizeSource === "default") {
    throw new RangeError(
      "a CSV replay's bar size must be decided from its data first (withDataBarSize)",
    );
  }
  const files = await readFiles(venue.csv);
  const decision = decideDataBarSize(
    settings.barSize,
    files.map((file) => ({
      file: file.file,
      symbol: file.symbol,
      spacing: measureBarSpacing(file.content.bars),
    })),
  );
  if (!decision.ok) throw new UserError(decision.problems.map(barSizeProblemLine).join("\n"));
  return new SimVenue(venue, {
    barSizeMs: barMs,
    source: barSourceOfCsvFiles(files),
    ...(decision.sourceBarSizeMs === undefined
      ? {}
      : { sourceBarSizeMs: decision.sourceBarSizeMs }),
  });
}
