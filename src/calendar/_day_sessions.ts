/**
 * The calendar queries of a market whose sessions are given per trading
 * date: interval sums and searches over the dates around the instants asked
 * about.
 *
 * @module
 */
import { barsPerSession } from "./_bar_count.ts";
import { dayNumberOfIso, dayNumberOfMs } from "./_day_number.ts";
import type { TradingCalendar, TradingSession } from "./trading_calendar.ts";

/** Longest run of days without a session that {@link DaySessionCalendar.nextSessionOpen} searches. */
const MAX_CLOSED_DAYS = 366;

/** The year of a {@link DaySessionCalendar}. */
export interface DaySessionYear {
  /** Sessions in the year annualised figures refer to (US equities: 252). */
  readonly sessionsPerYear: number;
}

/**
 * A {@link TradingCalendar} from a function giving the session of each
 * trading date (as a UTC day number). Each session must open and close
 * within the UTC day before, of or after its date (US equities: inside it),
 * so the queries look at the dates from one day before to one day after the
 * instants they are given. Bars a year are `sessionsPerYear` times the bars
 * per session counted over the sessions of 2015-2024.
 */
export class DaySessionCalendar implements TradingCalendar {
  /** Short name for messages and telemetry. */
  readonly name: string;
  /** Sessions in the year annualised figures refer to. */
  readonly sessionsPerYear: number;
  readonly #sessionOfDay: (day: number) => TradingSession | undefined;
  readonly #barsPerYear = new Map<number, number>();

  /** A calendar named `name` whose sessions `sessionOfDay` gives, with `year`'s convention. */
  constructor(
    name: string,
    sessionOfDay: (day: number) => TradingSession | undefined,
    year: DaySessionYear,
  ) {
    this.name = name;
    this.#sessionOfDay = sessionOfDay;
    this.sessionsPerYear = year.sessionsPerYear;
  }

  /** Bars of `barSizeMs` in a year of `sessionsPerYear` sessions (counted once per bar size). */
  barsPerYear(barSizeMs: number): number {
    let bars = this.#barsPerYear.get(barSizeMs);
    if (bars === undefined) {
      bars = this.sessionsPerYear * barsPerSession(this.#sessionOfDay, barSizeMs);
      this.#barsPerYear.set(barSizeMs, bars);
    }
    return bars;
  }

  /** Whether the market holds a session on `isoDate`. */
  isTradingDay(isoDate: string): boolean {
    return this.#sessionOfDay(dayNumberOfIso(isoDate)) !== undefined;
  }

  /** The session held on `isoDate`, if any. */
  sessionOn(isoDate: string): TradingSession | undefined {
    return this.#sessionOfDay(dayNumberOfIso(isoDate));
  }

  /** Whether `ms` lies inside a session. */
  isMarketOpen(ms: number): boolean {
    const day = dayOf(ms);
    for (let d = day - 1; d <= day + 1; d++) {
      const session = this.#sessionOfDay(d);
      if (session !== undefined && session.open <= ms && ms < session.close) return true;
    }
    return false;
  }

  /** The opening instant of the first session that opens after `ms`. */
  nextSessionOpen(ms: number): number {
    const day = dayOf(ms);
    for (let d = day - 1; d <= day + MAX_CLOSED_DAYS; d++) {
      const session = this.#sessionOfDay(d);
      if (session !== undefined && session.open > ms) return session.open;
    }
    throw new Error(`${this.name}: no session opens within ${MAX_CLOSED_DAYS} days of ${ms}`);
  }

  /** Time inside sessions between `fromMs` and `toMs`, in ms. */
  tradingTimeBetween(fromMs: number, toMs: number): number {
    const [first, last] = [dayOf(fromMs), dayOf(toMs)];
    let total = 0;
    for (let d = first - 1; d <= last + 1; d++) {
      const session = this.#sessionOfDay(d);
      if (session === undefined) continue;
      const overlap = Math.min(toMs, session.close) - Math.max(fromMs, session.open);
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  /** Sessions that close after `fromMs` and at or before `toMs`. */
  tradingDaysBetween(fromMs: number, toMs: number): number {
    const [first, last] = [dayOf(fromMs), dayOf(toMs)];
    let count = 0;
    for (let d = first - 1; d <= last + 1; d++) {
      const session = this.#sessionOfDay(d);
      if (session !== undefined && fromMs < session.close && session.close <= toMs) count++;
    }
    return count;
  }
}

/** UTC day number of an instant, refusing NaN and infinities. */
function dayOf(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`instant must be finite epoch ms, got ${ms}`);
  return dayNumberOfMs(ms);
}
