/**
 * An IbkrVenue connected to a FakeTws through the real @stoqey/ib client,
 * without a coordinator: tests call the broker directly and wait on what it
 * publishes.
 *
 * @module
 */
import { EventName, IBApi } from "@stoqey/ib";
import { createTradingBus, type TradingBus } from "../../../src/bus/mod.ts";
import type { IbkrVenueConfig } from "../../../src/config/mod.ts";
import {
  type Fill,
  type OrderRequest,
  type OrderStatusEvent,
  toDecimal,
  type VenueHealthEvent,
} from "../../../src/model/mod.ts";
import { IbkrVenue, type IbkrVenueOptions } from "../../../src/venues/ibkr/mod.ts";
import type { FakeTws } from "../../fake_tws/mod.ts";

/** Options of {@link connectVenue}. */
export interface VenueSessionOptions {
  /** Outbound messages per second (the graph's `max_requests_per_second`); default 45. */
  readonly maxRequestsPerSecond?: number;
  /** Venue options. */
  readonly venueOptions?: IbkrVenueOptions;
}

/** A connected venue and what it published. */
export interface VenueSession extends AsyncDisposable {
  /** The venue. */
  readonly venue: IbkrVenue;
  /** The bus it publishes on. */
  readonly bus: TradingBus;
  /** Every `order_status` event, in order. */
  readonly statuses: OrderStatusEvent[];
  /** Every `fill` event, in order. */
  readonly fills: Fill[];
  /** Every `venue_health` event, in order. */
  readonly health: VenueHealthEvent[];
  /** `order_status` events of one order. */
  statusesOf(orderId: string): OrderStatusEvent[];
  /** Resolves with `check()`'s first defined result, re-checked after every bus event. */
  waitFor<T>(check: () => T | undefined, description: string, timeoutMs?: number): Promise<T>;
  /** Closes the venue; fails when any client reported decoder error 505. */
  close(): Promise<void>;
}

/** Connects an IbkrVenue (client id 7) to `tws` with a fresh bus. */
export async function connectVenue(
  tws: FakeTws,
  options: VenueSessionOptions = {},
): Promise<VenueSession> {
  const config: IbkrVenueConfig = {
    type: "ibkr",
    host: tws.host,
    port: tws.port,
    clientId: 7,
    marketDataType: "live",
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 45,
  };
  const decoderErrors: string[] = [];
  const venue = new IbkrVenue(config, {
    ...options.venueOptions,
    createClient: (creation) => {
      const ib = new IBApi(creation);
      ib.on(EventName.error, (error: Error, code: number) => {
        if (code === 505) decoderErrors.push(error.message);
      });
      return ib;
    },
  });
  const bus = createTradingBus();
  const statuses: OrderStatusEvent[] = [];
  const fills: Fill[] = [];
  const health: VenueHealthEvent[] = [];
  const checks = new Set<() => void>();
  const notify = () =>
    queueMicrotask(() => {
      for (const check of [...checks]) check();
    });
  bus.subscribe("order_status", (event) => (statuses.push(event), notify()));
  bus.subscribe("fill", (fill) => (fills.push(fill), notify()));
  bus.subscribe("venue_health", (event) => (health.push(event), notify()));
  await venue.connect(bus);
  const waitFor = <T>(check: () => T | undefined, description: string, timeoutMs = 5000) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        checks.delete(run);
      };
      checks.add(run);
      run();
    });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await venue.close();
      if (decoderErrors.length > 0) {
        throw new Error(`decoder error 505: ${decoderErrors.join(" | ")}`);
      }
    })();
    return closing;
  };
  return {
    venue,
    bus,
    statuses,
    fills,
    health,
    statusesOf: (orderId) => statuses.filter((s) => s.orderId === orderId),
    waitFor,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A DAY order of strategy `s` for `symbol`: LMT when `limitPrice` is given, else MKT. */
export function orderRequest(
  id: string,
  fields: {
    symbol?: string;
    side?: "BUY" | "SELL";
    quantity: number | string;
    limitPrice?: number | string;
  },
): OrderRequest {
  return {
    id,
    strategyId: "s",
    symbol: fields.symbol ?? "AAPL",
    side: fields.side ?? "BUY",
    quantity: toDecimal(fields.quantity),
    type: fields.limitPrice === undefined ? "MKT" : "LMT",
    ...(fields.limitPrice === undefined ? {} : { limitPrice: toDecimal(fields.limitPrice) }),
    tif: "DAY",
    createdAt: 0,
  };
}

/** An order status event as `[status, filled, remaining, amendment outcome?, quantity?, limit?]`. */
export function statusRow(event: OrderStatusEvent): (string | undefined)[] {
  const row: (string | undefined)[] = [
    event.status,
    event.filled.toString(),
    event.remaining.toString(),
  ];
  const amendment = event.amendment;
  if (amendment !== undefined) {
    row.push(amendment.outcome, amendment.quantity.toString(), amendment.limitPrice?.toString());
  }
  return row;
}
