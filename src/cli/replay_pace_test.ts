import { equal as assertEqual } from "node:assert/strict";
import fc from "fast-check";
import { replayPaceWarning } from "./replay_pace.ts";

Deno.test("a paced replay slower than one bar per 10 s is warned about with the pace and a faster speed", () => {
  assertEqual(
    replayPaceWarning(86_400_000, 10, "1d"),
    "warning: --speed 10 replays 1d bars at one every 2.4 h of wall time; use --speed max, or a " +
      "larger multiplier (e.g. --speed 86400 for one bar a second)",
  );
  assertEqual(replayPaceWarning(60_000, 60, "1m"), undefined);
  assertEqual(replayPaceWarning(86_400_000, "max", "1d"), undefined);
});

Deno.test("property: the warning appears exactly when a bar would take more than 10 s of wall time", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1_000, max: 7 * 86_400_000 }),
      fc.double({ min: 0.001, max: 1_000_000, noNaN: true }),
      (barMs, speed) => {
        const warned = replayPaceWarning(barMs, speed, "x") !== undefined;
        assertEqual(warned, barMs / speed > 10_000);
      },
    ),
    { numRuns: 500 },
  );
});
