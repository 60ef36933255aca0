/**
 * CSV feed files: paths in a graph are relative to the graph file's folder;
 * validation checks that each file exists.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { asRecord, type RuleFinding } from "./_raw.ts";

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

/**
 * Checks that every file of `venue.csv` exists (only for `feed: csv`). A
 * missing file is an error; a file that cannot be checked (no read permission)
 * is a warning.
 */
export async function checkCsvFiles(raw: unknown, baseDir: string): Promise<RuleFinding[]> {
  const venue = asRecord(asRecord(raw)?.venue);
  if (venue?.type !== "sim" || venue.feed !== "csv") return [];
  const csv = asRecord(venue.csv) ?? {};
  const findings: RuleFinding[] = [];
  for (const [symbol, value] of Object.entries(csv)) {
    if (typeof value !== "string" || value === "") continue;
    const resolved = resolveCsvPath(baseDir, value);
    try {
      const info = await Deno.stat(resolved);
      if (!info.isFile) {
        findings.push({
          path: ["venue", "csv", symbol],
          target: "value",
          message: `${resolved} is not a file`,
          severity: "error",
        });
      }
    } catch (error) {
      const missing = error instanceof Deno.errors.NotFound;
      findings.push({
        path: ["venue", "csv", symbol],
        target: "value",
        message: missing
          ? `CSV file not found: ${resolved} (paths are relative to the graph file)`
          : `cannot check CSV file ${resolved}: ${error instanceof Error ? error.message : error}`,
        severity: missing ? "error" : "warning",
      });
    }
  }
  return findings;
}
