/**
 * Market data coordination: subscription ref-counting, the shared price
 * cache, bar aggregation, buffering of bars before the bar handler is set,
 * and stall detection.
 *
 * @module
 */
export { BarAggregator } from "./bar_aggregator.ts";
export {
  type BarDeliveryStats,
  DEFAULT_BAR_BUFFER_CAPACITY,
  MarketDataService,
  type MarketDataServiceOptions,
} from "./market_data_service.ts";
export { StallRule, type StallRuleOptions } from "./stall_rule.ts";
export { SubscriptionRegistry, type SubscriptionTarget } from "./subscription_registry.ts";
