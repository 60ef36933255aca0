import { equal as assertEqual } from "node:assert/strict";
import { createTradingBus } from "../bus/mod.ts";
import { ClipNotes } from "./clip_notes.ts";

function clipped(strategy_id: string, fields: Record<string, unknown>) {
  return { event: "order_clipped", ts: 1, strategy_id, ...fields };
}

Deno.test("clipped targets are counted per strategy and limit, with the largest asked", () => {
  const bus = createTradingBus();
  const notes = new ClipNotes();
  const stop = notes.listen(bus);
  for (const asked of [100, -120, 100]) {
    bus.publish(
      "telemetry",
      clipped("aapl", { requested_target: asked, limit: "max_size", max_size: 50 }),
    );
  }
  bus.publish("telemetry", clipped("msft", { requested_target: -30, limit: "reducing" }));
  bus.publish("telemetry", { event: "order.fill", ts: 2, strategy_id: "aapl" });
  stop();
  bus.publish(
    "telemetry",
    clipped("aapl", { requested_target: 999, limit: "max_size", max_size: 50 }),
  );
  assertEqual(
    notes.format(),
    "\nclipped: aapl: 3 targets cut to max_size 50 (asked up to 120)\n" +
      "clipped: msft: 1 target cut to flat while trading was REDUCING\n" +
      "(the capital envelope: sizing, capital_policy; see order_clipped events in the log)\n",
  );
});

Deno.test("a run where nothing was clipped adds nothing to the summary", () => {
  assertEqual(new ClipNotes().format(), "");
});
