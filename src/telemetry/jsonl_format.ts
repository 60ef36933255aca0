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
 * This runs for every event of a run, so the line is written field by field
 * (the same text `JSON.stringify` produces for the record, without building
 * the record): field prefixes are cached per name, plain strings and
 * Decimals go between quotes as they are, anything needing escaping and
 * nested values go through `JSON.stringify`, and recent ISO timestamps are
 * cached, as they repeat within a bar.
 */
export function formatTelemetryLine(event: TelemetryEvent, wallMs: number): string {
  if (typeof event.event !== "string") return formatAsRecord(event, wallMs);
  let line = '{"ts":"' + isoTime(event.ts) + eventPart(event.event);
  const strategyId = event.strategy_id;
  if (strategyId !== undefined) {
    const rendered = renderValue(strategyId);
    if (rendered !== undefined) line += ',"strategy_id":' + rendered;
  }
  for (const key in event) {
    if (key === "ts" || key === "event" || key === "strategy_id" || key === "wall") continue;
    const first = key.charCodeAt(0);
    // Integer-like keys sort before "ts" in JSON.stringify, and "__proto__" cannot be a plain
    // record key: both take the record path, which reproduces the old output exactly.
    if ((first >= 48 && first <= 57) || key === "__proto__") return formatAsRecord(event, wallMs);
    const value = event[key];
    // Strings and Decimals are appended inside quotes that the cached key prefix opens, so
    // the common fields cost no intermediate quoted string.
    if (typeof value === "string" && isPlain(value)) {
      line = line + keyPrefixes(key).quoted + value + '"';
    } else if (value instanceof Decimal) {
      line = line + keyPrefixes(key).quoted + value.toString() + '"';
    } else {
      const rendered = renderValue(value);
      if (rendered !== undefined) line = line + keyPrefixes(key).bare + rendered;
    }
  }
  return line + ',"wall":"' + isoTime(wallMs) + '"}';
}

/** The JSON text of one field value, or undefined when JSON.stringify would drop the field. */
function renderValue(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return quoteString(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      if (value === null) return "null";
      // A Decimal renders as its string (what its toJSON returns); digits never need escaping.
      if (value instanceof Decimal) return '"' + value.toString() + '"';
      return JSON.stringify(value);
  }
}

/**
 * True when a string needs no JSON escaping (no control characters, `"`,
 * `\\` or lone surrogates), so it can be written between quotes as is.
 * Telemetry strings are short identifiers, so the scan is cheap.
 */
function isPlain(value: string): boolean {
  if (value.length > 64) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
  }
  return true;
}

/** A string as a JSON string literal. */
function quoteString(value: string): string {
  return isPlain(value) ? '"' + value + '"' : JSON.stringify(value);
}

/** `,"key":` and `,"key":"` of one field name, JSON-escaped. */
interface KeyPrefixes {
  readonly bare: string;
  readonly quoted: string;
}

const keyPrefixCache = new Map<string, KeyPrefixes>();

/** The prefixes of `key`, memoised (events reuse a small set of field names). */
function keyPrefixes(key: string): KeyPrefixes {
  let prefixes = keyPrefixCache.get(key);
  if (prefixes === undefined) {
    const bare = "," + JSON.stringify(key) + ":";
    prefixes = { bare, quoted: bare + '"' };
    if (keyPrefixCache.size < 4096) keyPrefixCache.set(key, prefixes);
  }
  return prefixes;
}

const eventPartCache = new Map<string, string>();

/** `","event":"name"` (closing the ts quote), memoised per event name. */
function eventPart(name: string): string {
  let part = eventPartCache.get(name);
  if (part === undefined) {
    part = '","event":' + quoteString(name);
    if (eventPartCache.size < 4096) eventPartCache.set(name, part);
  }
  return part;
}

/** The general path: builds the record and stringifies it (keys that JSON orders specially). */
function formatAsRecord(event: TelemetryEvent, wallMs: number): string {
  const record: Record<string, unknown> = { ts: isoTime(event.ts), event: event.event };
  if (event.strategy_id !== undefined) record.strategy_id = event.strategy_id;
  for (const key in event) {
    if (key !== "ts" && key !== "event" && key !== "strategy_id" && key !== "wall") {
      const value = event[key];
      record[key] = value instanceof Decimal ? value.toString() : value;
    }
  }
  record.wall = isoTime(wallMs);
  return JSON.stringify(record);
}

/** `.mmmZ` for every millisecond of a second. */
const MILLISECOND_SUFFIXES: readonly string[] = Array.from(
  { length: 1000 },
  (_, ms) => `.${String(ms).padStart(3, "0")}Z`,
);
/** 10000-01-01T00:00:00Z: from here on ISO years take six digits. */
const YEAR_10000_MS = 253_402_300_800_000;

let cachedSecond = Number.NaN;
let cachedPrefix = "";
let previousSecond = Number.NaN;
let previousPrefix = "";
let lastMs = Number.NaN;
let lastIso = "";
let otherMs = Number.NaN;
let otherIso = "";

/**
 * ISO 8601 rendering of an epoch-ms time (`Date#toISOString`). The last two
 * renderings are kept whole (market time and the wall clock alternate, each
 * repeating for many lines), and the `YYYY-MM-DDTHH:MM:SS` part of the last
 * two seconds, so a new millisecond only appends its digits.
 */
function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  if (ms === otherMs) return otherIso;
  let iso: string;
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) {
    iso = Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
  } else {
    const millis = ms % 1000;
    const second = ms - millis;
    let prefix: string;
    if (second === cachedSecond) prefix = cachedPrefix;
    else if (second === previousSecond) prefix = previousPrefix;
    else {
      prefix = new Date(second).toISOString().slice(0, 19);
      previousSecond = cachedSecond;
      previousPrefix = cachedPrefix;
      cachedSecond = second;
      cachedPrefix = prefix;
    }
    iso = prefix + (MILLISECOND_SUFFIXES[millis] as string);
  }
  otherMs = lastMs;
  otherIso = lastIso;
  lastMs = ms;
  lastIso = iso;
  return iso;
}
