/**
 * Time strings as TWS writes and reads them. The fake writes every time in
 * UTC; it reads `yyyymmdd-hh:mm:ss` (UTC) and `yyyymmdd hh:mm:ss [zone]`
 * (zone: UTC, GMT or an IANA name such as US/Eastern; none means UTC).
 *
 * @module
 */
import { WireProtocolError } from "./wire.ts";

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** `yyyyMMdd` of an epoch-ms instant, in UTC. */
export function formatIbDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** `yyyyMMdd HH:mm:ss UTC`: how the fake writes execution times and intraday bar dates. */
export function formatIbDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${formatIbDate(epochMs)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${
    pad(d.getUTCSeconds())
  } UTC`;
}

/** `yyyyMMdd HH:mm:ss` of the TWS connection time in the handshake reply. */
export function formatConnectionTime(epochMs: number): string {
  return formatIbDateTime(epochMs);
}

/**
 * Parses an IB date-time: `yyyymmdd-hh:mm:ss` (UTC), `yyyymmdd hh:mm:ss` with
 * an optional zone, or `yyyymmdd` (midnight UTC). Returns epoch ms; throws
 * {@link WireProtocolError} on anything else.
 */
export function parseIbDateTime(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})(?:[- ]+(\d{2}):(\d{2})(?::(\d{2}))?)?(?:\s+(\S+))?$/.exec(
    text.trim(),
  );
  if (!match) {
    throw new WireProtocolError(
      `unreadable IB time ${
        JSON.stringify(text)
      }: expected yyyymmdd-hh:mm:ss or yyyymmdd hh:mm:ss [zone]`,
    );
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone === undefined || zone === "UTC" || zone === "GMT") return asUtc;
  return asUtc - zoneOffsetMs(zone, asUtc, text);
}

/** Offset of `zone` from UTC (ms, east positive) around the wall time `wallAsUtc`. */
function zoneOffsetMs(zone: string, wallAsUtc: number, text: string): number {
  let format: Intl.DateTimeFormat;
  try {
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
  } catch {
    throw new WireProtocolError(
      `unknown time zone ${JSON.stringify(zone)} in ${JSON.stringify(text)}`,
    );
  }
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    return wall - instant;
  };
  // Two passes settle the offset across a DST change.
  const first = offsetAt(wallAsUtc);
  return offsetAt(wallAsUtc - first);
}
