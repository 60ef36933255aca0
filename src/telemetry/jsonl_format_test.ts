import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { Decimal, type TelemetryEvent, toDecimal } from "../model/mod.ts";
import { formatTelemetryLine } from "./jsonl_format.ts";

/** The line as the record-and-JSON.stringify rendering gives it (the reference). */
function referenceLine(event: TelemetryEvent, wallMs: number): string {
  const iso = (ms: number) => Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
  const record: Record<string, unknown> = { ts: iso(event.ts), event: event.event };
  if (event.strategy_id !== undefined) record.strategy_id = event.strategy_id;
  for (const key in event) {
    if (key !== "ts" && key !== "event" && key !== "strategy_id" && key !== "wall") {
      const value = event[key];
      record[key] = value instanceof Decimal ? value.toString() : value;
    }
  }
  record.wall = iso(wallMs);
  return JSON.stringify(record);
}

const TS = Date.UTC(2024, 0, 2, 14, 30);
const WALL = Date.UTC(2026, 10, 24, 9, 15, 42, 7);

const EVENTS: TelemetryEvent[] = [
  {
    event: "order.fill",
    ts: TS,
    strategy_id: "sma_0",
    quantity: toDecimal(5),
    price: toDecimal("74.11"),
  },
  {
    event: "order.status",
    ts: TS,
    filled: toDecimal(0),
    avg_fill_price: undefined,
    reason: undefined,
  },
  {
    event: "coordinator.intent_received",
    ts: TS + 1,
    strategy_id: "s",
    requested: -0,
    position: 1.5e-7,
    big: 1e21,
    nan: Number.NaN,
    inf: Number.NEGATIVE_INFINITY,
    ok: true,
    no: false,
    nothing: null,
    metadata: { fast: 86.3934301408739, nested: toDecimal("-0"), list: [1, "a", toDecimal(2)] },
  },
  {
    event: "strategy.log",
    ts: TS,
    message: 'quote " backslash \\ newline \n tab \t bell \u0007 accents é 😀 lone \ud800 end',
    'key with "quotes"': "x",
    long: "y".repeat(200),
  },
  { event: "a.b", ts: TS, negative_zero: toDecimal(0).negated(), big_decimal: new Decimal("1e40") },
  { event: "a.b", ts: TS, strategy_id: undefined, fn: () => 1, symbol: Symbol("s") },
  { event: "a.b", ts: TS, wall: "ignored", later: 1 },
  { event: "a.b", ts: TS, 2: "integer keys sort first", z: 1, 1: "one" },
  { event: "a.b", ts: Number.NaN },
  { event: "a.b", ts: -1 },
  { event: "a.b", ts: 253_402_300_800_000 },
  { event: "a.b", ts: TS + 0.5 },
  { event: "a.b", ts: TS, when: new Date(TS) },
];

Deno.test("formatTelemetryLine writes the same text as stringifying the record", () => {
  for (const event of EVENTS) {
    for (const wall of [WALL, WALL + 999, WALL + 1000, 0]) {
      assertEquals(formatTelemetryLine(event, wall), referenceLine(event, wall));
    }
  }
});

Deno.test("formatTelemetryLine renders the ISO time of every millisecond of alternating clocks", () => {
  for (let i = 0; i < 3000; i++) {
    const market = TS + Math.floor(i / 50) * 60_000;
    const wall = WALL + i * 7;
    const line = formatTelemetryLine({ event: "a.b", ts: market }, wall);
    assertEquals(line, referenceLine({ event: "a.b", ts: market }, wall));
  }
});

Deno.test("formatTelemetryLine puts ts, event and strategy_id first and wall last", () => {
  const line = formatTelemetryLine({ strategy_id: "s", z: 1, event: "e", ts: TS }, WALL);
  assertEquals(
    line,
    '{"ts":"2024-01-02T14:30:00.000Z","event":"e","strategy_id":"s","z":1,"wall":"2026-11-24T09:15:42.007Z"}',
  );
});

Deno.test("formatTelemetryLine refuses a bigint field as JSON.stringify does", () => {
  assertThrows(() => formatTelemetryLine({ event: "a.b", ts: TS, n: 1n }, WALL), TypeError);
});
