/**
 * Errors of the IBKR venue that callers tell apart.
 *
 * @module
 */

/**
 * A request could not be sent or answered because the connection to TWS is
 * down (or went down meanwhile). Nothing was replayed: the venue never lets
 * IBApi queue a call for a later connection.
 */
export class TwsDisconnectedError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "TwsDisconnectedError";
  }
}

/** TWS answered a request with an error code. */
export class TwsRequestError extends Error {
  /** IB error code, e.g. 200 or 162. */
  readonly code: number;

  /** Creates the error. */
  constructor(message: string, code: number) {
    super(message);
    this.name = "TwsRequestError";
    this.code = code;
  }
}
