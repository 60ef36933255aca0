/**
 * Market data coordination: subscription ref-counting, the shared price
 * cache, bar aggregation and stall detection.
 *
 * @module
 */
export { BarAggregator } from "./bar_aggregator.ts";
export {
  MarketDataService,
  type MarketDataServiceOptions,
  type StallChanges,
} from "./market_data_service.ts";
export { SubscriptionRegistry, type SubscriptionTarget } from "./subscription_registry.ts";
