/**
 * The topics of the trading bus and the event type each carries.
 *
 * @module
 */
import type {
  Bar,
  Fill,
  OrderStatusEvent,
  TelemetryEvent,
  Tick,
  VenueHealthEvent,
} from "../model/mod.ts";
import { EventBus } from "./event_bus.ts";

/**
 * Topic name -> event type.
 *
 * - `bar`: raw bars from the venue feed (before aggregation to the graph's bar size).
 * - `tick`: bid/ask/last updates from the venue feed.
 * - `order_status`: order state changes reported by the venue broker.
 * - `fill`: executions reported by the venue broker.
 * - `venue_health`: connectivity and subscription signals.
 * - `telemetry`: every observable fact, on its way to the JSONL log.
 */
export interface TradingTopics {
  /** Raw venue bars. */
  bar: Bar;
  /** Venue ticks. */
  tick: Tick;
  /** Order state changes. */
  order_status: OrderStatusEvent;
  /** Executions. */
  fill: Fill;
  /** Venue connectivity and subscription signals. */
  venue_health: VenueHealthEvent;
  /** Telemetry events for the JSONL log. */
  telemetry: TelemetryEvent;
}

/** The bus every component of a run shares. */
export type TradingBus = EventBus<TradingTopics>;

/** Creates an empty trading bus. */
export function createTradingBus(): TradingBus {
  return new EventBus<TradingTopics>();
}
