import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import fc from "fast-check";
import { ManualScheduler } from "./_manual_scheduler.ts";
import { OutboundPacer, type PacedSendOutcome, type WithdrawableSend } from "./outbound_pacer.ts";

/** Runs per property; each run plays up to 60 random steps. */
const NUM_RUNS = 400;
/** Fixed seed: a failure reproduces (fast-check prints the counterexample and its path). */
const SEED = 20261201;

type Step =
  | { readonly kind: "enqueue" }
  | { readonly kind: "withdraw"; readonly pick: number }
  | { readonly kind: "advance"; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "enqueue" } as const) },
  {
    weight: 2,
    arbitrary: fc.nat({ max: 1000 }).map((pick) => ({ kind: "withdraw", pick }) as const),
  },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms) => ({ kind: "advance", ms }) as const),
  },
);

/** Largest number of send times within any half-open window of 1000 ms. */
function busiestSecond(times: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && (times[j] as number) < (times[i] as number) + 1000) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

Deno.test(
  `OutboundPacer with withdrawals: a withdrawn send never runs, the others run once in FIFO order within the rate (${NUM_RUNS} runs)`,
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.array(step, { maxLength: 60 }),
        async (maxPerSecond, steps) => {
          const scheduler = new ManualScheduler();
          const pacer = new OutboundPacer({ maxPerSecond, scheduler });
          const handles: WithdrawableSend[] = [];
          const runs: number[] = [];
          const runTimes: number[] = [];
          const withdrawn = new Set<number>();
          for (const s of steps) {
            if (s.kind === "enqueue") {
              const index = handles.length;
              handles.push(pacer.enqueueWithdrawable(() => {
                runs.push(index);
                runTimes.push(scheduler.now());
              }));
            } else if (s.kind === "withdraw" && handles.length > 0) {
              const index = s.pick % handles.length;
              const hadRun = runs.includes(index);
              const taken = (handles[index] as WithdrawableSend).withdraw();
              // Withdrawal succeeds exactly for a send that neither ran nor was withdrawn.
              assertEquals(taken, !hadRun && !withdrawn.has(index));
              if (taken) withdrawn.add(index);
            } else if (s.kind === "advance") {
              scheduler.advance(s.ms);
            }
          }
          // Let everything still queued drain.
          scheduler.advance(Math.ceil((handles.length + 1) * (1000 / maxPerSecond)) + 1000);
          const expected = handles.map((_, i) => i).filter((i) => !withdrawn.has(i));
          assertEquals(runs, expected, "every send not withdrawn runs exactly once, in FIFO order");
          ok(
            busiestSecond(runTimes) <= maxPerSecond,
            `${busiestSecond(runTimes)} sends in one second, limit ${maxPerSecond}`,
          );
          for (let i = 1; i < runTimes.length; i++) {
            const gap = (runTimes[i] as number) - (runTimes[i - 1] as number);
            ok(gap >= 1000 / maxPerSecond - 1e-9, `gap of ${gap} ms at ${maxPerSecond}/s`);
          }
          const outcomes = await Promise.all(handles.map((h) => h.outcome));
          assertEquals(
            outcomes,
            handles.map((_, i): PacedSendOutcome => (withdrawn.has(i) ? "withdrawn" : "sent")),
          );
          assertEquals([pacer.queued, pacer.sent, scheduler.pendingCount], [0, runs.length, 0]);
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  },
);
