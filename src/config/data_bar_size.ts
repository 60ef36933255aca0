/**
 * The bar size of a CSV replay, decided from the data: the files' spacing
 * when the graph does not set `settings.bar_size`, and a check that a bar size
 * the graph does set fits the data.
 *
 * A set bar size fits when it equals the files' spacing, or, for intraday
 * files, when it is a whole multiple of the spacing of at most 1d (a 5m graph
 * over 1m files): the coordinator then aggregates the replayed bars (see
 * MarketDataService). Daily and weekly files replay at their own size only:
 * bars aggregate over UTC-aligned periods, which for days would not be
 * trading weeks.
 *
 * @module
 */
import { barSizeMs } from "../model/bar_size.ts";
import { type BarSpacing, describeBarSpacing } from "./bar_spacing.ts";

const DAY_MS = 86_400_000;

/** One CSV file's spacing (undefined when it has fewer than two rows). */
export interface CsvFileSpacing {
  /** The file, as shown in messages. */
  readonly file: string;
  /** Upper-case symbol it feeds. */
  readonly symbol: string;
  /** How its rows are spaced. */
  readonly spacing: BarSpacing | undefined;
}

/** Where a bar size problem belongs: the setting, the CSV map, or one symbol's file. */
export type BarSizeProblemSite = "settings.bar_size" | "venue.csv" | { readonly symbol: string };

/** A reason the data and the bar size do not go together. */
export interface BarSizeProblem {
  /** What the problem is about. */
  readonly site: BarSizeProblemSite;
  /** What is wrong and how to fix it; the site's path is not part of it. */
  readonly message: string;
}

/** The outcome of {@link decideDataBarSize}. */
export type DataBarSizeDecision =
  | {
    readonly ok: true;
    /** The bar size to run with. */
    readonly barSize: string;
    /** Where it came from. */
    readonly source: "graph" | "data";
    /** The files' spacing in ms, when it differs from `barSize` (the coordinator aggregates). */
    readonly sourceBarSizeMs?: number;
  }
  | { readonly ok: false; readonly problems: readonly BarSizeProblem[] };

function fits(configuredMs: number, spacing: BarSpacing, spacingMs: number): boolean {
  if (configuredMs === spacingMs) return true;
  return spacing.kind === "intraday" && configuredMs % spacingMs === 0 && configuredMs <= DAY_MS;
}

function unusable(files: readonly CsvFileSpacing[], configured: string | undefined) {
  const problems: BarSizeProblem[] = [];
  for (const { file, symbol, spacing } of files) {
    if (spacing === undefined && configured === undefined) {
      problems.push({
        site: { symbol },
        message: `${file} has a single row, too few to infer the bar size from; ` +
          "add rows or set settings.bar_size",
      });
    } else if (spacing !== undefined && spacing.barSize === undefined) {
      problems.push({
        site: configured === undefined ? { symbol } : "settings.bar_size",
        message: `${configured === undefined ? "" : `${configured}, but `}${file} has ${
          describeBarSpacing(spacing)
        }, which no bar size fits; replay bars from 1s to 1d apart, or weekly bars (7d)`,
      });
    }
  }
  return problems;
}

/**
 * Decides the bar size of a replay of `files` with the graph's `configured`
 * bar size (undefined when the graph does not set one): the files' spacing,
 * or `configured` when it fits (see the module docs). Problems: a file whose
 * spacing no bar size fits or that is too short to infer one from, files of
 * different spacings, and a `configured` bar size that does not fit.
 *
 * @example
 * ```ts
 * decideDataBarSize("1m", [{ file: "data/AAPL.csv", symbol: "AAPL", spacing: daily }]);
 * // { ok: false, problems: [{ site: "settings.bar_size", message: "1m, but data/AAPL.csv has
 * //   daily bars (1d, measured over 2,515 rows); set bar_size: 1d or remove it" }] }
 * ```
 */
export function decideDataBarSize(
  configured: string | undefined,
  files: readonly CsvFileSpacing[],
): DataBarSizeDecision {
  const problems = unusable(files, configured);
  if (problems.length > 0) return { ok: false, problems };
  const measured = files.filter((file) => file.spacing !== undefined);
  const first = measured[0];
  if (first === undefined) {
    return configured === undefined
      ? {
        ok: false,
        problems: [{ site: "venue.csv", message: "no CSV file to infer the bar size from" }],
      }
      : { ok: true, barSize: configured, source: "graph" };
  }
  const spacing = first.spacing as BarSpacing;
  const size = spacing.barSize as string;
  const others = measured.filter((file) => file.spacing?.barSize !== size);
  if (others.length > 0) {
    const list = [first, ...others].map((file) =>
      `${file.file} has ${describeBarSpacing(file.spacing as BarSpacing)}`
    );
    return {
      ok: false,
      problems: [{
        site: "venue.csv",
        message: `the files are spaced differently: ${list.join(", ")}; ` +
          "a graph replays files of one bar spacing",
      }],
    };
  }
  const spacingMs = barSizeMs(size);
  if (configured === undefined) return { ok: true, barSize: size, source: "data" };
  const configuredMs = barSizeMs(configured);
  if (fits(configuredMs, spacing, spacingMs)) {
    return {
      ok: true,
      barSize: configured,
      source: "graph",
      ...(configuredMs === spacingMs ? {} : { sourceBarSizeMs: spacingMs }),
    };
  }
  const multiple = spacing.kind === "intraday"
    ? `, a whole multiple of ${size} up to 1d (the replay is aggregated),`
    : "";
  return {
    ok: false,
    problems: [{
      site: "settings.bar_size",
      message: `${configured}, but ${first.file} has ${
        describeBarSpacing(spacing)
      }; set bar_size: ${size}${multiple} or remove it`,
    }],
  };
}
