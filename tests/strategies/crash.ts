/**
 * Test strategy: places a buy limit far below the market on its first bar
 * (it stays working), then throws on bar `at`.
 *
 * @module
 */
import { defineStrategy, z } from "../../src/mod.ts";

/** Throws on a given bar (tests). */
export default defineStrategy({
  description: "throws on a given bar (tests)",
  params: z.object({ at: z.number().int().positive() }),
  create(ctx, params) {
    let n = 0;
    return {
      onBar(bar) {
        n++;
        if (n === 1) ctx.setTarget(bar.symbol, 10, { limitPrice: 1 }); // never fills: stays working
        if (n === params.at) throw new Error(`crash on bar ${n}`);
      },
    };
  },
});
