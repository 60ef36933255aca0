/**
 * Test strategy: alternates its target between +size and -size (or 0) every
 * `every` bars of each symbol.
 *
 * @module
 */
import { defineStrategy, z } from "../../src/mod.ts";

/** Alternating targets for coordinator tests. */
export default defineStrategy({
  description: "alternates targets every N bars (tests)",
  params: z.object({
    every: z.number().int().positive().default(5),
    size: z.number().int().positive().default(10),
    short: z.boolean().default(false),
  }),
  create(ctx, params) {
    const counts = new Map<string, number>();
    return {
      onBar(bar) {
        const n = (counts.get(bar.symbol) ?? 0) + 1;
        counts.set(bar.symbol, n);
        if (n % params.every !== 0) return;
        const long = (n / params.every) % 2 === 1;
        ctx.setTarget(bar.symbol, long ? params.size : params.short ? -params.size : 0);
      },
    };
  },
});
