/**
 * Timestamps as they appear in OHLCV CSV files (Yahoo and IB historical data).
 *
 * @module
 */

const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YMD_COMPACT_TIME = /^(\d{4})(\d{2})(\d{2})[ -](\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/;
const YMD_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DIGITS = /^\d+$/;

/** Accepted forms, quoted in error messages. */
export const CSV_TIMESTAMP_FORMS =
  "YYYY-MM-DD, YYYYMMDD, YYYYMMDD HH:MM[:SS] [time zone], YYYYMMDD-HH:MM:SS, " +
  "ISO 8601 date-time, or epoch seconds";

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormats.set(zone, format);
  }
  return format;
}

/** Offset of `zone` from UTC at instant `ts`, in ms (e.g. -5 h for New York in winter). */
function zoneOffsetMs(zone: string, ts: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(zone).formatToParts(ts)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
    parts.second as number,
  );
  return asUtc - (ts - (((ts % 1000) + 1000) % 1000));
}

/** Epoch ms of a wall-clock time in `zone` (an IANA name such as `US/Eastern`). */
function zonedToEpoch(wallAsUtc: number, zone: string): number {
  const guess = wallAsUtc - zoneOffsetMs(zone, wallAsUtc);
  return wallAsUtc - zoneOffsetMs(zone, guess);
}

/** `Date.UTC` of the fields, or `undefined` when they are not a real calendar time. */
function utcFields(
  fields: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
  },
): number | undefined {
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ts = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ts);
  return check.getUTCFullYear() === year && check.getUTCDate() === day ? ts : undefined;
}

/** Parses the fields of a date and optional time matched by one of the patterns. */
function fromMatch(match: RegExpExecArray): number | undefined {
  return utcFields({
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
  });
}

/**
 * Parses one CSV date/time field into epoch ms, or returns `undefined` when it
 * is not one of {@link CSV_TIMESTAMP_FORMS}.
 *
 * - `2024-01-02` (Yahoo) and `20240102` (IB daily bars): midnight UTC of that date.
 * - `20240102 14:30:00` and `20240102-14:30:00` (IB intraday): UTC, unless a
 *   time zone name follows (`20240102 09:30:00 US/Eastern`, as recent TWS
 *   versions write), which is then honoured.
 * - ISO 8601 date-times: their offset when given, UTC otherwise.
 * - Any other run of digits: epoch seconds (IB `formatDate=2`).
 *
 * @throws {RangeError} when a time zone name is not a known IANA zone.
 * @example
 * ```ts
 * parseCsvTimestamp("20240102 14:30:00"); // 1704205800000
 * parseCsvTimestamp("1704205800");        // 1704205800000
 * ```
 */
export function parseCsvTimestamp(text: string): number | undefined {
  const field = text.trim();
  let match = YMD_ISO.exec(field) ?? YMD_COMPACT.exec(field);
  if (match !== null) return fromMatch(match);
  match = YMD_COMPACT_TIME.exec(field);
  if (match !== null) {
    const wall = fromMatch(match);
    const zone = match[7];
    if (wall === undefined || zone === undefined) return wall;
    try {
      return zonedToEpoch(wall, zone);
    } catch {
      throw new RangeError(`unknown time zone "${zone}" in "${field}"`);
    }
  }
  match = ISO_DATE_TIME.exec(field);
  if (match !== null) {
    const wall = fromMatch(match);
    if (wall === undefined) return undefined;
    const millis = Number((match[7] ?? "").padEnd(3, "0"));
    return wall + millis - offsetMs(match[8]);
  }
  if (DIGITS.test(field)) return Number(field) * 1000;
  return undefined;
}

/** Offset of a `Z`, `+HH:MM` or `-HHMM` suffix in ms (absent = UTC). */
function offsetMs(suffix: string | undefined): number {
  if (suffix === undefined || suffix === "Z") return 0;
  const digits = suffix.replace(":", "");
  const sign = digits[0] === "-" ? -1 : 1;
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  return sign * (hours * 60 + minutes) * 60_000;
}
