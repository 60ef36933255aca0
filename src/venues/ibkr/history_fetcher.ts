/**
 * Historical bars from TWS: one paced request at a time, paging backwards
 * for warmup, aggregation to sizes IB does not offer.
 *
 * @module
 */
import { type Contract, WhatToShow } from "@stoqey/ib";
import { US_EQUITIES_CALENDAR } from "../../calendar/mod.ts";
import { BarAggregator } from "../../data/bar_aggregator.ts";
import type { Bar } from "../../model/mod.ts";
import { errorText, type IbkrContext } from "./_ibkr_context.ts";
import { HistoricalPacing, type HistoricalPacingRules } from "./historical_pacing.ts";
import { ibDurationMs, planHistory } from "./history_plan.ts";
import { TwsDisconnectedError, TwsRequestError } from "./ibkr_errors.ts";
import { formatIbUtc, parseIbTime } from "./ib_time.ts";
import { sleepOn } from "./scheduler.ts";

/** One bar as TWS sent it. */
export interface HistoricalRow {
  /** Bar start, epoch ms. */
  readonly ts: number;
  /** The date text as sent (`yyyyMMdd` or epoch seconds). */
  readonly date: string;
  /** Open. */
  readonly open: number;
  /** High. */
  readonly high: number;
  /** Low. */
  readonly low: number;
  /** Close. */
  readonly close: number;
  /** Volume (0 when TWS sent none). */
  readonly volume: number;
  /** Volume-weighted average price (the close when TWS sent none). */
  readonly wap: number;
  /** Trade count (0 when TWS sent none). */
  readonly count: number;
}

/** One reqHistoricalData. */
export interface HistoricalQuery {
  /** IB bar size text, e.g. `1 day`. */
  readonly barSize: string;
  /** IB duration, e.g. `2 Y`. */
  readonly duration: string;
  /** `yyyyMMdd-HH:mm:ss` UTC, or `""` for now. */
  readonly endDateTime: string;
  /** Regular trading hours only. */
  readonly useRth: boolean;
}

/** Options of a {@link HistoryFetcher}. */
export interface HistoryFetcherOptions {
  /** Timeout of one request, ms. */
  readonly timeoutMs: number;
  /** Most pages one `bars` call requests. */
  readonly maxPages: number;
  /** Wait before retrying after an IB pacing violation, ms. */
  readonly pacingRetryMs: number;
  /** Resolves when the venue is connected again (history survives outages). */
  readonly whenReady: () => Promise<void>;
  /** Pacing limits (default IB's). */
  readonly pacing?: HistoricalPacingRules;
}

const RETRIES = 3;
const EMPTY_PAGES_BEFORE_GIVING_UP = 3;

/**
 * Requests historical bars within IB's pacing rules: requests run one at a
 * time, each waiting (never failing) until {@link HistoricalPacing} allows it;
 * a pacing violation (162) is retried after `pacingRetryMs`, a lost
 * connection after the venue is whole again.
 */
export class HistoryFetcher {
  readonly #ctx: IbkrContext;
  readonly #options: HistoryFetcherOptions;
  readonly #pacing: HistoricalPacing;
  readonly #rows = new Map<number, HistoricalRow[]>();
  readonly #abort = new AbortController();
  #tail: Promise<unknown> = Promise.resolve();

  /** Listens for historical data on the link. */
  constructor(ctx: IbkrContext, options: HistoryFetcherOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#pacing = new HistoricalPacing(options.pacing);
    ctx.link.on("historicalData", (reqId, time, open, high, low, close, volume, count, wap) => {
      const rows = this.#rows.get(reqId);
      if (rows === undefined) return;
      if (time.startsWith("finished")) {
        this.#rows.delete(reqId);
        ctx.pending.resolve(reqId, rows);
        return;
      }
      const ts = parseIbTime(time);
      if (ts === undefined) return;
      rows.push({
        ts,
        date: time,
        open,
        high,
        low,
        close,
        volume: volume ?? 0,
        wap: wap ?? close,
        count: count ?? 0,
      });
    });
  }

  /**
   * The last `count` completed bars of `barSizeMs` before now, oldest first,
   * paging back from now (see history_plan.ts) until enough bars arrived, a
   * page limit is reached, or three pages in a row came back empty.
   */
  async bars(contract: Contract, count: number, barSizeMs: number): Promise<Bar[]> {
    const plan = planHistory(count, barSizeMs);
    const pageMs = ibDurationMs(plan.source.pageDuration);
    const symbol = contract.symbol as string;
    let rows: HistoricalRow[] = [];
    let endMs = this.#ctx.clock.now();
    let endDateTime = "";
    let empty = 0;
    for (let page = 0; page < this.#options.maxPages; page++) {
      if (rows.length >= plan.sourceCount || empty >= EMPTY_PAGES_BEFORE_GIVING_UP) break;
      const earliest = rows[0]?.ts ?? Number.POSITIVE_INFINITY;
      const fetched = (await this.query(contract, {
        barSize: plan.source.setting,
        duration: plan.source.pageDuration,
        endDateTime,
        useRth: false,
      })).filter((row) => row.ts < earliest);
      if (fetched.length === 0) {
        empty++;
        endMs -= pageMs;
      } else {
        empty = 0;
        rows = [...fetched, ...rows];
        endMs = (fetched[0] as HistoricalRow).ts;
      }
      endDateTime = formatIbUtc(endMs);
    }
    const now = this.#ctx.clock.now();
    const complete = rows
      .filter((row) => row.ts + plan.source.ms <= now)
      .map((row): Bar => ({ symbol, ...pick(row) }));
    const bars = plan.factor === 1 ? complete : aggregate(complete, plan.source.ms, barSizeMs);
    return bars.filter((bar) => bar.ts + barSizeMs <= now).slice(-count);
  }

