import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { StallRule } from "./stall_rule.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const calendar = US_EQUITIES_CALENDAR;

/** Epoch ms of `date` at `time` (HH:MM) UTC. */
function utc(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00Z`);
}

/** The `[from, to]` silences of `silences` that `rule` finds stalled. */
function stalledSilences(rule: StallRule, silences: readonly number[][]): number[][] {
  return silences.filter(([from, to]) => rule.isStalled(from as number, to as number));
}

Deno.test("StallRule waits the larger of the heartbeat timeout and one bar", () => {
  assertEquals(new StallRule({ timeoutMs: 30_000, barSizeMs: MINUTE }).afterMs, MINUTE);
  assertEquals(new StallRule({ timeoutMs: 600_000, barSizeMs: 5_000 }).afterMs, 600_000);
});

Deno.test("StallRule on the always-open calendar counts every millisecond of silence", () => {
  const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: 5_000 });
  assertEquals([rule.isStalled(0, 30_000), rule.isStalled(0, 30_001)], [false, true]);
  assertEquals(rule.isStalled(utc("2024-01-05", "21:00"), utc("2024-01-08", "14:30")), true);
});

Deno.test("StallRule: an intraday feed silent over a night, a weekend or after an early close is not stalled", () => {
  const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: MINUTE, calendar });
  const quiet = [
    // Last 1m bar of Tuesday (15:59 EST), checked at Wednesday's first bar.
    [utc("2024-01-02", "20:59"), utc("2024-01-03", "14:30")],
    // Friday's last bar, checked Monday at the open.
    [utc("2024-01-05", "20:59"), utc("2024-01-08", "14:30")],
    // 12:59 EST on the day after Thanksgiving (closes 13:00), checked Monday at the open.
    [utc("2024-11-29", "17:59"), utc("2024-12-02", "14:30")],
    // Wall clock: last live bar Friday 15:59:55 EST, Saturday noon and Sunday evening.
    [utc("2024-01-05", "20:59") + 55_000, utc("2024-01-06", "17:00")],
    [utc("2024-01-05", "20:59") + 55_000, utc("2024-01-07", "23:00")],
  ];
  assertEquals(stalledSilences(rule, quiet), []);
});

Deno.test("StallRule: an intraday feed silent for longer than the timeout inside a session is stalled", () => {
  const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: MINUTE, calendar });
  // Mid-session: 11:00 to 11:01:00.001 EST.
  assertEquals(rule.isStalled(utc("2024-01-03", "16:00"), utc("2024-01-03", "16:01") + 1), true);
  // Across the weekend, the silence counts from Friday's last minute: Monday 09:31 is 2 minutes.
  assertEquals(rule.isStalled(utc("2024-01-05", "20:59"), utc("2024-01-08", "14:31")), true);
});

Deno.test("StallRule: a daily feed one trading day apart is never stalled, over weekends and holidays", () => {
  const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: DAY, calendar });
  assertEquals(rule.afterMs, DAY);
  const midnights = (from: string, to: string) => [utc(from, "00:00"), utc(to, "00:00")];
  const gaps = [
    midnights("2024-01-05", "2024-01-08"), // Friday -> Monday
    midnights("2024-07-03", "2024-07-05"), // over Independence Day
    midnights("2024-03-28", "2024-04-01"), // over Good Friday and the weekend
    midnights("2024-12-31", "2025-01-02"), // over New Year's Day
    midnights("2025-01-08", "2025-01-10"), // over the day of mourning for Jimmy Carter
  ];
  assertEquals(stalledSilences(rule, gaps), []);
});

Deno.test("StallRule: a daily feed that misses a whole session of bars is stalled", () => {
  const rule = new StallRule({ timeoutMs: 30_000, barSizeMs: DAY, calendar });
  // Last bar Monday; at Wednesday's bars, Monday's and Tuesday's sessions closed without one.
  assertEquals(rule.isStalled(utc("2024-01-08", "00:00"), utc("2024-01-10", "00:00")), true);
  // Friday before a Monday holiday (MLK Day 2024-01-15) to Wednesday: Friday and Tuesday.
  assertEquals(rule.isStalled(utc("2024-01-12", "00:00"), utc("2024-01-17", "00:00")), true);
  assertEquals(rule.silenceMs(utc("2024-01-12", "00:00"), utc("2024-01-16", "00:00")), DAY);
});
