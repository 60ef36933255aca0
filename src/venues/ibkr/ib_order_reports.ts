/**
 * What TWS reports about our orders (orderStatus, openOrder, execDetails,
 * commissionReport, errors with an order id) turned into `order_status` and
 * `fill` events under our order ids, modification outcomes included.
 *
 * @module
 */
import { toDecimal } from "../../model/mod.ts";
import type { IbkrContext } from "./_ibkr_context.ts";
import { FillAssembler } from "./fill_assembler.ts";
import { echoesRequest } from "./ib_order_checks.ts";
import type { IbOrder, IbOrderRegistry, StatusUpdate } from "./ib_order_registry.ts";
import { isModificationRefusal, isOrderRejection, mapIbOrderStatus } from "./ib_order_status.ts";
import { parseIbTime } from "./ib_time.ts";

/** Options of {@link IbOrderReports}. */
export interface IbOrderReportsOptions {
  /** The broker's orders. */
  readonly orders: IbOrderRegistry;
  /** How long a fill waits for its commission report, ms. */
  readonly commissionWaitMs: number;
}

/**
 * Listens to the link and publishes, for each of our orders:
 * - `order_status` when TWS reports a new state or filled quantity;
 * - a `fill` per execution, once its commission report arrived (or after
 *   the commission wait, with commission 0);
 * - the answer to a modification: `accepted` once TWS reported the new
 *   values, that is an openOrder echoed the amended total quantity and limit
 *   and an orderStatus gave the remaining quantity under the new total (the
 *   next one after the echo, or one received since the send whose filled +
 *   remaining is the new total); `rejected` (with the reason, the order
 *   working as before) for an order error while the modification is pending
 *   at TWS. A terminal status that comes first answers it instead.
 */
export class IbOrderReports {
  readonly #ctx: IbkrContext;
  readonly #orders: IbOrderRegistry;
  readonly #fills: FillAssembler;
  #recoveryReqId: number | undefined;
  #recovered = 0;

