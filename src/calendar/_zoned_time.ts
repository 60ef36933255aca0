/**
 * Wall-clock times of an IANA time zone as epoch milliseconds, through
 * `Intl.DateTimeFormat` (the platform's time zone database: no DST table of
 * our own).
 *
 * @module
 */
import { DAY_MS } from "./_day_number.ts";

const OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/** Converts instants to wall-clock offsets of one time zone. */
export class ZonedTime {
  readonly #format: Intl.DateTimeFormat;

  /**
   * A converter for `timeZone`.
   *
   * @throws {RangeError} for a name the platform does not know.
   */
  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  }

  /** Offset of the zone from UTC at instant `ms`, in ms (New York in winter: -5 h). */
  offsetMs(ms: number): number {
    const name = this.#format.formatToParts(ms).find((part) => part.type === "timeZoneName");
    const match = OFFSET.exec(name?.value ?? "");
    if (match === null) throw new RangeError(`unexpected time zone offset "${name?.value}"`);
    if (match[1] === undefined) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return (match[1] === "-" ? -minutes : minutes) * 60_000;
  }

  /**
   * Epoch ms of the wall-clock time `minuteOfDay` (minutes after midnight) on
   * the date of day number `day` in the zone. Meant for times away from a DST
   * switch (which happens at night), where a wall time is exactly one instant.
   */
  epochOf(day: number, minuteOfDay: number): number {
    const wall = day * DAY_MS + minuteOfDay * 60_000;
    const guess = wall - this.offsetMs(wall);
    return wall - this.offsetMs(guess);
  }
}
