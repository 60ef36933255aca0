/**
 * One symbol's state inside the market data service: prices, data time,
 * stall flag, aggregator, backlog and delivery counters.
 *
 * @module
 */
import type { Bar, PriceCell } from "../model/mod.ts";
import type { BarAggregator } from "./bar_aggregator.ts";
import type { BarBacklog } from "./_bar_backlog.ts";

/**
 * Per-symbol state, one object so the hot path does one map lookup per bar;
 * it is also the symbol's {@link PriceCell}.
 */
export class SymbolState implements PriceCell {
  /** The symbol, upper case. */
  readonly symbol: string;
  last = Number.NaN;
  bid = Number.NaN;
  ask = Number.NaN;
  lastDataTs = Number.NaN;
  stalled = false;
  aggregator: BarAggregator | undefined = undefined;
  /** Receives each completed bar (aggregated or not); set when the symbol is first acquired. */
  accept: (bar: Bar) => void = ignoreBar;
  /** `ts` of the last bar handed out: by history() or to the bar handler. */
  lastHandedTs = Number.NEGATIVE_INFINITY;
  /** Bars waiting for the bar handler; created by the first one. */
  backlog: BarBacklog | undefined = undefined;
  flushed = 0;
  droppedDuplicates = 0;
  droppedOverflow = 0;

  /** The state of `symbol`, without data yet. */
  constructor(symbol: string) {
    this.symbol = symbol;
  }

  /** Latest trade price (last bar close or last trade tick; mid-quote before any trade). */
  get price(): number | undefined {
    if (!Number.isNaN(this.last)) return this.last;
    if (!Number.isNaN(this.bid) && !Number.isNaN(this.ask)) return (this.bid + this.ask) / 2;
    return undefined;
  }
}

function ignoreBar(_bar: Bar): void {}
