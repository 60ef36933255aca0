import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import { ManualClock, toDecimal } from "../model/mod.ts";
import { JsonlTelemetryWriter, type LineSink } from "./jsonl_writer.ts";
import { Telemetry } from "./telemetry.ts";

class MemorySink implements LineSink {
  chunks: string[] = [];
  closed = false;
  writeSync(bytes: Uint8Array): void {
    this.chunks.push(new TextDecoder().decode(bytes));
  }
  close(): void {
    this.closed = true;
  }
  lines(): Record<string, unknown>[] {
    return this.chunks.join("").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  }
}

Deno.test("JsonlTelemetryWriter writes one JSON line per event with ts, event, strategy_id and wall", () => {
  const bus = createTradingBus();
  const clock = new ManualClock(Date.UTC(2024, 0, 2, 14, 30));
  const sink = new MemorySink();
  const writer = new JsonlTelemetryWriter(bus, sink, {
    wallClock: () => Date.UTC(2026, 10, 24),
    flushIntervalMs: 0,
  });
  const telemetry = new Telemetry(bus, clock);
  telemetry.emit("coordinator.intent_received", { symbol: "AAPL", quantity: 100 }, "aapl_fast");
  telemetry.emit("strategy.coordinator", { max_notional: toDecimal("12345.67") });
  writer.close();
  assertEquals(sink.lines(), [
    {
      ts: "2024-01-02T14:30:00.000Z",
      event: "coordinator.intent_received",
      strategy_id: "aapl_fast",
      symbol: "AAPL",
      quantity: 100,
      wall: "2026-11-24T00:00:00.000Z",
    },
    {
      ts: "2024-01-02T14:30:00.000Z",
      event: "strategy.coordinator",
      max_notional: "12345.67",
      wall: "2026-11-24T00:00:00.000Z",
    },
  ]);
  assertEquals(sink.closed, true);
});

Deno.test("JsonlTelemetryWriter buffers until the flush threshold, then writes", () => {
  const bus = createTradingBus();
  const sink = new MemorySink();
  const writer = new JsonlTelemetryWriter(bus, sink, { flushBytes: 200, flushIntervalMs: 0 });
  const telemetry = new Telemetry(bus, new ManualClock(0));
  telemetry.emit("a.b");
  assertEquals(sink.chunks.length, 0);
  for (let i = 0; i < 5; i++) telemetry.emit("padding.event", { i });
  assertEquals(sink.chunks.length > 0, true);
  writer.close();
  assertEquals(sink.lines().length, 6);
  assertEquals(writer.lineCount, 6);
});

Deno.test("JsonlTelemetryWriter appends to an existing file and never truncates it", async () => {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp" });
  const path = `${dir}/logs/run.jsonl`;
  for (const name of ["first", "second"]) {
    const bus = createTradingBus();
    const writer = await JsonlTelemetryWriter.open(bus, path, { flushIntervalMs: 0 });
    new Telemetry(bus, new ManualClock(0)).emit(name);
    writer.close();
  }
  const events = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l).event);
  assertEquals(events, ["first", "second"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("JsonlTelemetryWriter ignores events after close", () => {
  const bus = createTradingBus();
  const sink = new MemorySink();
  const writer = new JsonlTelemetryWriter(bus, sink, { flushIntervalMs: 0 });
  writer.close();
  new Telemetry(bus, new ManualClock(0)).emit("late");
  assertEquals(sink.lines(), []);
});
