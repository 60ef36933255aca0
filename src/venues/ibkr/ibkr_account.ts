/**
 * The IBKR account figures: an account summary request for the traded
 * account.
 *
 * @module
 */
import { type AccountSnapshot, type Decimal, toDecimal } from "../../model/mod.ts";
import type { AccountSource } from "../../venue/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { isPaperAccount } from "./account_selection.ts";
import { TwsDisconnectedError } from "./ibkr_errors.ts";

/** Tags requested from reqAccountSummary. */
export const ACCOUNT_SUMMARY_TAGS = "NetLiquidation,BuyingPower";

interface Collected {
  netLiquidation?: Decimal;
  buyingPower?: Decimal;
  currency?: string;
}

/**
 * An {@link AccountSource} over TWS. {@link refresh} sends reqAccountSummary
 * (group `All`, NetLiquidation and BuyingPower), keeps the traded account's
 * values, and cancels the subscription at its end marker. `snapshot()`
 * refreshes while connected and otherwise returns the last snapshot.
 * `isPaper` is true for `DU` accounts only.
 */
export class IbkrAccount implements AccountSource {
  readonly #ctx: IbkrContext;
  readonly #collecting = new Map<number, Collected>();
  #last: AccountSnapshot | undefined;

  /** Listens for account summary values on the link. */
  constructor(ctx: IbkrContext) {
    this.#ctx = ctx;
    ctx.link.on("accountSummary", (reqId, account, tag, value, currency) => {
      const collected = this.#collecting.get(reqId);
      if (collected === undefined || account !== ctx.accountId()) return;
      const number = Number(value);
      if (!Number.isFinite(number)) return;
      if (tag === "NetLiquidation") {
        collected.netLiquidation = toDecimal(value);
        if (currency) collected.currency = currency;
      } else if (tag === "BuyingPower") collected.buyingPower = toDecimal(value);
    });
    ctx.link.on("accountSummaryEnd", (reqId) => {
      const collected = this.#collecting.get(reqId);
      if (collected === undefined) return;
      this.#collecting.delete(reqId);
      ctx.pending.resolve(reqId, collected);
    });
  }

  /** The last snapshot read, if any. */
  get last(): AccountSnapshot | undefined {
    return this.#last;
  }

  /** A fresh snapshot while connected; the last one otherwise. */
  snapshot(): Promise<AccountSnapshot> {
    if (this.#ctx.link.connected) return this.refresh();
    if (this.#last !== undefined) return Promise.resolve(this.#last);
    return Promise.reject(new TwsDisconnectedError("no account snapshot: not connected to TWS"));
  }

  /** Requests the account summary now. */
  async refresh(): Promise<AccountSnapshot> {
    const ctx = this.#ctx;
    const reqId = ctx.requestIds.next();
    this.#collecting.set(reqId, {});
    const answer = ctx.pending.open<Collected>(reqId, {
      describe: "account summary",
      timeoutMs: ctx.requestTimeoutMs,
    });
    ctx.link.send((ib) => ib.reqAccountSummary(reqId, "All", ACCOUNT_SUMMARY_TAGS)).catch(
      (error) => ctx.pending.reject(reqId, error),
    );
    try {
      const collected = await answer;
      ctx.link.send((ib) => ib.cancelAccountSummary(reqId)).catch(() => {});
      const accountId = ctx.accountId();
      this.#last = {
        accountId,
        isPaper: isPaperAccount(accountId),
        currency: collected.currency ?? "USD",
        ...(collected.netLiquidation === undefined
          ? {}
          : { netLiquidation: collected.netLiquidation }),
        ...(collected.buyingPower === undefined ? {} : { buyingPower: collected.buyingPower }),
      };
      return this.#last;
    } finally {
      this.#collecting.delete(reqId);
    }
  }

  /** Handles an error for an account summary request; false when `reqId` is not one. */
  handleError(reqId: number, code: number, message: string): boolean {
    if (!this.#collecting.has(reqId)) return false;
    this.#collecting.delete(reqId);
    this.#ctx.pending.reject(
      reqId,
      new Error(`account summary failed: ${message} (IB error ${code})`),
    );
    return true;
  }
}
