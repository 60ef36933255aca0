/**
 * Test strategy: on each bar, with probability `rate`, states a random target
 * in [`min`, `max`] for the bar's symbol, as a market order or (with
 * probability `limit_share`) a limit order up to `limit_spread` away from the
 * close. Seeded: the same seed gives the same intents on the same bars.
 *
 * @module
 */
import { defineStrategy, z } from "../../src/mod.ts";

/** A small seeded generator (xorshift32); strategies import nothing but src/mod.ts. */
function xorshift(seed: number): () => number {
  let state = (seed >>> 0) || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** Random targets for order-path tests. */
export default defineStrategy({
  description: "states seeded random targets (tests)",
  params: z.object({
    seed: z.number().int(),
    min: z.number().int().default(0),
    max: z.number().int().positive(),
    rate: z.number().min(0).max(1).default(0.5),
    limit_share: z.number().min(0).max(1).default(0.5),
    limit_spread: z.number().min(0).max(0.5).default(0.02),
  }),
  create(ctx, params) {
    const random = xorshift(params.seed);
    return {
      onBar(bar) {
        if (random() >= params.rate) return;
        const target = params.min + Math.floor(random() * (params.max - params.min + 1));
        if (random() < params.limit_share) {
          const limitPrice = bar.close * (1 + (random() * 2 - 1) * params.limit_spread);
          ctx.setTarget(bar.symbol, target, { limitPrice });
        } else {
          ctx.setTarget(bar.symbol, target);
        }
      },
    };
  },
});
