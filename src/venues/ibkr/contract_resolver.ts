/**
 * Contract qualification: a symbol becomes an IB contract id once, via
 * reqContractDetails; every later request uses the conId. The contract
 * details' minimum tick is kept for limit price checks.
 *
 * @module
 */
import { type Contract, SecType } from "@stoqey/ib";
import { type Decimal, toDecimal } from "../../model/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { TwsRequestError } from "./ibkr_errors.ts";

/** A US stock routed through SMART, optionally with its conId. */
export function stockContract(symbol: string, conId?: number): Contract {
  return {
    ...(conId === undefined ? {} : { conId }),
    symbol,
    secType: SecType.STK,
    exchange: "SMART",
    currency: "USD",
  };
}

/**
 * Resolves symbols to qualified contracts, once per symbol (concurrent calls
 * share one request). Unknown symbols reject with
 * `no security definition for SYMBOL (IB error 200)`. The `minTick` of the
 * first matching contract details is kept per symbol ({@link minTick}).
 */
export class ContractResolver {
  readonly #ctx: IbkrContext;
  readonly #contracts = new Map<string, Contract>();
  readonly #inflight = new Map<string, Promise<Contract>>();
  readonly #requests = new Map<number, { symbol: string; conId?: number; minTick?: Decimal }>();
  readonly #minTicks = new Map<string, Decimal>();

  /** Listens for contract details on the link. */
  constructor(ctx: IbkrContext) {
    this.#ctx = ctx;
    ctx.link.on("contractDetails", (reqId, details) => {
      const request = this.#requests.get(reqId);
      const conId = details.contract?.conId;
      if (request !== undefined && request.conId === undefined && conId !== undefined) {
        request.conId = conId;
        const minTick = details.minTick;
        if (minTick !== undefined && Number.isFinite(minTick) && minTick > 0) {
          request.minTick = toDecimal(minTick);
        }
      }
    });
    ctx.link.on("contractDetailsEnd", (reqId) => {
      const request = this.#requests.get(reqId);
      if (request === undefined) return;
      this.#requests.delete(reqId);
      if (request.conId === undefined) {
        ctx.pending.reject(
          reqId,
          new Error(`no security definition for ${request.symbol} (TWS returned no contract)`),
        );
      } else {
        if (request.minTick !== undefined) this.#minTicks.set(request.symbol, request.minTick);
        ctx.pending.resolve(reqId, request.conId);
      }
    });
  }

  /** The qualified contract of `symbol`, if resolved already. */
  cached(symbol: string): Contract | undefined {
    return this.#contracts.get(symbol);
  }

  /**
   * The minimum price variation TWS reported for `symbol` in its contract
   * details, or `undefined` before the symbol was resolved (or when TWS sent
   * no usable minTick).
   */
  minTick(symbol: string): Decimal | undefined {
    return this.#minTicks.get(symbol);
  }

  /** Qualifies `symbol` (upper-case ticker) or returns the cached contract. */
  resolve(symbol: string): Promise<Contract> {
    const known = this.#contracts.get(symbol);
    if (known !== undefined) return Promise.resolve(known);
    let inflight = this.#inflight.get(symbol);
    if (inflight === undefined) {
      inflight = this.#request(symbol).finally(() => this.#inflight.delete(symbol));
      this.#inflight.set(symbol, inflight);
    }
    return inflight;
  }

  /** Handles an error for one of its requests; false when `reqId` is not one. */
  handleError(reqId: number, code: number, message: string): boolean {
    const request = this.#requests.get(reqId);
    if (request === undefined) return false;
    this.#requests.delete(reqId);
    const text = code === 200
      ? `no security definition for ${request.symbol} (IB error 200)`
      : `contract details of ${request.symbol} failed: ${message} (IB error ${code})`;
    this.#ctx.pending.reject(reqId, new TwsRequestError(text, code));
    return true;
  }

  async #request(symbol: string): Promise<Contract> {
    const ctx = this.#ctx;
    const reqId = ctx.requestIds.next();
    this.#requests.set(reqId, { symbol });
    const answer = ctx.pending.open<number>(reqId, {
      describe: `contract details of ${symbol}`,
      timeoutMs: ctx.requestTimeoutMs,
    });
    ctx.link.send((ib) => ib.reqContractDetails(reqId, stockContract(symbol))).catch((error) => {
      this.#requests.delete(reqId);
      ctx.pending.reject(reqId, error);
    });
    try {
      const contract = stockContract(symbol, await answer);
      this.#contracts.set(symbol, contract);
      return contract;
    } finally {
      this.#requests.delete(reqId);
    }
  }
}
