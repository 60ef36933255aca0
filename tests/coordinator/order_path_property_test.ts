/**
 * Property-based tests of the order path on the simulated venue: random
 * strategies (targets, deltas, market and limit orders) on random price paths,
 * against a broker with random partial fills, rejects, venue-side cancels,
 * refused modifications and DAY expiries. After every step: a long-only
 * strategy is never short, at most one working order per strategy and symbol,
 * every order sent passed the RiskGuard exactly once, nothing is sent after
 * stopping, the books equal the broker, every execution is booked once.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { EventBus, type TradingBus, type TradingTopics } from "../../src/bus/mod.ts";
import type { StrategyCoordinator } from "../../src/coordinator/mod.ts";
import { type Bar, type Fill, toDecimal } from "../../src/model/mod.ts";
import type { Broker, Venue } from "../../src/venue/mod.ts";
import { SeededRandom, type SimVenue } from "../../src/venues/sim/mod.ts";
import { runScenario } from "./_harness.ts";
import { OrderInvariants } from "./_order_invariants.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 2, 14, 30);
const SYMBOLS = ["AAPL", "MSFT"] as const;

/** Bars of a random walk: three bars a day, so DAY orders expire across days. */
function walk(symbol: string, steps: readonly number[]): Bar[] {
  let close = 100;
  return steps.map((step, i) => {
    const open = close;
    close = Math.max(1, Math.round(open * (1 + step) * 100) / 100);
    const wiggle = Math.abs(step) / 2;
    return {
      symbol,
      ts: START + Math.floor(i / 3) * DAY + (i % 3) * HOUR,
      open,
      high: Math.round(Math.max(open, close) * (1 + wiggle) * 100) / 100,
      low: Math.round(Math.min(open, close) * (1 - wiggle) * 100) / 100,
      close,
      volume: 1_000,
    };
  });
}

interface Action {
  readonly bar: number;
  readonly symbol: string;
  readonly kind: "target" | "trade";
  readonly quantity: number;
  /** Limit price as an offset from the bar's close; null for a market order. */
  readonly limitOffset: number | null;
}

interface StrategySpec {
  readonly longOnly: boolean;
  readonly actions: readonly Action[];
}

interface Chaos {
  readonly seed: number;
  readonly rejectRate: number;
  readonly amendRejectRate: number;
  readonly venueCancelRate: number;
  /** Share of executions published after the order's status (as TWS often does), or later. */
  readonly lateFillRate: number;
}

/**
 * The bus the venue publishes on: it forwards everything to the run's bus,
 * but holds some executions back until after the order's next status, or
 * until the next bar, like TWS's "filled" before its execDetails.
 */
class LateFillBus extends EventBus<TradingTopics> {
  readonly #target: TradingBus;
  readonly #random: () => number;
  readonly #rate: number;
  #held: Fill[] = [];

  constructor(target: TradingBus, random: () => number, rate: number) {
    super();
    this.#target = target;
    this.#random = random;
    this.#rate = rate;
  }

  override publish<K extends keyof TradingTopics>(topic: K, event: TradingTopics[K]): void {
    if (topic === "fill" && this.#random() < this.#rate) {
      this.#held.push(event as Fill);
      return;
    }
    if (topic === "bar") this.#release(() => true);
    this.#target.publish(topic, event);
    if (topic === "order_status") {
      const orderId = (event as TradingTopics["order_status"]).orderId;
      this.#release((fill) => fill.orderId === orderId && this.#random() < 0.5);
    }
  }

  #release(which: (fill: Fill) => boolean): void {
    const release = this.#held.filter(which);
    this.#held = this.#held.filter((fill) => !release.includes(fill));
    for (const fill of release) this.#target.publish("fill", fill);
  }
}

const BARS = 18;

const actionArb = (longOnly: boolean): fc.Arbitrary<Action> =>
  fc.record({
    bar: fc.integer({ min: 1, max: BARS }),
    symbol: fc.constantFrom(...SYMBOLS),
    kind: longOnly ? fc.constant("target" as const) : fc.constantFrom("target", "trade"),
    quantity: longOnly ? fc.integer({ min: 0, max: 60 }) : fc.integer({ min: -60, max: 60 }),
    limitOffset: fc.option(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { nil: null }),
  }) as fc.Arbitrary<Action>;

const strategyArb: fc.Arbitrary<StrategySpec> = fc.boolean().chain((longOnly) =>
  fc.record({
    longOnly: fc.constant(longOnly),
    actions: fc.array(actionArb(longOnly), { maxLength: 14 }),
  })
);

