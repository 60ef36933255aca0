/**
 * CSV feed files: paths in a graph are relative to the graph file's folder;
 * validation reads the beginning of each file (its header, first rows and
 * bar spacing) and checks the graph's bar size against the data.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { BAR_SIZE_PATTERN, CsvFormatError } from "../model/mod.ts";
import { asRecord, type RuleFinding } from "./_raw.ts";
import {
  csvPartialCheckWarning,
  type CsvPrefix,
  csvPrefixWarning,
  csvSessionWarning,
  readCsvPrefix,
} from "./csv_prefix.ts";
import {
  type BarSizeProblemSite,
  type CsvFileSpacing,
  decideDataBarSize,
} from "./data_bar_size.ts";
import type { PathSegment } from "./problems.ts";
import { describeError } from "../error_text.ts";

/**
 * The path of a CSV file named in a graph: absolute paths stay, relative ones
 * are joined to the graph's folder (the result is relative to the working
 * directory when `baseDir` is).
 *
 * @example
 * ```ts
 * resolveCsvPath("graphs", "../data/AAPL.csv"); // "data/AAPL.csv"
 * ```
 */
export function resolveCsvPath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : join(baseDir, path);
}

type Inspection =
  | { readonly prefix: CsvPrefix }
  | { readonly finding: Omit<RuleFinding, "path" | "target"> };

/** The hint for a path written with `~`, which nothing expands in a graph. */
export function tildeHint(written: string): string {
  return written.startsWith("~")
    ? `; ~ is not expanded in a graph: write the absolute path (/home/me/... for ~/...)`
    : "";
}

async function inspect(file: string, written: string, symbol: string): Promise<Inspection> {
  try {
    if (!(await Deno.stat(file)).isFile) {
      return { finding: { message: `${file} is not a file`, severity: "error" } };
    }
    return { prefix: await readCsvPrefix(file, symbol) };
  } catch (error) {
    if (error instanceof CsvFormatError) {
      return { finding: { message: error.message, severity: "error" } };
    }
    const reason = describeError(error);
    if (error instanceof Deno.errors.NotFound) {
      return {
        finding: {
          message: `CSV file not found: ${file} (paths are relative to the graph file)${
            tildeHint(written)
          }`,
          severity: "error",
        },
      };
    }
    return { finding: { message: `cannot read CSV file ${file}: ${reason}`, severity: "error" } };
  }
}

function sitePath(site: BarSizeProblemSite): PathSegment[] {
  if (site === "settings.bar_size") return ["settings", "bar_size"];
  if (site === "venue.csv") return ["venue", "csv"];
  return ["venue", "csv", site.symbol];
}

/** Options of {@link checkCsvFiles}. */
export interface CsvFileCheckOptions {
  /**
   * Warn about each file longer than the part checked (`validate` does; a
   * run reads every file in full right after). Default false.
   */
  readonly partialCheckWarnings?: boolean;
}

/**
 * Checks the files of `venue.csv` (only for `feed: csv`): each must be a
 * readable file whose header and rows in its first MiB are valid (an error
 * at `venue.csv.SYMBOL` naming `file:line` otherwise; a file that cannot be
 * read is an error too), rows without prices are one warning per file, a file
 * checked only in part is a warning with `partialCheckWarnings`, and the
 * files' bar spacing must fit `settings.bar_size` (see
 * {@link decideDataBarSize}). The files of a symbol written twice (keys
 * differing only in case, an error of the venue rules) are not read.
 */
export async function checkCsvFiles(
  raw: unknown,
  baseDir: string,
  options: CsvFileCheckOptions = {},
): Promise<RuleFinding[]> {
  const graph = asRecord(raw);
  const venue = asRecord(graph?.venue);
  if (venue?.type !== "sim" || venue.feed !== "csv") return [];
  const csv = asRecord(venue.csv) ?? {};
  const findings: RuleFinding[] = [];
  const spacings: CsvFileSpacing[] = [];
  let complete = true;
  const keysOf = new Map<string, number>();
  for (const key of Object.keys(csv)) {
    keysOf.set(key.toUpperCase(), (keysOf.get(key.toUpperCase()) ?? 0) + 1);
  }
  for (const [symbol, value] of Object.entries(csv)) {
    if ((keysOf.get(symbol.toUpperCase()) ?? 0) > 1) {
      complete = false; // keys differing only in case: checkVenueRules reports them
      continue;
    }
    if (typeof value !== "string" || value === "") continue;
    const file = resolveCsvPath(baseDir, value);
    const inspection = await inspect(file, value, symbol.toUpperCase());
    if ("finding" in inspection) {
      findings.push({ path: ["venue", "csv", symbol], target: "value", ...inspection.finding });
      complete = false;
      continue;
    }
    const prefix = inspection.prefix;
    for (
      const warning of [
        options.partialCheckWarnings === true ? csvPartialCheckWarning(prefix) : undefined,
        csvPrefixWarning(prefix),
        csvSessionWarning(prefix),
      ]
    ) {
      if (warning === undefined) continue;
      findings.push({
        path: ["venue", "csv", symbol],
        target: "value",
        message: warning,
        severity: "warning",
      });
    }
    // The YAML key, not the upper-case symbol: problems are located at it.
    spacings.push({ file, symbol, spacing: inspection.prefix.spacing });
  }
  const configured = asRecord(graph?.settings)?.bar_size;
  const setSize = typeof configured === "string" ? configured : undefined;
  if (
    !complete || spacings.length === 0 || (setSize !== undefined && !BAR_SIZE_PATTERN.test(setSize))
  ) {
    return findings;
  }
  const decision = decideDataBarSize(setSize, spacings);
  if (!decision.ok) {
    for (const problem of decision.problems) {
      findings.push({
        path: sitePath(problem.site),
        target: "value",
        message: problem.message,
        severity: "error",
      });
    }
  }
  return findings;
}