  /** One paced reqHistoricalData; queued behind earlier ones. */
  query(contract: Contract, query: HistoricalQuery): Promise<HistoricalRow[]> {
    const run = this.#tail.then(() => this.#withRetries(contract, query));
    this.#tail = run.catch(() => {});
    return run;
  }

  /** Handles an error for one of its requests; false when `reqId` is not one. */
  handleError(reqId: number, code: number, message: string): boolean {
    if (!this.#rows.has(reqId)) return false;
    this.#rows.delete(reqId);
    if (code === 162 && /returned no data/i.test(message)) {
      this.#ctx.pending.resolve(reqId, []);
    } else {
      const text = code === 200 ? `no security definition (IB error 200): ${message}` : message;
      this.#ctx.pending.reject(reqId, new TwsRequestError(`${text} (IB error ${code})`, code));
    }
    return true;
  }

  /** Stops waiting for pacing or reconnection. */
  close(): void {
    this.#abort.abort();
  }

  async #withRetries(contract: Contract, query: HistoricalQuery): Promise<HistoricalRow[]> {
    for (let attempt = 1;; attempt++) {
      try {
        return await this.#send(contract, query);
      } catch (error) {
        if (this.#abort.signal.aborted || attempt >= RETRIES) throw error;
        if (error instanceof TwsDisconnectedError) {
          await this.#options.whenReady();
        } else if (error instanceof TwsRequestError && /pacing/i.test(error.message)) {
          this.#ctx.health(
            "pacing",
            `historical data pacing violation; retrying: ${errorText(error)}`,
            {
              code: error.code,
              symbol: contract.symbol,
            },
          );
          await sleepOn(this.#ctx.scheduler, this.#options.pacingRetryMs, this.#abort.signal);
        } else throw error;
      }
    }
  }

  async #send(contract: Contract, query: HistoricalQuery): Promise<HistoricalRow[]> {
    const ctx = this.#ctx;
    const key = {
      contract: `${contract.conId}:TRADES`,
      identity: JSON.stringify([contract.conId, query]),
    };
    const wait = this.#pacing.earliestStart(key, ctx.scheduler.now()) - ctx.scheduler.now();
    if (wait > 0) {
      ctx.health("pacing", `waiting ${Math.ceil(wait)} ms to respect IB historical data pacing`, {
        symbol: contract.symbol,
        detail: { wait_ms: Math.ceil(wait) },
      });
      await sleepOn(ctx.scheduler, wait, this.#abort.signal);
    }
    if (this.#abort.signal.aborted) throw new TwsDisconnectedError("the venue was closed");
    const reqId = ctx.requestIds.next();
    this.#rows.set(reqId, []);
    const answer = ctx.pending.open<HistoricalRow[]>(reqId, {
      describe: `historical ${query.barSize} bars of ${contract.symbol}`,
      timeoutMs: this.#options.timeoutMs,
    });
    ctx.link.send((ib) => {
      // Paced from the moment the request actually leaves, as TWS measures it.
      this.#pacing.record(key, ctx.scheduler.now());
      ib.reqHistoricalData(
        reqId,
        contract,
        query.endDateTime,
        query.duration,
        // Library boundary: the client types bar sizes as an enum of the same texts.
        query.barSize as Parameters<typeof ib.reqHistoricalData>[4],
        WhatToShow.TRADES,
        query.useRth ? 1 : 0,
        2,
        false,
      );
    }).catch((error) => ctx.pending.reject(reqId, error));
    try {
      return await answer;
    } finally {
      this.#rows.delete(reqId);
    }
  }
}

function pick(row: HistoricalRow): Omit<Bar, "symbol"> {
  return {
    ts: row.ts,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
}

/**
 * Aggregates source bars to `targetMs` on the sessions live bars are built on (so warmup and
 * live bars cut the same periods), dropping a first period the data does not start at.
 */
function aggregate(bars: readonly Bar[], sourceMs: number, targetMs: number): Bar[] {
  const aggregator = new BarAggregator(sourceMs, targetMs, { calendar: US_EQUITIES_CALENDAR });
  const out: Bar[] = [];
  for (const bar of bars) aggregator.push(bar, (built) => out.push(built));
  const first = bars[0];
  if (first !== undefined && out[0] !== undefined && out[0].ts !== first.ts) out.shift();
  return out;
}
