/**
 * Bars the way real US stock data has them: daily bars on NYSE trading days
 * only (stamped 00:00 UTC, as Yahoo and IB date them), and 1-minute bars
 * inside regular sessions only.
 *
 * @module
 */
import { US_EQUITIES_CALENDAR } from "../../src/calendar/mod.ts";
import type { Bar } from "../../src/model/mod.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The NYSE trading dates from `first` to `last` (ISO, inclusive). */
export function tradingDates(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(first); ms <= Date.parse(last); ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (US_EQUITIES_CALENDAR.isTradingDay(date)) dates.push(date);
  }
  return dates;
}

/** A flat bar of `symbol` at `ts` (open = high = low = close = `price`). */
export function flatBarAt(symbol: string, ts: number, price = 100): Bar {
  return { symbol, ts, open: price, high: price, low: price, close: price, volume: 1_000 };
}

/** One daily bar per date, at 00:00 UTC of the date. */
export function dailyBarsOn(symbol: string, dates: readonly string[]): Bar[] {
  return dates.map((date) => flatBarAt(symbol, Date.parse(date)));
}

/** 1-minute bars covering each session of `dates`, from the open to the minute before the close. */
export function sessionMinuteBars(symbol: string, dates: readonly string[]): Bar[] {
  const bars: Bar[] = [];
  for (const date of dates) {
    const session = US_EQUITIES_CALENDAR.sessionOn(date);
    if (session === undefined) throw new RangeError(`${date} is not a trading day`);
    for (let ts = session.open; ts < session.close; ts += MINUTE_MS) {
      bars.push(flatBarAt(symbol, ts));
    }
  }
  return bars;
}
