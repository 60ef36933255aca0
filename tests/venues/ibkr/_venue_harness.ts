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
import type { Fill, OrderStatusEvent, VenueHealthEvent } from "../../../src/model/mod.ts";
import { IbkrVenue, type IbkrVenueOptions } from "../../../src/venues/ibkr/mod.ts";
import type { FakeTws } from "../../fake_tws/mod.ts";
import { EventWaits } from "../../_support/mod.ts";

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
  const waits = new EventWaits();
  const notify = () => waits.notify();
  bus.subscribe("order_status", (event) => (statuses.push(event), notify()));
  bus.subscribe("fill", (fill) => (fills.push(fill), notify()));
  bus.subscribe("venue_health", (event) => (health.push(event), notify()));
  await venue.connect(bus);
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
    waitFor: (check, description, timeoutMs) => waits.waitFor(check, description, timeoutMs),
    close,
    [Symbol.asyncDispose]: close,
  };
}
