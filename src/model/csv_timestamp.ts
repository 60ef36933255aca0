/**
 * Timestamps as they appear in OHLCV CSV files (Yahoo and IB historical data).
 *
 * @module
 */

const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YMD_COMPACT_TIME = /^(\d{4})(\d{2})(\d{2})[ -](\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/;
const YMD_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH = /^-?\d+$/;
/**
 * Digits from which an epoch number is milliseconds: 11 digits of seconds
 * would be after 2286, while 13 digits of milliseconds are 2001 to 2286.
 */
const EPOCH_MS_DIGITS = 11;

/** Accepted forms, quoted in error messages. */
export const CSV_TIMESTAMP_FORMS =
  "YYYY-MM-DD, YYYYMMDD, YYYYMMDD HH:MM[:SS] [time zone], YYYYMMDD-HH:MM:SS, " +
  "ISO 8601 date-time, epoch seconds (10 digits) or epoch milliseconds (13 digits)";

/** The earliest time a CSV row may have: 1900-01-01T00:00:00Z. */
export const CSV_TIME_MIN: number = Date.UTC(1900, 0, 1);
/** The first time past the latest a CSV row may have: 2200-01-01T00:00:00Z. */
export const CSV_TIME_END: number = Date.UTC(2200, 0, 1);
/** {@link CSV_TIME_MIN} to {@link CSV_TIME_END} in words, for messages. */
export const CSV_TIME_RANGE = "1900-01-01 to 2200-01-01";

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

/** Epoch ms of the fields as UTC, or `undefined` when they are not a real calendar time. */
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
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getUTCFullYear() === year && date.getUTCDate() === day ? date.getTime() : undefined;
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

/** Epoch ms of `field` in one of the forms, `undefined` when it is none of them. */
function readTimestamp(field: string): number | undefined {
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
    // Fractions finer than a millisecond (pandas writes microseconds) are cut to milliseconds.
    const millis = Number((match[7] ?? "").slice(0, 3).padEnd(3, "0"));
    return wall + millis - offsetMs(match[8]);
  }
  if (EPOCH.test(field)) {
    const digits = field.replace("-", "").length;
    return digits >= EPOCH_MS_DIGITS ? Number(field) : Number(field) * 1000;
  }
  return undefined;
}

const YEAR_MS = 31_556_952_000; // 365.2425 days

/** The year of `ts`, also for times outside the range of `Date`. */
function yearOf(ts: number): number {
  const year = new Date(ts).getUTCFullYear();
  return Number.isNaN(year) ? Math.floor(1970 + ts / YEAR_MS) : year;
}

function outOfRange(field: string, ts: number): string {
  if (!EPOCH.test(field)) return `date "${field}" is outside ${CSV_TIME_RANGE}`;
  const unit = field.replace("-", "").length >= EPOCH_MS_DIGITS ? "milliseconds" : "seconds";
  const year = Number.isFinite(ts) ? `year ${yearOf(ts)}` : "a time past any year";
  return `date "${field}" read as epoch ${unit} is ${year}, outside ${CSV_TIME_RANGE} ` +
    `(a number of up to 10 digits is epoch seconds, 11 or more is milliseconds)`;
}

/**
 * Parses one CSV date/time field into epoch ms, or returns `undefined` when it
 * is not one of {@link CSV_TIMESTAMP_FORMS}. Runs of white space count as one
 * space (IB writes `20240102  14:30:00`).
 *
 * - `2024-01-02` (Yahoo) and `20240102` (IB daily bars): midnight UTC of that date.
 * - `20240102 14:30:00` and `20240102-14:30:00` (IB intraday): UTC, unless a
 *   time zone name follows (`20240102 09:30:00 US/Eastern`, as recent TWS
 *   versions write), which is then honoured.
 * - ISO 8601 date-times: their offset when given, UTC otherwise; a fraction
 *   of a second of any length (`09:30:00.000000-05:00`), cut to milliseconds.
 * - A whole number: epoch seconds (IB `formatDate=2`) with up to 10 digits,
 *   epoch milliseconds with 11 or more (`1704205800000`).
 *
 * @throws {RangeError} when a time zone name is not a known IANA zone, and
 * when the time is outside {@link CSV_TIME_RANGE} (no market data is older,
 * and epoch numbers of the wrong unit land there).
 * @example
 * ```ts
 * parseCsvTimestamp("20240102 14:30:00"); // 1704205800000
 * parseCsvTimestamp("1704205800");        // 1704205800000
 * parseCsvTimestamp("1704205800000");     // 1704205800000
 * ```
 */
export function parseCsvTimestamp(text: string): number | undefined {
  const field = text.trim().replace(/\s+/g, " ");
  const ts = readTimestamp(field);
  if (ts !== undefined && !(ts >= CSV_TIME_MIN && ts < CSV_TIME_END)) {
    throw new RangeError(outOfRange(field, ts));
  }
  return ts;
}

/** Offset of a `Z`, `+HH`, `+HH:MM` or `-HHMM` suffix in ms (absent = UTC). */
function offsetMs(suffix: string | undefined): number {
  if (suffix === undefined || suffix.toUpperCase() === "Z") return 0;
  const digits = suffix.replace(":", "");
  const sign = digits[0] === "-" ? -1 : 1;
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5) || "0");
  return sign * (hours * 60 + minutes) * 60_000;
}