const scenarioArb = fc.record({
  steps: fc.tuple(
    ...SYMBOLS.map(() =>
      fc.array(fc.double({ min: -0.06, max: 0.06, noNaN: true }), {
        minLength: BARS,
        maxLength: BARS,
      })
    ),
  ),
  strategies: fc.array(strategyArb, { minLength: 1, maxLength: 3 }),
  partialFillRatio: fc.constantFrom("1", "0.5", "0.3"),
  maxNotional: fc.integer({ min: 1_500, max: 20_000 }),
  maxOrderSize: fc.integer({ min: 15, max: 80 }),
  dailyLossLimit: fc.option(fc.integer({ min: 20, max: 400 }), { nil: null }),
  chaos: fc.record({
    seed: fc.integer(),
    rejectRate: fc.constantFrom(0, 0.1, 0.3),
    amendRejectRate: fc.constantFrom(0, 0.3),
    venueCancelRate: fc.constantFrom(0, 0.1),
    lateFillRate: fc.constantFrom(0, 0.5),
  }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * A broker over the sim broker that reports every send to the invariants and,
 * at random, rejects orders or refuses modifications at the venue.
 */
function chaoticBroker(
  sim: SimVenue,
  chaos: Chaos,
  invariants: OrderInvariants,
  bus: () => TradingBus,
  coordinator: () => StrategyCoordinator,
): Broker {
  const generator = new SeededRandom(chaos.seed);
  const random = () => generator.uniform();
  const inner = sim.broker;
  return {
    submit(order) {
      invariants.sent(order, "submit");
      if (random() < chaos.rejectRate) {
        bus().publish("order_status", {
          orderId: order.id,
          status: "rejected",
          filled: toDecimal(0),
          remaining: toDecimal(0),
          reason: "chaos: rejected by the venue",
          ts: sim.clock.now(),
        });
        return Promise.resolve();
      }
      return inner.submit(order);
    },
    modify(order) {
      invariants.sent(order, "modify");
      const current = coordinator().orders.get(order.id);
      if (current !== undefined && !current.terminal && random() < chaos.amendRejectRate) {
        bus().publish("order_status", {
          orderId: order.id,
          status: current.status,
          filled: toDecimal(current.reportedFilled),
          remaining: toDecimal(current.quantity - current.reportedFilled),
          reason: "chaos: modification refused",
          amendment: { outcome: "rejected", quantity: current.request.quantity },
          ts: sim.clock.now(),
        });
        return Promise.resolve();
      }
      return inner.modify(order);
    },
    cancel: (id) => inner.cancel(id),
    openOrders: () => inner.openOrders(),
    positions: () => inner.positions(),
    priceIncrement: (symbol, price) => inner.priceIncrement(symbol, price),
  };
}

async function runChaos(scenario: Scenario): Promise<OrderInvariants> {
  const bars = Object.fromEntries(
    SYMBOLS.map((symbol, i) => [symbol, walk(symbol, scenario.steps[i] as number[])]),
  );
  const ids = scenario.strategies.map((_, i) => `s${i}`);
  const invariants = new OrderInvariants(
    ids.filter((_, i) => scenario.strategies[i]?.longOnly === true),
  );
  let bus: TradingBus | undefined;
  let coordinator: StrategyCoordinator | undefined;
  let sim: SimVenue | undefined;
  const generator = new SeededRandom(scenario.chaos.seed ^ 0x5eed);
  const random = () => generator.uniform();
  const result = await runScenario({
    graph: {
      venue: { type: "sim", partial_fill_ratio: scenario.partialFillRatio },
      sizing: { max_position: 100, max_notional: scenario.maxNotional },
      risk: {
        max_order_size: scenario.maxOrderSize,
        ...(scenario.dailyLossLimit === null ? {} : { daily_loss_limit: scenario.dailyLossLimit }),
      },
      settings: { intent_expiry_seconds: 86_400 },
      strategies: scenario.strategies.map((spec, i) => ({
        id: ids[i],
        type: "scripted",
        symbols: [...SYMBOLS],
        params: {
          script: spec.actions.map((action) => {
            const close = bars[action.symbol]?.[action.bar - 1]?.close ?? 100;
            return {
              bar: action.bar,
              symbol: action.symbol,
              [action.kind]: action.quantity,
              ...(action.limitOffset === null
                ? {}
                : { limit: Math.max(0.01, close * (1 + action.limitOffset)) }),
            };
          }),
        },
      })),
    },
    bars,
    riskChecks: [invariants.riskCheck],
    wrapVenue: (venue): Venue => {
      sim = venue;
      return {
        endpoint: venue.endpoint,
        clock: venue.clock,
        marketData: venue.marketData,
        account: venue.account,
        broker: chaoticBroker(venue, scenario.chaos, invariants, () => bus!, () => coordinator!),
        connect: (b) => venue.connect(new LateFillBus(b, random, scenario.chaos.lateFillRate)),
        run: (signal) => venue.run(signal),
        close: () => venue.close(),
      };
    },
    onBus: (b) => {
      bus = b;
      invariants.attach(b);
      b.subscribe("bar", () => {
        // The sim broker matched this bar already: the books must equal its ledger now.
        invariants.checkBooks(sim!.broker.ledger.positions(), `at a bar`);
        // The venue cancels a working order on its own now and then.
        if (random() < scenario.chaos.venueCancelRate) {
          const working = coordinator!.orders.workingOrders().filter((o) => !o.terminal);
          const victim = working[Math.floor(random() * working.length)];
          if (victim !== undefined) void sim!.broker.cancel(victim.id);
        }
      });
    },
    onCoordinator: (c) => {
      coordinator = c;
      invariants.watch(c);
    },
  });
  if (result.startError !== undefined) throw result.startError;
  invariants.checkBooks(sim!.broker.ledger.positions(), "at the end");
  invariants.finish();
  assertEquals(result.result?.exitCode, 0);
  assertEquals(coordinator!.orders.workingCount, 0);
  return invariants;
}

Deno.test("order path invariants hold under random strategies and a chaotic sim broker (fast-check)", async () => {
  let runs = 0;
  let steps = 0;
  let sends = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (scenario) => {
      const invariants = await runChaos(scenario);
      runs++;
      steps += invariants.steps;
      sends += invariants.sends;
    }),
    { numRuns: 200, seed: 20261201 },
  );
  console.log(`order path property: ${runs} runs, ${steps} checked steps, ${sends} orders sent`);
});
