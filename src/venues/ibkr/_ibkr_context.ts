/**
 * What the IBKR venue's components share: the link, open requests, ids,
 * time, settings and the bus.
 *
 * @module
 */
import type { TradingBus } from "../../bus/mod.ts";
import type { Clock, VenueHealthKind } from "../../model/mod.ts";
import type { RequestIdAllocator } from "./id_allocators.ts";
import type { PendingRequests } from "./pending_requests.ts";
import type { Scheduler } from "./scheduler.ts";
import type { TwsLink } from "./tws_link.ts";

/** Extra fields of a health event. */
export interface HealthExtra {
  /** IB code. */
  readonly code?: number;
  /** Symbol concerned. */
  readonly symbol?: string;
  /** Structured detail. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Shared services of one venue. */
export interface IbkrContext {
  /** The connection. */
  readonly link: TwsLink;
  /** Open request/response exchanges. */
  readonly pending: PendingRequests;
  /** Request ids. */
  readonly requestIds: RequestIdAllocator;
  /** Market time (wall clock live). */
  readonly clock: Clock;
  /** Timers and monotonic time. */
  readonly scheduler: Scheduler;
  /** API client id. */
  readonly clientId: number;
  /** Timeout of ordinary requests, ms. */
  readonly requestTimeoutMs: number;
  /** The account traded (set once connected). */
  accountId(): string;
  /** The bus, once connected. */
  bus(): TradingBus | undefined;
  /** Publishes a `venue_health` event. */
  health(kind: VenueHealthKind, message: string, extra?: HealthExtra): void;
}

/** A `venue_health` publisher over `bus()` and `clock`. */
export function healthPublisher(
  bus: () => TradingBus | undefined,
  clock: Clock,
): IbkrContext["health"] {
  return (kind, message, extra = {}) => {
    bus()?.publish("venue_health", {
      kind,
      message,
      ts: clock.now(),
      ...(extra.code === undefined ? {} : { code: extra.code }),
      ...(extra.symbol === undefined ? {} : { symbol: extra.symbol }),
      ...(extra.detail === undefined ? {} : { detail: extra.detail }),
    });
  };
}

/** The message of `error` (Error or anything). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
