/**
 * IB's historical data pacing rules, as a pure "when may this request go"
 * calculator. Breaking them earns error 162 "pacing violation" and, when
 * repeated, a disconnect.
 *
 * @module
 */

/** The pacing limits, ms and counts. */
export interface HistoricalPacingRules {
  /** No identical request within this long (IB: 15 s). */
  readonly identicalGapMs: number;
  /** At most this many requests for one contract and data type ... */
  readonly perContractCount: number;
  /** ... within this window (IB: six or more within 2 s is a violation, so 5). */
  readonly perContractWindowMs: number;
  /** At most this many requests in all ... */
  readonly totalCount: number;
  /** ... within this window (IB: 60 per 10 minutes). */
  readonly totalWindowMs: number;
}

/** IB's published limits. */
export const IB_HISTORICAL_PACING: HistoricalPacingRules = Object.freeze({
  identicalGapMs: 15_000,
  perContractCount: 5,
  perContractWindowMs: 2_000,
  totalCount: 60,
  totalWindowMs: 600_000,
});

/** What pacing compares between requests. */
export interface PacedRequestKey {
  /** Contract and data type, e.g. `"265598:TRADES"`. */
  readonly contract: string;
  /** Every parameter, for the identical-request rule. */
  readonly identity: string;
}

interface Sent {
  readonly at: number;
  readonly key: PacedRequestKey;
}

/**
 * Remembers when historical requests went out and says how long a new one
 * must wait. Call {@link earliestStart} before sending and {@link record} when
 * sending.
 *
 * @example
 * ```ts
 * const pacing = new HistoricalPacing();
 * const at = pacing.earliestStart(key, now); // now, or later when a rule would break
 * ```
 */
export class HistoricalPacing {
  readonly #rules: HistoricalPacingRules;
  #sent: Sent[] = [];

  /** Uses `rules` (default IB's). */
  constructor(rules: HistoricalPacingRules = IB_HISTORICAL_PACING) {
    this.#rules = rules;
  }

  /** Earliest time (>= `now`) at which a request with `key` keeps every rule. */
  earliestStart(key: PacedRequestKey, now: number): number {
    const rules = this.#rules;
    this.#forget(now);
    let earliest = now;
    for (const sent of this.#sent) {
      if (sent.key.identity === key.identity) {
        earliest = Math.max(earliest, sent.at + rules.identicalGapMs);
      }
    }
    const sameContract = this.#sent.filter((sent) => sent.key.contract === key.contract);
    earliest = Math.max(
      earliest,
      windowFree(sameContract, rules.perContractCount, rules.perContractWindowMs),
    );
    return Math.max(earliest, windowFree(this.#sent, rules.totalCount, rules.totalWindowMs));
  }

  /** Records that a request with `key` went out at `at`. */
  record(key: PacedRequestKey, at: number): void {
    this.#sent.push({ key, at });
  }

  #forget(now: number): void {
    const keep = Math.max(this.#rules.totalWindowMs, this.#rules.identicalGapMs);
    this.#sent = this.#sent.filter((sent) => sent.at > now - keep);
  }
}

/** Earliest time a window of `windowMs` holding at most `count - 1` of `sent` opens. */
function windowFree(sent: readonly Sent[], count: number, windowMs: number): number {
  if (sent.length < count) return Number.NEGATIVE_INFINITY;
  return (sent[sent.length - count] as Sent).at + windowMs;
}
