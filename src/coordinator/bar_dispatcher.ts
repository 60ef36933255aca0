/**
 * The hot path: delivers each bar (and tick) to the strategies watching its
 * symbol, then drains the intents they stated, in the publisher's stack.
 *
 * @module
 */
import type { CapitalAllocationPolicy } from "../allocation/mod.ts";
import type { Bar, Tick } from "../model/mod.ts";
import type { IntentProcessor } from "./intent_processor.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";

/** Callbacks and collaborators of a {@link BarDispatcher}. */
export interface BarDispatcherOptions {
  /** Queue drained after each dispatch. */
  readonly intents: IntentProcessor;
  /** Fed every close when it observes closes (vol_target). */
  readonly policy: CapitalAllocationPolicy;
  /** A slot completed its warmup. */
  readonly onWarm: (slot: SymbolSlot) => void;
  /** A strategy threw; the dispatcher has halted itself already. */
  readonly onFailure: (strategyId: string, callback: string, error: unknown) => void;
  /** Market time reached the next cadence point (see {@link BarDispatcher.nextCadenceTs}). */
  readonly onCadence: (now: number) => void;
}

/**
 * Keeps, per symbol, a precomputed array of the strategy slots that watch it.
 * `dispatchBar` loops over that array calling each strategy directly, inside
 * one try (an exception halts the dispatch and is reported once), counts
 * warmup, feeds the capital policy if it observes closes, drains intents, and
 * calls the cadence when market time reaches it. No map lookup per strategy,
 * no allocation, no timer.
 */
export class BarDispatcher {
  /** Market time of the next cadence call; NaN until the first call. */
  nextCadenceTs = Number.NaN;
  #slotsBySymbol = new Map<string, SymbolSlot[]>();
  #options: BarDispatcherOptions;
  #observesCloses: boolean;
  #halted = false;

  /** Creates an empty dispatcher. */
  constructor(options: BarDispatcherOptions) {
    this.#options = options;
    this.#observesCloses = options.policy.observesCloses;
  }

  /** Adds the slots of a started strategy. */
  add(host: StrategyHost): void {
    for (const slot of host.slots) {
      const slots = this.#slotsBySymbol.get(slot.symbol) ?? [];
      slots.push(slot);
      this.#slotsBySymbol.set(slot.symbol, slots);
    }
  }

  /** Ids of the strategies watching `symbol`. */
  watchers(symbol: string): string[] {
    return (this.#slotsBySymbol.get(symbol) ?? []).map((slot) => slot.host.id);
  }

  /** True once a strategy failed; nothing is dispatched any more. */
  get halted(): boolean {
    return this.#halted;
  }

  /** Stops all further dispatch. */
  halt(): void {
    this.#halted = true;
  }

  /** Delivers one completed bar. */
  dispatchBar(bar: Bar): void {
    if (this.#halted) return;
    const slots = this.#slotsBySymbol.get(bar.symbol);
    if (slots !== undefined) {
      let i = 0;
      try {
        for (; i < slots.length; i++) {
          const slot = slots[i] as SymbolSlot;
          slot.lastBarTs = bar.ts;
          slot.instance.onBar(bar);
          if (!slot.warm && ++slot.barsSeen >= slot.warmupBars) {
            slot.warm = true;
            this.#options.onWarm(slot);
          }
        }
      } catch (error) {
        this.#halted = true;
        this.#options.onFailure((slots[i] as SymbolSlot).host.id, "onBar", error);
        return;
      }
    }
    if (this.#observesCloses) this.#options.policy.observe(bar.symbol, bar.close);
    const intents = this.#options.intents;
    if (intents.pending) intents.drain();
    if (!(bar.ts < this.nextCadenceTs)) this.#options.onCadence(bar.ts);
  }

  /** Delivers one tick to the strategies that handle ticks. */
  dispatchTick(tick: Tick): void {
    if (this.#halted) return;
    const slots = this.#slotsBySymbol.get(tick.symbol);
    if (slots === undefined) return;
    for (let i = 0; i < slots.length; i++) (slots[i] as SymbolSlot).host.deliverTick(tick);
    const intents = this.#options.intents;
    if (intents.pending && !this.#halted) intents.drain();
  }
}
