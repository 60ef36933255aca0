/**
 * The typed event bus and the trading topics.
 *
 * @module
 */
export { EventBus, type EventHandler } from "./event_bus.ts";
export { createTradingBus, type TradingBus, type TradingTopics } from "./topics.ts";
