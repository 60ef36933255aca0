/**
 * The IBApi events the venue listens to, with their argument lists
 * (stoqey/ib 1.6.10's `api.d.ts`).
 *
 * @module
 */
import type {
  CommissionReport,
  Contract,
  ContractDetails,
  Execution,
  Order,
  OrderState as IbOrderState,
} from "@stoqey/ib";

/** Event name -> listener arguments. */
export interface IbEventArgs {
  /** Socket closed (the handshake's failures are reported by `TwsLink.connect`). */
  disconnected: [];
  /** Errors; `reqId` is the request or order id, -1 when none. */
  error: [error: Error, code: number, reqId: number];
  /** Messages TWS sent with id -1: connectivity 1100/1101/1102, farm status 2104, ... */
  info: [message: string, code: number];
  /** Lowest order id TWS accepts. */
  nextValidId: [orderId: number];
  /** Comma-separated account ids. */
  managedAccounts: [accounts: string];
  /** TWS time, epoch seconds. */
  currentTime: [time: number];
  /** One contract matching a reqContractDetails. */
  contractDetails: [reqId: number, details: ContractDetails];
  /** End of reqContractDetails results. */
  contractDetailsEnd: [reqId: number];
  /** A price tick. */
  tickPrice: [reqId: number, tickType: number, price: number | undefined];
  /** A size tick. */
  tickSize: [reqId: number, tickType: number | undefined, size: number | undefined];
  /** A 5-second real-time bar; `time` is its start in epoch seconds. */
  realtimeBar: [
    reqId: number,
    time: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number | undefined,
    wap: number | undefined,
    count: number | undefined,
  ];
  /** One historical bar, or the end marker (`time` starting with "finished"). */
  historicalData: [
    reqId: number,
    time: string,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number | undefined,
    count: number | undefined,
    wap: number | undefined,
  ];
  /** An order's status. */
  orderStatus: [
    orderId: number,
    status: string,
    filled: number | undefined,
    remaining: number | undefined,
    avgFillPrice: number | undefined,
  ];
  /** An open order (solicited by reqOpenOrders, or after each change). */
  openOrder: [orderId: number, contract: Contract, order: Order, orderState: IbOrderState];
  /** End of reqOpenOrders results. */
  openOrderEnd: [];
  /** An execution; reqId -1 when unsolicited. */
  execDetails: [reqId: number, contract: Contract, execution: Execution];
  /** End of reqExecutions results. */
  execDetailsEnd: [reqId: number];
  /** The commission of one execution. */
  commissionReport: [report: CommissionReport];
  /** One position (reqPositions). */
  position: [account: string, contract: Contract, position: number, avgCost: number | undefined];
  /** End of the initial reqPositions list. */
  positionEnd: [];
  /** One account summary value. */
  accountSummary: [reqId: number, account: string, tag: string, value: string, currency: string];
  /** End of an account summary. */
  accountSummaryEnd: [reqId: number];
}

/** Name of an event the venue listens to. */
export type IbEventName = keyof IbEventArgs;

/** A listener of event `E`. */
export type IbListener<E extends IbEventName> = (...args: IbEventArgs[E]) => void;
