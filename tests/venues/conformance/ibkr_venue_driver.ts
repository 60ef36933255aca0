/**
 * The conformance driver of the IBKR venue: a real {@link IbkrVenue} over the
 * real `@stoqey/ib` client, connected to a {@link FakeTws} in manual fill
 * mode. A market step is the fake filling, by command, each of this
 * session's working orders that the step's price reaches, as the fake holds
 * it (so a modification counts once TWS has it); the step resolves once the
 * venue has published the resulting statuses and fills.
 *
 * @module
 */
import { EventName, IBApi } from "@stoqey/ib";
import { createTradingBus } from "../../../src/bus/mod.ts";
import type { IbkrVenueConfig } from "../../../src/config/mod.ts";
import type { Decimal } from "../../../src/model/mod.ts";
import { IbkrVenue } from "../../../src/venues/ibkr/mod.ts";
import { type FakeOrder, FakeTws, type FakeTwsOptions } from "../../fake_tws/mod.ts";
import { VenueEventLog } from "./_event_log.ts";
import {
  PARTIAL_FILL_SHARE,
  type SessionOptions,
  type VenueDriver,
  type VenueSession,
} from "./venue_driver.ts";

/** The venue's API client id. */
const CLIENT_ID = 7;
/** A symbol the fake knows; {@link VenueSession.rejectedSymbol} makes it reject every order for it. */
const REJECTED = "SPY";

/** The fake TWS behind an IBKR session, for venue-specific checks. */
export interface IbkrVenueSession extends VenueSession {
  /** The fake TWS the venue is connected to. */
  readonly tws: FakeTws;
}

/** Options of {@link startIbkrSession}. */
export interface IbkrSessionOptions extends SessionOptions {
  /** Contracts the fake knows (default AAPL, MSFT, SPY with minTick 0.01). */
  readonly contracts?: FakeTwsOptions["contracts"];
}

/** Starts a fake TWS and an IbkrVenue connected to it (see the module docs). */
export async function startIbkrSession(options: IbkrSessionOptions): Promise<IbkrVenueSession> {
  const tws = await FakeTws.start({
    fillMode: { mode: "manual" },
    ...(options.contracts === undefined ? {} : { contracts: options.contracts }),
  });
  const config: IbkrVenueConfig = {
    type: "ibkr",
    host: tws.host,
    port: tws.port,
    clientId: CLIENT_ID,
    marketDataType: "live",
    maxRequestsPerSecond: 45,
  };
  const decoderErrors: string[] = [];
  const venue = new IbkrVenue(config, {
    createClient: (creation) => {
      const ib = new IBApi(creation);
      ib.on(EventName.error, (error: Error, code: number) => {
        if (code === 505) decoderErrors.push(error.message);
      });
      return ib;
    },
  });
  const bus = createTradingBus();
  const events = new VenueEventLog(bus);
  try {
    await venue.connect(bus);
    for (const symbol of Object.keys(options.prices)) await venue.marketData.subscribe(symbol);
  } catch (error) {
    await venue.close();
    await tws.close();
    throw error;
  }
  const lastPrice = new Map(Object.entries(options.prices));
  const working = (): FakeOrder[] =>
    tws.orders().filter((o) => o.clientId === CLIENT_ID && o.status === "Submitted");
  /** Waits until the venue reported each order's new filled quantity by status and by fills. */
  const reported = (expected: ReadonlyMap<string, Decimal>, what: string) =>
    events.waitFor(() => {
      for (const [orderId, filled] of expected) {
        const statuses = events.statusesOf(orderId);
        if (!statuses.some((s) => s.filled.equals(filled))) return undefined;
        if (!events.filledBy(orderId).equals(filled)) return undefined;
      }
      return true;
    }, what);

  const step = async (symbol: string, price: number): Promise<void> => {
    lastPrice.set(symbol, price);
    const expected = new Map<string, Decimal>();
    for (const order of working()) {
      const at = lastPrice.get(order.symbol);
      if (at === undefined || !marketable(order, at)) continue;
      const part = options.partialFills
        ? order.remaining.times(PARTIAL_FILL_SHARE).floor()
        : order.remaining;
      const quantity = part.isZero() ? order.remaining : part; // at least one share
      const execution = tws.fillOrder(order.orderId, { price: at, quantity });
      expected.set(order.orderRef, execution.cumQty);
    }
    await reported(expected, `the fills of the step ${symbol} @ ${price}`);
  };

  const endDay = async (): Promise<void> => {
    const cancelled: string[] = [];
    for (const order of working()) {
      if (order.tif !== "DAY") continue;
      tws.cancelOrder(order.orderId, { reason: "DAY order expired at the close" });
      cancelled.push(order.orderRef);
    }
    await events.waitFor(
      () =>
        cancelled.every((id) => events.statusesOf(id).at(-1)?.status === "cancelled")
          ? true
          : undefined,
      "the venue's cancellations at the end of the day",
    );
  };

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        await venue.close();
      } finally {
        await tws.close();
      }
      if (decoderErrors.length > 0) {
        throw new Error(`decoder error 505: ${decoderErrors.join(" | ")}`);
      }
    })();
    return closing;
  };
  return {
    venue,
    events,
    tws,
    step,
    endDay,
    rejectedSymbol: () => {
      tws.rejectSymbol(REJECTED);
      return Promise.resolve(REJECTED);
    },
    // reqOpenOrders goes out behind everything sent before and TWS answers in order.
    settle: async () => void await venue.broker.openOrders(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Whether `order` executes when its symbol trades at `price`. */
function marketable(order: FakeOrder, price: number): boolean {
  const limit = order.lmtPrice;
  if (order.orderType !== "LMT" || limit === undefined) return true;
  return order.action === "BUY"
    ? limit.greaterThanOrEqualTo(price)
    : limit.lessThanOrEqualTo(price);
}

/** Drives an {@link IbkrVenue} over a fake TWS (see the module docs). */
export const ibkrVenueDriver: VenueDriver = {
  name: "IbkrVenue",
  start: (options) => startIbkrSession(options),
};
