/**
 * The scenarios of the IBKR order path property test: their fast-check
 * arbitrary (scripted strategies, a bar path, fill behaviours at TWS,
 * disruptions), the graph and bar closes a scenario stands for, and pushing
 * its 5-second bars into the fake TWS.
 *
 * @module
 */
import fc from "fast-check";
import type { FakeTws } from "../../fake_tws/mod.ts";
import { T0 } from "./_harness.ts";
import { behaviourArb, disruptionArb } from "./_tws_disruptions.ts";

/** The symbols a scenario trades. */
export const SYMBOLS = ["AAPL", "MSFT"] as const;

/** One of {@link SYMBOLS}. */
export type Ticker = (typeof SYMBOLS)[number];

/** Each symbol's price before the first bar. */
export const START_PRICE: Readonly<Record<Ticker, number>> = { AAPL: 190, MSFT: 410 };

/** 5-second bars per graph bar (15 s). */
export const PER_BAR = 3;

/** One line of a scripted strategy's script. */
interface Action {
  readonly bar: number;
  readonly symbol: Ticker;
  readonly kind: "target" | "trade";
  readonly quantity: number;
  /** Limit as an offset from the graph bar's close; null for a market order. */
  readonly limitOffset: number | null;
}

/** One scripted strategy of a scenario. */
interface StrategySpec {
  readonly longOnly: boolean;
  readonly symbols: readonly Ticker[];
  readonly actions: readonly Action[];
}

const actionArb = (longOnly: boolean, bars: number): fc.Arbitrary<Action> =>
  fc.record({
    bar: fc.integer({ min: 1, max: bars }),
    symbol: fc.constantFrom(...SYMBOLS),
    kind: longOnly ? fc.constant("target" as const) : fc.constantFrom("target" as const, "trade"),
    quantity: longOnly ? fc.integer({ min: 0, max: 40 }) : fc.integer({ min: -40, max: 40 }),
    limitOffset: fc.option(fc.double({ min: -0.01, max: 0.01, noNaN: true }), { nil: null }),
  });

const strategyArb = (bars: number): fc.Arbitrary<StrategySpec> =>
  fc.boolean().chain((longOnly) =>
    fc.record({
      longOnly: fc.constant(longOnly),
      symbols: fc.subarray([...SYMBOLS], { minLength: 1 }),
      actions: fc.array(actionArb(longOnly, bars), { minLength: 2, maxLength: 8 }),
    })
  );

/** Random scenarios: 2 to 4 graph bars, 1 or 2 strategies, fill behaviours and disruptions. */
export const scenarioArb = fc.integer({ min: 2, max: 4 }).chain((bars) =>
  fc.record({
    bars: fc.constant(bars),
    /** Per symbol, one move in basis points per 5-second bar. */
    moves: fc.tuple(
      ...SYMBOLS.map(() =>
        fc.array(fc.integer({ min: -60, max: 60 }), {
          minLength: bars * PER_BAR,
          maxLength: bars * PER_BAR,
        })
      ),
    ),
    strategies: fc.array(strategyArb(bars), { minLength: 1, maxLength: 2 }),
    minTick: fc.constantFrom("0.01", "0.05"),
    behaviours: fc.array(behaviourArb, { minLength: 1, maxLength: 6 }),
    pieces: fc.integer({ min: 2, max: 3 }),
    /** Disruptions after the n-th 5-second bar (0: before the first). */
    disruptions: fc.array(
      fc.record({ at: fc.integer({ min: 0, max: bars * PER_BAR }), what: disruptionArb }),
      { maxLength: 6 },
    ),
    /** Stop right after the last bar, orders possibly still in the pacer. */
    stopAtOnce: fc.boolean(),
  })
);

/** One generated scenario. */
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** Closes of each symbol's 5-second bars. */
export function closesOf(scenario: Scenario): Record<Ticker, number[]> {
  const result = {} as Record<Ticker, number[]>;
  SYMBOLS.forEach((symbol, i) => {
    let close = START_PRICE[symbol];
    result[symbol] = (scenario.moves[i] ?? []).map((bp) =>
      close = Math.round(close * (1 + bp / 10_000) * 100) / 100
    );
  });
  return result;
}

/** The graph (without `venue`) of the scenario's scripted strategies, limits set from `closes`. */
export function graphOf(
  scenario: Scenario,
  closes: Record<Ticker, number[]>,
): Record<string, unknown> {
  return {
    settings: { bar_size: "15s", heartbeat_timeout_seconds: 600, intent_expiry_seconds: 600 },
    sizing: { max_position: 100, max_notional: 80_000 },
    risk: { max_order_size: 60 },
    strategies: scenario.strategies.map((spec, i) => ({
      id: `s${i}`,
      type: "scripted",
      symbols: [...spec.symbols],
      params: {
        log_bars: true,
        script: spec.actions.map((action) => {
          const close = closes[action.symbol][action.bar * PER_BAR - 1] ?? 100;
          return {
            bar: action.bar,
            symbol: action.symbol,
            [action.kind]: action.quantity,
            ...(action.limitOffset === null ? {} : { limit: close * (1 + action.limitOffset) }),
          };
        }),
      },
    })),
  };
}

/** Pushes the `step`-th 5-second bar of `symbol`, opening at its last close, closing at `close`. */
export function pushBar(
  tws: FakeTws,
  lastClose: Map<string, number>,
  bar: { symbol: string; step: number; close: number },
): void {
  const { symbol, step, close } = bar;
  const open = lastClose.get(symbol) ?? close;
  lastClose.set(symbol, close);
  const reached = tws.pushRealTimeBar(symbol, {
    time: (T0 + step * 5000) / 1000,
    open,
    high: Math.max(open, close),
    low: Math.min(open, close),
    close,
    volume: 100,
  });
  if (reached !== 1) {
    throw new Error(`bar ${step + 1} of ${symbol} reached ${reached} subscriptions`);
  }
}
