/**
 * Which managed account the venue trades, and whether it is a paper account.
 *
 * @module
 */

/** Prefix of IB paper trading account ids. */
export const PAPER_ACCOUNT_PREFIX = "DU";

/**
 * Splits TWS's managed-accounts text (`"DU111,DU222,"`) into account ids.
 *
 * @example
 * ```ts
 * parseManagedAccounts("DU111, DU222,"); // ["DU111", "DU222"]
 * ```
 */
export function parseManagedAccounts(text: string): string[] {
  return text.split(",").map((account) => account.trim()).filter((account) => account !== "");
}

/**
 * True for IB paper accounts: ids starting with `DU`. Paper advisor/master
 * logins (`DF...`) and every other id are treated as live, so they need the
 * LiveTradingGuard acknowledgement: erring on the side of refusing.
 */
export function isPaperAccount(accountId: string): boolean {
  return accountId.startsWith(PAPER_ACCOUNT_PREFIX);
}

/**
 * Picks the account to trade among the login's managed accounts: the
 * configured one (which must be managed), else the only one.
 *
 * @throws {Error} when the configured account is not managed, when there are
 * several accounts and none is configured, or when TWS reported none.
 */
export function chooseAccount(managed: readonly string[], configured: string | undefined): string {
  const list = managed.join(", ");
  if (configured !== undefined) {
    if (managed.includes(configured)) return configured;
    throw new Error(
      `account ${configured} (venue.account) is not managed by this TWS login; managed accounts: ${
        list || "none"
      }`,
    );
  }
  if (managed.length === 1) return managed[0] as string;
  if (managed.length === 0) {
    throw new Error("TWS reported no managed accounts: is the login complete?");
  }
  throw new Error(
    `TWS manages several accounts (${list}): set venue.account in the graph to the one to trade`,
  );
}
