import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { findIbBarSize, ibDurationMs, normalizeIbDuration, planHistory } from "./history_plan.ts";

Deno.test("planHistory requests an IB bar size directly when the graph's bar size is one", () => {
  const plan = planHistory(30, 60_000);
  assertEquals([plan.source.setting, plan.factor, plan.sourceCount], ["1 min", 1, 30]);
  assertEquals(planHistory(10, 86_400_000).source.setting, "1 day");
  assertEquals(planHistory(10, 15_000).source.pageDuration, "14400 S");
});

Deno.test("planHistory builds other sizes from the largest IB size that divides them", () => {
  const plan = planHistory(20, 45_000);
  assertEquals([plan.source.setting, plan.factor, plan.sourceCount], ["15 secs", 3, 63]);
  assertEquals(planHistory(5, 4 * 3_600_000).source.setting, "1 hour");
  assertEquals(planHistory(5, 7 * 86_400_000).source.setting, "1 day");
});

Deno.test("planHistory refuses bar sizes that are not whole seconds", () => {
  throws(() => planHistory(5, 1500), /whole seconds/);
});

Deno.test("normalizeIbDuration accepts IB durations with or without a space and rejects others", () => {
  assertEquals(
    ["2Y", "2 Y", "30 D", "3600 S", "1 M", "1 W"].map(normalizeIbDuration),
    ["2 Y", "2 Y", "30 D", "3600 S", "1 M", "1 W"],
  );
  assertEquals(
    ["2 years", "0 D", "2 d", "90000 S", "D", ""].map(normalizeIbDuration),
    [undefined, undefined, undefined, undefined, undefined, undefined],
  );
  assertEquals(ibDurationMs("2 D"), 172_800_000);
});

Deno.test("findIbBarSize knows our short names and IB's texts", () => {
  assertEquals(findIbBarSize("1d")?.setting, "1 day");
  assertEquals(findIbBarSize("5 mins")?.short, "5m");
  assertEquals(findIbBarSize("7m"), undefined);
});
