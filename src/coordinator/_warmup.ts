/**
 * Warmup from venue history before live data.
 *
 * @module
 */
import type { MarketDataService } from "../data/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { IntentProcessor } from "./intent_processor.ts";
import type { StrategyHost, SymbolSlot } from "./strategy_host.ts";

/** Inputs of {@link warmUpFromHistory}. */
export interface WarmupOptions {
  /** Started hosts. */
  readonly hosts: readonly StrategyHost[];
  /** History source. */
  readonly data: MarketDataService;
  /** Intents stated during warmup are discarded. */
  readonly intents: IntentProcessor;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Called when a slot completes its warmup. */
  readonly onWarm: (slot: SymbolSlot) => void;
  /** True once a strategy has failed: warmup stops, and no strategy gets another bar. */
  readonly halted?: () => boolean;
}

/**
 * Fetches history once per symbol (as many bars as its most demanding
 * strategy needs) and feeds each strategy the last `warmup_bars` of it.
 * Whatever history does not cover is completed on the live stream. Intents
 * stated on history bars are ignored (reason `warmup`): strategies never trade
 * on history. Stops at once when `halted` says a strategy failed.
 */
export async function warmUpFromHistory(options: WarmupOptions): Promise<void> {
  const needs = new Map<string, SymbolSlot[]>();
  for (const host of options.hosts) {
    for (const slot of host.slots) {
      if (slot.warmupBars === 0) continue;
      const slots = needs.get(slot.symbol) ?? [];
      slots.push(slot);
      needs.set(slot.symbol, slots);
    }
  }
  for (const [symbol, slots] of needs) {
    const count = Math.max(...slots.map((s) => s.warmupBars));
    const bars = await options.data.history(symbol, count);
    options.telemetry.emit("market_data.history", {
      symbol,
      requested: count,
      received: bars.length,
    });
    for (const slot of slots) {
      const from = Math.max(0, bars.length - slot.warmupBars);
      for (let i = from; i < bars.length; i++) {
        if (options.halted?.() === true) return;
        const warmed = slot.host.deliverBar(slot, bars[i] as (typeof bars)[number]);
        options.intents.discardQueued("warmup");
        if (warmed) options.onWarm(slot);
      }
    }
  }
}
