/**
 * Test strategy: states the intents of a script at given bar numbers (1-based,
 * counted per symbol, history bars included), and logs every fill and denial
 * it receives (and every bar with `log_bars: true`).
 *
 * @module
 */
import { defineStrategy, z } from "../../src/mod.ts";

const step = z.object({
  bar: z.number().int().positive(),
  symbol: z.string(),
  target: z.number().optional(),
  trade: z.number().optional(),
  limit: z.number().positive().optional(),
});

/** Scripted intents for coordinator tests. */
export default defineStrategy({
  description: "states scripted intents at given bars (tests)",
  params: z.object({ script: z.array(step).default([]), log_bars: z.boolean().default(false) }),
  create(ctx, params) {
    const seen = new Map<string, number>();
    return {
      onBar(bar) {
        const n = (seen.get(bar.symbol) ?? 0) + 1;
        seen.set(bar.symbol, n);
        if (params.log_bars) {
          ctx.log("bar", {
            symbol: bar.symbol,
            n,
            bar_ts: bar.ts,
            open: bar.open,
            high: bar.high,
            low: bar.low,
            close: bar.close,
            volume: bar.volume,
          });
        }
        for (const s of params.script) {
          if (s.bar !== n || s.symbol.toUpperCase() !== bar.symbol) continue;
          const options = s.limit === undefined ? undefined : { limitPrice: s.limit };
          if (s.target !== undefined) ctx.setTarget(bar.symbol, s.target, options);
          if (s.trade !== undefined) ctx.trade(bar.symbol, s.trade, options);
        }
      },
      onFill(fill) {
        ctx.log("fill", { symbol: fill.symbol, side: fill.side, quantity: fill.quantity });
      },
      onDenied(denial) {
        ctx.log("denied", { rule: denial.rule, reason: denial.reason, quantity: denial.quantity });
      },
    };
  },
});
