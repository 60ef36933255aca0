/**
 * SMA crossover: per symbol, go long `size` shares when the fast simple moving
 * average of closes crosses above the slow one; on a cross below, go flat
 * (`long_only`) or short `size` shares (`long_short`).
 *
 * The strategy only states target positions, and only when the regime
 * changes. It enters on crossovers, not on the trend it finds at start: the
 * first regime seen after `slow` bars is recorded without an intent. A cross
 * seen during warmup is stated on the first warm bar.
 *
 * @module
 */
import {
  type Bar,
  defineStrategy,
  type StrategyContext,
  type StrategyInstance,
  z,
} from "../src/mod.ts";
import { MovingAveragePair } from "./_moving_average_pair.ts";

/** Parameters of an example node; the conformance test checks them against the schema. */
export const exampleParams = { fast: 10, slow: 30, size: 100 };

const smaParams = z.strictObject({
  fast: z.number().int().min(1).max(5000).meta({ description: "Fast SMA period, bars" }),
  slow: z.number().int().min(2).max(5000).meta({
    description: "Slow SMA period, bars; greater than fast",
  }),
  size: z.number().int().positive().optional().meta({
    description: "Shares per position; default: the envelope's max size",
  }),
  mode: z.enum(["long_only", "long_short"]).default("long_only").meta({
    description: "long_only: flat on a cross below; long_short: short on a cross below",
  }),
}).check((ctx) => {
  if (ctx.value.slow <= ctx.value.fast) {
    ctx.issues.push({
      code: "custom",
      path: ["slow"],
      input: ctx.value.slow,
      message: `must be greater than fast (${ctx.value.fast}), got ${ctx.value.slow}`,
    });
  }
});

/** Parsed SMA parameters. */
export type SmaParams = z.output<typeof smaParams>;

/** Per-symbol state: the averages, the side of the last cross and the side last stated. */
class SymbolState {
  readonly averages: MovingAveragePair;
  /** Direction of the fast average vs the slow one on the last bar where they differed. */
  regime = 0;
  /** Side wanted since the last cross: 1 long, -1 below (flat or short), 0 no cross yet. */
  wanted = 0;
  /** Side last stated with setTarget. */
  stated = 0;

  constructor(fast: number, slow: number) {
    this.averages = new MovingAveragePair(fast, slow);
  }
}

/** Runs the crossover for every symbol of one node. */
class SmaCrossover implements StrategyInstance {
  readonly #ctx: StrategyContext;
  readonly #params: SmaParams;
  readonly #states = new Map<string, SymbolState>();

  constructor(ctx: StrategyContext, params: SmaParams) {
    this.#ctx = ctx;
    this.#params = params;
    for (const symbol of ctx.symbols) {
      this.#states.set(symbol, new SymbolState(params.fast, params.slow));
    }
  }

  onBar(bar: Bar): void {
    const state = this.#states.get(bar.symbol);
    if (state === undefined) return;
    const averages = state.averages;
    averages.push(bar.close);
    if (!averages.ready) return;
    const direction = averages.direction;
    if (direction !== 0 && direction !== state.regime) {
      if (state.regime !== 0) state.wanted = direction;
      state.regime = direction;
    }
    if (state.wanted !== state.stated && this.#ctx.isWarm(bar.symbol)) {
      this.#state(bar.symbol, state);
    }
  }

  #state(symbol: string, state: SymbolState): void {
    const size = this.#params.size ?? this.#ctx.envelope(symbol).maxSize;
    const below = this.#params.mode === "long_short" ? -size : 0;
    state.stated = state.wanted;
    this.#ctx.setTarget(symbol, state.wanted > 0 ? size : below, {
      metadata: { fast: state.averages.fastAverage, slow: state.averages.slowAverage },
    });
  }
}

/** The `sma` strategy type. */
export default defineStrategy({
  description: "SMA crossover: long on fast-above-slow, flat or short on fast-below-slow",
  params: smaParams,
  create(ctx, params) {
    return new SmaCrossover(ctx, params);
  },
});
