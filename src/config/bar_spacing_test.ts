import assert from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR } from "../calendar/mod.ts";
import { describeBarSpacing, measureBarSpacing, SPACING_SAMPLE_ROWS } from "./bar_spacing.ts";

const DAY = 86_400_000;

function at(...isoTimes: string[]): { ts: number }[] {
  return isoTimes.map((text) => ({ ts: Date.parse(text) }));
}

/** `count` weekdays from 2024-01-02 (a Tuesday), leaving out `holidays`. */
function weekdays(count: number, holidays: readonly string[] = []): { ts: number }[] {
  const rows: { ts: number }[] = [];
  for (let ts = Date.UTC(2024, 0, 2); rows.length < count; ts += DAY) {
    const weekday = new Date(ts).getUTCDay();
    const iso = new Date(ts).toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(iso)) rows.push({ ts });
  }
  return rows;
}

Deno.test("daily bars are one trading day apart: Friday to Monday is one bar, not three days", () => {
  const spacing = measureBarSpacing(weekdays(10));
  assert.deepEqual(spacing, { kind: "daily", step: 1, barSize: "1d", rows: 10 });
  assert.equal(describeBarSpacing(spacing!), "daily bars (1d, measured over 10 rows)");
});

Deno.test("daily bars over holidays and with rows on weekends are still daily", () => {
  const holidays = ["2024-01-15", "2024-02-19", "2024-03-29"];
  assert.equal(measureBarSpacing(weekdays(70, holidays))?.barSize, "1d");
  const everyDay = Array.from({ length: 30 }, (_, i) => ({ ts: Date.UTC(2024, 0, 1 + i) }));
  assert.equal(measureBarSpacing(everyDay)?.barSize, "1d");
});

Deno.test("a trading calendar decides which days count: NYSE holidays by default", () => {
  // Thursday, then Monday across Good Friday 2024-03-29: one trading day on the NYSE.
  const rows = at("2024-03-28", "2024-04-01");
  assert.deepEqual(measureBarSpacing(rows), { kind: "daily", step: 1, barSize: "1d", rows: 2 });
  assert.deepEqual(measureBarSpacing(rows, { calendar: ALWAYS_OPEN_CALENDAR }), {
    kind: "daily",
    step: 4,
    barSize: "1d",
    rows: 2,
  });
});

Deno.test("weekly bars map to 7d; monthly bars fit no bar size", () => {
  const mondays = Array.from({ length: 12 }, (_, i) => ({ ts: Date.UTC(2024, 0, 1 + 7 * i) }));
  const weekly = measureBarSpacing(mondays);
  assert.equal(weekly?.barSize, "7d");
  assert.equal(describeBarSpacing(weekly!), "weekly bars (7d, measured over 12 rows)");
  const months = Array.from({ length: 12 }, (_, i) => ({ ts: Date.UTC(2024, i, 1) }));
  const monthly = measureBarSpacing(months);
  assert.equal(monthly?.barSize, undefined);
  assert.match(describeBarSpacing(monthly!), /^bars \d+ trading days apart/);
});

Deno.test("intraday bars ignore overnight and weekend gaps", () => {
  const rows: { ts: number }[] = [];
  for (const day of [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 8)]) {
    for (let minute = 0; minute < 390; minute += 5) {
      rows.push({ ts: day + (14 * 60 + 30 + minute) * 60_000 });
    }
  }
  const spacing = measureBarSpacing(rows);
  assert.deepEqual(spacing, { kind: "intraday", step: 300_000, barSize: "5m", rows: 156 });
  assert.equal(describeBarSpacing(spacing!), "5m bars (measured over 156 rows)");
});