  /** Starts listening on `ctx.link`. */
  constructor(ctx: IbkrContext, options: IbOrderReportsOptions) {
    this.#ctx = ctx;
    this.#orders = options.orders;
    const { commissionWaitMs } = options;
    this.#fills = new FillAssembler({
      scheduler: ctx.scheduler,
      commissionWaitMs,
      publish: (fill, details) => {
        if (details.commissionMissing) {
          ctx.health(
            "error",
            `no commission report for execution ${fill.execId} within ${
              commissionWaitMs / 1000
            } s: booked with commission 0`,
            { symbol: fill.symbol, detail: { exec_id: fill.execId, order_id: fill.orderId } },
          );
        }
        ctx.bus()?.publish("fill", fill);
      },
    });
    ctx.link.on(
      "orderStatus",
      (ibOrderId, status, filled, remaining, avgFillPrice) =>
        this.#onStatus(ibOrderId, status, { filled, remaining, avgFillPrice }),
    );
    ctx.link.on("openOrder", (ibOrderId, _contract, order) => {
      const known = this.#orders.find(ibOrderId, order?.orderRef);
      if (known === undefined) return;
      known.acknowledged = true;
      const amendment = known.amendment;
      if (!amendment?.sent || order === undefined || !echoesRequest(order, amendment.request)) {
        return;
      }
      amendment.echoed = true;
      // TWS may have sent the orderStatus under the new total before this openOrder.
      const status = amendment.statusSinceSent;
      if (status?.filled.plus(status.remaining).equals(amendment.request.quantity)) {
        this.#acceptAmendment(known, status);
      }
    });
    ctx.link.on("execDetails", (reqId, contract, execution) => {
      if (!execution.execId || execution.acctNumber && execution.acctNumber !== ctx.accountId()) {
        return;
      }
      const order = this.#orders.find(execution.orderId, execution.orderRef);
      const shares = toDecimal(execution.shares ?? 0);
      const price = toDecimal(execution.price ?? 0);
      const accepted = this.#fills.execution({
        execId: execution.execId,
        orderId: order?.request.id ?? (execution.orderRef || `ib-${execution.orderId}`),
        symbol: (contract.symbol ?? "").toUpperCase(),
        side: execution.side === "SLD" ? "SELL" : "BUY",
        quantity: shares,
        price,
        ts: parseIbTime(execution.time) ?? ctx.clock.now(),
      });
      if (!accepted) return;
      if (order !== undefined) this.#orders.recordExecution(order, shares, price);
      if (reqId === this.#recoveryReqId) this.#recovered++;
    });
    ctx.link.on("commissionReport", (report) => {
      if (report.execId) this.#fills.commission(report.execId, toDecimal(report.commission ?? 0));
    });
  }

  /**
   * Runs `request` (a reqExecutions that tells its request id before it goes
   * out and resolves at the end marker), then waits until each new execution
   * of the answer was published as a fill with its commission. Resolves with
   * how many fills were new.
   */
  async recoverExecutions(
    request: (onRequestId: (reqId: number) => void) => Promise<void>,
  ): Promise<number> {
    this.#recovered = 0;
    try {
      await request((reqId) => (this.#recoveryReqId = reqId));
      await this.#fills.settled();
      return this.#recovered;
    } finally {
      this.#recoveryReqId = undefined;
    }
  }

  /** Publishes `update` for `order` when it changes something; returns whether it did. */
  publish(order: IbOrder, update: StatusUpdate): boolean {
    const event = this.#orders.apply(order, update, this.#ctx.clock.now());
    if (event === undefined) return false;
    this.#ctx.bus()?.publish("order_status", event);
    return true;
  }

  /**
   * Publishes the refusal of `order`'s pending modification (the order works
   * as before); `reason` says why.
   */
  refuseAmendment(order: IbOrder, reason: string): void {
    const event = this.#orders.settleAmendment(order, "rejected", {
      ts: this.#ctx.clock.now(),
      reason: `modification refused: ${reason}`,
    });
    if (event !== undefined) this.#ctx.bus()?.publish("order_status", event);
  }

  /** Handles an error carrying an id of one of our orders; false when the id is not one. */
  handleError(id: number, code: number, message: string): boolean {
    const order = this.#orders.byIbId(id);
    if (order === undefined) return false;
    const reason = `${message} (IB error ${code})`;
    if (code === 202) {
      order.lastError = reason;
      this.publish(order, {
        status: "cancelled",
        filled: order.filled,
        remaining: toDecimal(0),
        reason,
      });
    } else if (order.amendment?.sent && order.acknowledged && isModificationRefusal(code)) {
      // TWS refused the modification of an order it works: the order itself is unaffected.
      this.refuseAmendment(order, reason);
    } else if (isOrderRejection(code, order.acknowledged)) {
      order.lastError = reason;
      this.publish(order, {
        status: "rejected",
        filled: order.filled,
        remaining: toDecimal(0),
        reason,
      });
    } else {
      order.lastError = reason;
      this.#ctx.health("error", `order ${order.request.id}: ${reason}`, {
        code,
        symbol: order.request.symbol,
        detail: { order_id: order.request.id },
      });
    }
    return true;
  }

  /** Publishes fills still waiting for their commission now, with commission 0. */
  flushExecutions(): void {
    this.#fills.flush();
  }

  /** Drops fills still waiting for their commission, and their timers. */
  close(): void {
    this.#fills.close();
  }

  #onStatus(
    ibOrderId: number,
    status: string,
    reported: { filled?: number; remaining?: number; avgFillPrice?: number },
  ): void {
    const order = this.#orders.byIbId(ibOrderId);
    if (order === undefined) return;
    order.acknowledged = true;
    const filled = reported.filled ?? 0;
    const state = mapIbOrderStatus(status, filled);
    if (state === undefined) return;
    const avg = reported.avgFillPrice;
    let reason: string | undefined;
    if (state === "rejected") reason = order.lastError ?? `TWS set the order ${status}`;
    else if (state === "cancelled") reason = order.lastError ?? `TWS reported ${status}`;
    const update: StatusUpdate = {
      status: state,
      filled: toDecimal(filled),
      remaining: toDecimal(reported.remaining ?? 0),
      ...(avg !== undefined && avg > 0 ? { avgFillPrice: toDecimal(avg) } : {}),
      ...(reason === undefined ? {} : { reason }),
    };
    this.publish(order, update);
    const amendment = order.amendment;
    if (amendment?.echoed) this.#acceptAmendment(order, update);
    else if (amendment?.sent) amendment.statusSinceSent = update;
  }

  #acceptAmendment(order: IbOrder, reported: StatusUpdate): void {
    const event = this.#orders.settleAmendment(order, "accepted", {
      ts: this.#ctx.clock.now(),
      reported,
    });
    if (event !== undefined) this.#ctx.bus()?.publish("order_status", event);
  }
}
