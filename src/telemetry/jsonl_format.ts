/**
 * Rendering of one telemetry event as one JSONL line.
 *
 * @module
 */
import type { TelemetryEvent } from "../model/mod.ts";

/** Fields that vary with the wall clock, excluded when comparing runs for determinism. */
export const WALL_CLOCK_FIELDS: readonly string[] = ["wall"];

/**
 * Renders `event` as one line of JSON (no trailing newline): `ts` (market time,
 * ISO 8601), `event`, `strategy_id` when present, the event's own fields, then
 * `wall` (the wall-clock time the line was written, ISO 8601). Decimals render
 * as strings (their `toJSON`), `undefined` fields are dropped, bigints become
 * strings, and non-finite numbers become `null`, so every line is valid JSON.
 */
export function formatTelemetryLine(event: TelemetryEvent, wallMs: number): string {
  const { ts, event: name, strategy_id, ...fields } = event;
  const record: Record<string, unknown> = { ts: isoTime(ts), event: name };
  if (strategy_id !== undefined) record.strategy_id = strategy_id;
  for (const key in fields) {
    if (key !== "wall") record[key] = fields[key];
  }
  record.wall = isoTime(wallMs);
  return JSON.stringify(record, jsonSafe);
}

function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
