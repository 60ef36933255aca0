/**
 * How many bars a market of day sessions produces: the UTC-aligned periods of
 * one bar size that its sessions trade in, counted per session over
 * reference years.
 *
 * @module
 */
import { DAY_MS, dayNumber } from "./_day_number.ts";
import type { TradingSession } from "./trading_calendar.ts";

/**
 * The reference years, 2015-2024: ten years, so a weekly bar's count is off
 * by under 0.2% at the edges, all inside the years whose NYSE holidays and
 * early closes the tests check against the published schedules, with both
 * halves of every daylight-saving year.
 */
const FIRST_DAY = dayNumber(2015, 1, 1);
const END_DAY = dayNumber(2025, 1, 1);

/**
 * `barSizeMs` when it is a positive finite number of ms.
 *
 * @throws {RangeError} otherwise.
 */
export function positiveBarSize(barSizeMs: number): number {
  if (!(barSizeMs > 0) || !Number.isFinite(barSizeMs)) {
    throw new RangeError(`bar size ${barSizeMs} ms must be a positive number`);
  }
  return barSizeMs;
}

/**
 * Bars per session: the distinct periods `[k x barSizeMs, (k + 1) x barSizeMs)`
 * that the sessions of the reference years overlap, over the number of those
 * sessions. Only sessions whose periods lie wholly inside the reference years
 * count, so no bar is cut off at either end. Bars shorter than a day are
 * counted over full sessions (early closes left out), longer ones over every
 * session, since a daily or weekly bar is one or several trading days
 * whatever their length.
 *
 * @throws {RangeError} for a bar size that is not positive, or longer than the reference years.
 */
export function barsPerSession(
  sessionOfDay: (day: number) => TradingSession | undefined,
  barSizeMs: number,
): number {
  const size = positiveBarSize(barSizeMs);
  const intraday = size < DAY_MS;
  const firstPeriod = Math.ceil((FIRST_DAY * DAY_MS) / size);
  const endPeriod = Math.floor((END_DAY * DAY_MS) / size);
  let sessions = 0;
  let bars = 0;
  let lastCounted = Number.NEGATIVE_INFINITY;
  for (let day = FIRST_DAY - 1; day <= END_DAY; day++) {
    const session = sessionOfDay(day);
    if (session === undefined || (intraday && session.earlyClose)) continue;
    const first = Math.floor(session.open / size);
    const last = Math.floor((session.close - 1) / size);
    if (first < firstPeriod || last >= endPeriod) continue;
    sessions++;
    // A period two sessions share (a bar longer than the night between them) is one bar.
    const from = Math.max(first, lastCounted + 1);
    if (last >= from) {
      bars += last - from + 1;
      lastCounted = last;
    }
  }
  if (sessions === 0) {
    throw new RangeError(`bar size ${size} ms is longer than the calendar's reference years`);
  }
  return bars / sessions;
}
