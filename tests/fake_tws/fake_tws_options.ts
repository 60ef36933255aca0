/**
 * The scenario a {@link FakeTws} plays: accounts, contracts, how orders fill,
 * which are rejected, starting positions and account values.
 *
 * @module
 */
import type { Clock, Decimal } from "../../src/model/mod.ts";
import type { ReqHistoricalDataRequest } from "./request_types.ts";

/** A number, numeric string or Decimal; the fake stores it as a Decimal. */
export type DecimalInput = Decimal | number | string;

/** What the fake knows about one symbol. Only `conId` is required. */
export interface ContractSpec {
  /** IB contract id returned by contract details and used in every message. */
  readonly conId: number;
  /** Security type; default `STK`. */
  readonly secType?: string;
  /** Routing exchange; default `SMART`. */
  readonly exchange?: string;
  /** Primary exchange; default `NASDAQ`. */
  readonly primaryExch?: string;
  /** Default `USD`. */
  readonly currency?: string;
  /** Default: the symbol. */
  readonly longName?: string;
  /**
   * Minimum price variation, reported in contract details; a PLACE_ORDER
   * whose limit price is off it gets error 110. Default `0.01`.
   */
  readonly minTick?: DecimalInput;
  /** Default `US/Eastern`. */
  readonly timeZoneId?: string;
  /** Reference price: first price of synthetic history, last resort fill price. Default 100. */
  readonly price?: DecimalInput;
}

/**
 * How the fake fills orders it accepts:
 * - `immediate`: in one execution right after acknowledging the order;
 * - `partial`: in `pieces` executions (the last takes the remainder), back to back;
 * - `manual`: never by itself; call `fillOrder`.
 *
 * Automatic fills use the first price available: the symbol's `fillPrices`
 * entry, the last `pushTick` trade price, the bid/ask mid, then the contract's
 * reference `price`. A limit order fills only when that price is at or better
 * than its limit (at the price); otherwise it rests until a `pushTick` makes
 * it marketable.
 */
export type FillMode =
  | { readonly mode: "immediate" }
  | { readonly mode: "partial"; readonly pieces: number }
  | { readonly mode: "manual" };

/** Orders to reject with error 201 instead of accepting them. */
export interface RejectRule {
  /** Reject every order for these symbols. */
  readonly symbols?: readonly string[];
  /** Reject the next N orders (any symbol); counts down. */
  readonly next?: number;
  /** Text after "Order rejected - reason:"; default "Insufficient buying power". */
  readonly reason?: string;
  /** ORDER_STATUS sent after the 201 error; default `Cancelled`; `none` sends only the error. */
  readonly status?: "Cancelled" | "Inactive" | "none";
}

/** A starting position. */
export interface PositionSpec {
  /** Signed share count (negative is short). */
  readonly quantity: DecimalInput;
  /** Average cost per share. */
  readonly avgCost: DecimalInput;
  /** Default: the first account. */
  readonly account?: string;
}

/** An account summary value; a bare value gets the base currency (`USD`). */
export type AccountValueInput = DecimalInput | {
  readonly value: string;
  readonly currency: string;
};

/** Per-execution commission: `max(minimum, perShare * shares)`. */
export interface CommissionSchedule {
  readonly perShare: DecimalInput;
  readonly minimum: DecimalInput;
  readonly currency?: string;
}

/** One historical bar a {@link HistoricalBarSource} returns. */
export interface HistoricalBarInput {
  /** Bar start, epoch seconds UTC. */
  readonly time: number;
  readonly open: DecimalInput;
  readonly high: DecimalInput;
  readonly low: DecimalInput;
  readonly close: DecimalInput;
  /** Default 0. */
  readonly volume?: DecimalInput;
  /** Default: the close. */
  readonly wap?: DecimalInput;
  /** Trade count; default 0. */
  readonly count?: number;
}

/** A REQ_HISTORICAL_DATA as the bar source sees it, with durations already parsed. */
export interface HistoricalQuery {
  readonly symbol: string;
  readonly conId: number;
  /** End of the requested window (endDateTime, or the fake clock when empty), epoch ms. */
  readonly endMs: number;
  /** Bar length in ms (from barSize, e.g. `5 mins`). */
  readonly barSizeMs: number;
  /** Window length in ms (from duration, e.g. `2 D`). */
  readonly durationMs: number;
  /** Contract reference price. */
  readonly referencePrice: Decimal;
  /** The request as received. */
  readonly request: ReqHistoricalDataRequest;
}

/** Produces the bars for one historical request, oldest first. */
export type HistoricalBarSource = (query: HistoricalQuery) => readonly HistoricalBarInput[];

/** Options of `FakeTws.start`. Every field is optional. */
export interface FakeTwsOptions {
  /** Managed accounts; default `["DU1234567"]`. */
  readonly accounts?: readonly string[];
  /** Server version to negotiate (166..193); default 176. */
  readonly serverVersion?: number;
  /** Known symbols; default AAPL (265598), MSFT (272093), SPY (756733). Replaces the defaults. */
  readonly contracts?: Readonly<Record<string, ContractSpec>>;
  /** Default `{ mode: "immediate" }`. */
  readonly fillMode?: FillMode;
  /** Fill price per symbol for automatic fills. */
  readonly fillPrices?: Readonly<Record<string, DecimalInput>>;
  /** Orders to reject with 201. */
  readonly reject?: RejectRule;
  /** Starting positions by symbol. */
  readonly positions?: Readonly<Record<string, PositionSpec>>;
  /** Account summary values by tag, for every account. Defaults in README. */
  readonly accountSummary?: Readonly<Record<string, AccountValueInput>>;
  /** Default 0.005 per share, minimum 1.00 USD. */
  readonly commission?: CommissionSchedule;
  /** Historical bars; default a deterministic random walk from the contract price. */
  readonly historicalBars?: HistoricalBarSource;
  /** Time source for executions, history and CURRENT_TIME; default wall clock. */
  readonly clock?: Clock;
  /** nextValidId for a client id that has never placed an order; default 1. */
  readonly firstOrderId?: number;
  /** Send info 2104/2106/2158 (farm connections OK) after each handshake; default true. */
  readonly farmStatusOnConnect?: boolean;
  /**
   * How long `close()` waits after closing sockets, in ms, so that the real
   * client's rate limiter timer (100 ms after its last send) has fired before
   * Deno's op sanitizer looks; default 110. Set 0 when no client is used.
   */
  readonly settleMs?: number;
}