Deno.test("two intraday bars a day are intraday, and missing minutes do not change the spacing", () => {
  const twice = at(
    "2024-01-02T14:30Z",
    "2024-01-02T18:30Z",
    "2024-01-03T14:30Z",
    "2024-01-03T18:30Z",
    "2024-01-04T14:30Z",
    "2024-01-04T18:30Z",
  );
  assert.equal(measureBarSpacing(twice)?.barSize, "4h");
  const minutes = at(
    "2024-01-02T14:30Z",
    "2024-01-02T14:31Z",
    "2024-01-02T14:33Z",
    "2024-01-02T14:34Z",
    "2024-01-02T14:35Z",
  );
  assert.equal(measureBarSpacing(minutes)?.barSize, "1m");
});

Deno.test("seconds bars are named in s, sub-second spacing fits no bar size", () => {
  const fives = Array.from({ length: 20 }, (_, i) => ({ ts: Date.UTC(2024, 0, 2, 15) + i * 5000 }));
  assert.equal(measureBarSpacing(fives)?.barSize, "5s");
  const ticks = Array.from({ length: 20 }, (_, i) => ({ ts: Date.UTC(2024, 0, 2, 15) + i * 250 }));
  const spacing = measureBarSpacing(ticks);
  assert.equal(spacing?.barSize, undefined);
  assert.equal(describeBarSpacing(spacing!), "bars 250 ms apart (measured over 20 rows)");
});

Deno.test("a single row has no spacing, and only the first rows are measured", () => {
  assert.equal(measureBarSpacing(at("2024-01-02")), undefined);
  assert.equal(measureBarSpacing([]), undefined);
  const daily = weekdays(SPACING_SAMPLE_ROWS);
  const last = daily.at(-1)!.ts;
  const thenMinutes = Array.from({ length: 3 * SPACING_SAMPLE_ROWS }, (_, i) => ({
    ts: last + DAY + i * 60_000,
  }));
  const spacing = measureBarSpacing([...daily, ...thenMinutes]);
  assert.equal(spacing?.barSize, "1d");
  assert.equal(spacing?.rows, SPACING_SAMPLE_ROWS);
});

/** Minutes of `sessions` sessions from 2024-01-02 14:30 UTC, each kept when `keep(i)` says so. */
function sessionMinutes(sessions: number, keep: (i: number) => boolean): { ts: number }[] {
  const rows: { ts: number }[] = [];
  let i = 0;
  for (const day of weekdays(sessions)) {
    for (let minute = 0; minute < 390; minute++) {
      if (keep(i++)) rows.push({ ts: day.ts + (14 * 60 + 30 + minute) * 60_000 });
    }
  }
  return rows;
}

Deno.test("1-minute bars of an illiquid stock with 40% of the minutes present are 1m bars", () => {
  // Issue 8 follow-up: IB leaves out minutes without trades; the median gap was 2m.
  let state = 7;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const rows = sessionMinutes(10, () => random() < 0.4);
  const gaps = rows.slice(1).map((row, i) => row.ts - (rows[i] as { ts: number }).ts);
  const sameDay = gaps.filter((gap) => gap < 390 * 60_000).sort((a, b) => a - b);
  assert.ok((sameDay[sameDay.length >> 1] as number) >= 120_000, "the median gap is 2m or more");
  const spacing = measureBarSpacing(rows);
  assert.equal(spacing?.barSize, "1m");
  assert.equal(spacing?.step, 60_000);
});

Deno.test("daily bars present every other trading day are daily bars with days missing", () => {
  const everyOther = weekdays(120).filter((_, i) => i % 2 === 0);
  const spacing = measureBarSpacing(everyOther);
  assert.deepEqual(spacing, { kind: "daily", step: 2, barSize: "1d", rows: 60 });
  assert.equal(
    describeBarSpacing(spacing!),
    "daily bars with days missing (1d; rows mostly 2 trading days apart, measured over 60 rows)",
  );
});

Deno.test("a few odd gaps do not change the spacing: 5m bars with some 1m rows are still 5m", () => {
  const rows = sessionMinutes(5, (i) => i % 5 === 0 || i % 97 === 1);
  assert.equal(measureBarSpacing(rows)?.barSize, "5m");
});
