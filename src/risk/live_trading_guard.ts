/**
 * The LiveTradingGuard: real money only with an explicit flag and an
 * acknowledgement naming the account.
 *
 * @module
 */
import type { AccountSnapshot } from "../model/account.ts";
import type { VenueEndpoint } from "../venue/venue.ts";
import { LiveTradingRefusedError } from "./errors.ts";
import { APPROVED, deny, type RiskDecision } from "./risk_decision.ts";

/** TWS (7496) and IB Gateway (4001) ports that connect to live, real-money sessions. */
export const LIVE_PORTS: ReadonlySet<number> = new Set([7496, 4001]);

/** Options of a {@link LiveTradingGuard}. */
export interface LiveTradingGuardOptions {
  /** The run's `--live` flag. */
  readonly liveFlag: boolean;
  /** `IBKR_LIVE_ACK` from the environment: must equal the live account's id. */
  readonly acknowledgement?: string;
}

/**
 * Decides whether a venue may receive orders:
 * - a `sim` venue always may;
 * - an IBKR paper account (`isPaper`) on a port that is not a live port may;
 * - anything else (a live account, a live port, or a paper-looking account on
 *   a live port) may only with `--live` AND `IBKR_LIVE_ACK` equal to the
 *   account id.
 *
 * The same rule runs at start ({@link checkStart}, throws) and before every
 * order ({@link checkOrder}, a `live_guard` denial), because the account or
 * the endpoint can change, e.g. after a reconnect.
 *
 * @example
 * ```ts
 * const guard = new LiveTradingGuard({ liveFlag: opts.live, acknowledgement: Deno.env.get("IBKR_LIVE_ACK") });
 * guard.checkStart(venue.endpoint, account); // throws LiveTradingRefusedError
 * ```
 */
export class LiveTradingGuard {
  #liveFlag: boolean;
  #acknowledgement: string | undefined;

  /** A guard for one run. */
  constructor(options: LiveTradingGuardOptions) {
    this.#liveFlag = options.liveFlag;
    const ack = options.acknowledgement?.trim();
    this.#acknowledgement = ack === "" ? undefined : ack;
  }

  /** Why orders to this endpoint and account are refused, or `undefined` when they are allowed. */
  refusal(endpoint: VenueEndpoint, account: AccountSnapshot): string | undefined {
    if (endpoint.kind === "sim") return undefined;
    const livePort = endpoint.port !== undefined && LIVE_PORTS.has(endpoint.port);
    if (account.isPaper && !livePort) return undefined;
    if (this.#liveFlag && this.#acknowledgement === account.accountId) return undefined;
    return `live trading refused: ${describe(endpoint, account, livePort)}; ${
      this.#requirement(account.accountId)
    }`;
  }

  /**
   * Checks the venue at start.
   *
   * @throws {LiveTradingRefusedError} when the venue is live (or ambiguous) and not acknowledged.
   */
  checkStart(endpoint: VenueEndpoint, account: AccountSnapshot): void {
    const refusal = this.refusal(endpoint, account);
    if (refusal !== undefined) {
      throw new LiveTradingRefusedError(refusal, { accountId: account.accountId });
    }
  }

  /** Re-checks the venue before an order; a refusal is a `live_guard` denial. */
  checkOrder(endpoint: VenueEndpoint, account: AccountSnapshot): RiskDecision {
    const refusal = this.refusal(endpoint, account);
    return refusal === undefined ? APPROVED : deny("live_guard", refusal);
  }

  #requirement(accountId: string): string {
    if (!this.#liveFlag) {
      return `to trade it, pass --live and set IBKR_LIVE_ACK=${accountId}`;
    }
    if (this.#acknowledgement === undefined) {
      return `--live is set but IBKR_LIVE_ACK is not; set IBKR_LIVE_ACK=${accountId} to acknowledge this account`;
    }
    return `IBKR_LIVE_ACK=${this.#acknowledgement} does not match account ${accountId}; set IBKR_LIVE_ACK=${accountId} to acknowledge this account`;
  }
}

function describe(endpoint: VenueEndpoint, account: AccountSnapshot, livePort: boolean): string {
  const where = `${endpoint.host ?? "?"}:${endpoint.port ?? "?"}`;
  if (!account.isPaper && livePort) {
    return `account ${account.accountId} is a live (real-money) account on live port ${where}`;
  }
  if (!account.isPaper) {
    return `account ${account.accountId} is a live (real-money) account although ${where} is not a live port (7496, 4001)`;
  }
  return `account ${account.accountId} reports as paper but ${where} is a live port (7496, 4001)`;
}
