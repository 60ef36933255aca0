/**
 * Rendering of one telemetry event as one JSONL line.
 *
 * @module
 */
import { Decimal, type TelemetryEvent } from "../model/mod.ts";

/** Fields that vary with the wall clock, excluded when comparing runs for determinism. */
export const WALL_CLOCK_FIELDS: readonly string[] = ["wall"];

/**
 * Renders `event` as one line of JSON (no trailing newline): `ts` (market time,
 * ISO 8601), `event`, `strategy_id` when present, the event's own fields, then
 * `wall` (the wall-clock time the line was written, ISO 8601). Decimals render
 * as strings (their `toJSON`), `undefined` fields are dropped and non-finite
 * numbers become `null`, as `JSON.stringify` does. Fields must be
 * JSON-serialisable values (no bigints, Maps or cycles).
 *
 * This runs for every event of a run, so it avoids a `JSON.stringify`
 * replacer (which disables V8's fast path) and caches the ISO rendering of the
 * last timestamps, which repeat within a bar.
 */
export function formatTelemetryLine(event: TelemetryEvent, wallMs: number): string {
  const record: Record<string, unknown> = { ts: isoTime(event.ts), event: event.event };
  if (event.strategy_id !== undefined) record.strategy_id = event.strategy_id;
  for (const key in event) {
    if (key !== "ts" && key !== "event" && key !== "strategy_id" && key !== "wall") {
      const value = event[key];
      // Decimals become strings here: a toJSON call would push JSON.stringify off its fast path.
      record[key] = value instanceof Decimal ? value.toString() : value;
    }
  }
  record.wall = isoTime(wallMs);
  return JSON.stringify(record);
}

let cachedMs = Number.NaN;
let cachedIso = "";
let previousMs = Number.NaN;
let previousIso = "";

/** ISO 8601 rendering of an epoch-ms time, remembering the last two renderings. */
function isoTime(ms: number): string {
  if (ms === cachedMs) return cachedIso;
  if (ms === previousMs) return previousIso;
  const iso = Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
  previousMs = cachedMs;
  previousIso = cachedIso;
  cachedMs = ms;
  cachedIso = iso;
  return iso;
}
