/**
 * Times as TWS writes and reads them.
 *
 * @module
 */
import { parseCsvTimestamp } from "../../model/csv_timestamp.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * `yyyyMMdd-HH:mm:ss` in UTC: the form TWS accepts for an execution filter's
 * `time` and a historical request's `endDateTime` whatever its own time zone.
 *
 * @example
 * ```ts
 * formatIbUtc(Date.UTC(2025, 0, 2, 15, 4, 5)); // "20250102-15:04:05"
 * ```
 */
export function formatIbUtc(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${
    pad(d.getUTCHours())
  }:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Epoch ms of a time TWS wrote: execution times (`20250102 15:30:00 US/Eastern`,
 * older versions with two spaces and no zone, read as UTC), bar dates
 * (`20250102`, epoch seconds). Returns `undefined` when unreadable.
 */
export function parseIbTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseCsvTimestamp(text.trim().replace(/\s+/g, " "));
  } catch {
    return undefined;
  }
}
