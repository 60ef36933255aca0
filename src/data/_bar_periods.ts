/**
 * The periods bars of one size are built over: aligned to UTC as `barStart`
 * cuts them, and on a trading calendar cut at every session's open and
 * close, with bars of a day or longer made of whole sessions.
 *
 * @module
 */
import type { TradingCalendar, TradingSession } from "../calendar/mod.ts";
import { barStart } from "../model/mod.ts";

const DAY_MS = 86_400_000;

/** One period of target bars, as far as one source bar's time goes. */
export interface BarPeriod {
  /** The `ts` of the bar built over the period. */
  readonly start: number;
  /** Where the source bars of this stretch of the period begin (the start, or a session's open). */
  readonly from: number;
  /** Where they end: later bars belong to another stretch or another period. */
  readonly to: number;
  /** When the period is complete: the bar whose end reaches it completes it. */
  readonly end: number;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Finds the period of a source bar's time for target bars of `targetMs`.
 * Without a calendar every instant is in the UTC-aligned period
 * `[barStart(ts), barStart(ts) + targetMs)`. With one:
 * - below a day, that period cut to the session the instant is in, or to the
 *   closed hours around it (between a close and the next open);
 * - a day or longer, the period of the sessions whose dates fall in
 *   `[barStart(date), barStart(date) + targetMs)` (one session for a day),
 *   stamped with its first date at 00:00 UTC, complete at its last session's
 *   close; instants outside sessions are in no period, except that a source
 *   bar of a day or longer belongs to its UTC date whatever its time (daily
 *   bars are stamped 00:00 UTC).
 */
export class BarPeriods {
  #sourceMs: number;
  #targetMs: number;
  #calendar: TradingCalendar | undefined;
  /** The session found last (most bars fall in the same one). */
  #session: TradingSession | undefined;

  /** Periods of `targetMs` for source bars of `sourceMs`, on `calendar` (none: continuous time). */
  constructor(sourceMs: number, targetMs: number, calendar?: TradingCalendar) {
    this.#sourceMs = sourceMs;
    this.#targetMs = targetMs;
    this.#calendar = calendar;
  }

  /** The period `ts` is in, or undefined when it is in none (closed hours, for daily bars). */
  periodOf(ts: number): BarPeriod | undefined {
    const target = this.#targetMs;
    const calendar = this.#calendar;
    const aligned = barStart(ts, target);
    if (calendar === undefined) return stretch(aligned, aligned + target);
    if (this.#sourceMs >= DAY_MS) {
      const date = barStart(ts, DAY_MS);
      const start = barStart(date, target);
      return { start, from: date, to: date + DAY_MS, end: this.#lastClose(start, start + target) };
    }
    const session = this.#sessionAt(ts);
    if (target >= DAY_MS) {
      if (session === undefined) return undefined;
      const start = barStart(Date.parse(session.date), target);
      const end = target === DAY_MS ? session.close : this.#lastClose(start, start + target);
      return { start, from: session.open, to: session.close, end };
    }
    if (session !== undefined) {
      return stretch(Math.max(aligned, session.open), Math.min(aligned + target, session.close));
    }
    const from = Math.max(aligned, this.#closeBefore(ts));
    return stretch(from, Math.min(aligned + target, calendar.nextSessionOpen(ts)));
  }

  /** The session that `ts` is in, if any: that of its UTC date or of the day before. */
  #sessionAt(ts: number): TradingSession | undefined {
    const last = this.#session;
    if (last !== undefined && ts >= last.open && ts < last.close) return last;
    const day = Math.floor(ts / DAY_MS);
    for (const date of [day, day - 1]) {
      const session = this.#sessionOn(date);
      if (session !== undefined && ts >= session.open && ts < session.close) {
        this.#session = session;
        return session;
      }
    }
    return undefined;
  }

  /** The latest session close at or before `ts` within a day of it (else -Infinity). */
  #closeBefore(ts: number): number {
    const day = Math.floor(ts / DAY_MS);
    let close = Number.NEGATIVE_INFINITY;
    for (const date of [day - 1, day]) {
      const session = this.#sessionOn(date);
      if (session !== undefined && session.close <= ts) close = Math.max(close, session.close);
    }
    return close;
  }

  /** The close of the last session whose date falls in `[from, to)`. */
  #lastClose(from: number, to: number): number {
    for (let day = Math.ceil(to / DAY_MS) - 1; day * DAY_MS >= from; day--) {
      const session = this.#sessionOn(day);
      if (session !== undefined) return session.close;
    }
    return to;
  }

  #sessionOn(day: number): TradingSession | undefined {
    return this.#calendar?.sessionOn(isoDate(day));
  }
}

function stretch(start: number, end: number): BarPeriod {
  return { start, from: start, to: end, end };
}
