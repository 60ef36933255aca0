/**
 * Errors of the safety layer that callers are expected to catch.
 *
 * @module
 */

/**
 * The LiveTradingGuard refused to start: the venue is a live (real-money)
 * account or a live port, and the run has not been explicitly acknowledged
 * with `--live` plus `IBKR_LIVE_ACK=<account id>`. The CLI prints the message
 * and exits non-zero.
 */
export class LiveTradingRefusedError extends Error {
  /** The account the venue reported. */
  readonly accountId: string;

  /** Creates the error for `accountId` with a message that says what to do. */
  constructor(message: string, options: { accountId: string }) {
    super(message);
    this.name = "LiveTradingRefusedError";
    this.accountId = options.accountId;
  }
}
