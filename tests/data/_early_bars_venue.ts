/**
 * A venue whose feed publishes bars on the bus before the coordinator runs,
 * as IBKR's real-time bars do: from inside `subscribe` and while warmup
 * history is fetched. Everything else is the simulated venue, whose replay
 * (`run`) then publishes the bars that come after.
 *
 * @module
 */
import type { TradingBus } from "../../src/bus/mod.ts";
import type { Bar } from "../../src/model/mod.ts";
import type { Venue } from "../../src/venue/mod.ts";
import type { SimVenue } from "../../src/venues/sim/mod.ts";

/** Bars per symbol. */
export type BarsBySymbol = Readonly<Record<string, readonly Bar[]>>;

/** What the feed of {@link earlyBarsVenue} does before the replay. */
export interface EarlyBars {
  /** Published from inside `subscribe(symbol)`, before it resolves. */
  readonly onSubscribe?: BarsBySymbol;
  /** Published when history of the symbol is requested, before it is returned. */
  readonly onHistory?: BarsBySymbol;
  /** What `history(symbol, count)` returns (its last `count` bars, in the graph's bar size). */
  readonly history?: BarsBySymbol;
  /** Length of the bars the feed publishes, when it is not the graph's bar size. */
  readonly sourceBarSizeMs?: number;
}

/** Wraps `sim` so that its feed publishes `early` bars before `run`; `run` replays the sim's bars. */
export function earlyBarsVenue(sim: SimVenue, early: EarlyBars): Venue {
  const feed = sim.marketData;
  let bus: TradingBus | undefined;
  const publish = (bars: readonly Bar[] | undefined) => {
    for (const bar of bars ?? []) bus?.publish("bar", bar);
  };
  return {
    endpoint: sim.endpoint,
    clock: sim.clock,
    broker: sim.broker,
    account: sim.account,
    marketData: {
      ...(early.sourceBarSizeMs === undefined ? {} : { sourceBarSizeMs: early.sourceBarSizeMs }),
      subscribe: async (symbol) => {
        await feed.subscribe(symbol);
        publish(early.onSubscribe?.[symbol]);
      },
      unsubscribe: (symbol) => feed.unsubscribe(symbol),
      history: (symbol, count) => {
        publish(early.onHistory?.[symbol]);
        return Promise.resolve([...(early.history?.[symbol] ?? [])].slice(-count));
      },
    },
    connect: (connected) => (bus = connected, sim.connect(connected)),
    run: (signal) => sim.run(signal),
    close: () => sim.close(),
  };
}
