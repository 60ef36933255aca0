/**
 * The strategy coordinator: lifecycle, strategy hosts, intent processing,
 * target-position order management, execution routing, health and metrics.
 *
 * @module
 */
export {
  type BrokerProxyOptions,
  CoordinatorBrokerProxy,
  type OrderProposal,
  type SubmitOutcome,
} from "./broker_proxy.ts";
export { ExecutionRouter, type ExecutionRouterOptions } from "./execution_router.ts";
export { HealthMonitor, type HealthMonitorOptions } from "./health_monitor.ts";
export { type ClipLimit, clipToEnvelope, requestedTarget } from "./intent_math.ts";
export { IntentProcessor, type IntentProcessorOptions } from "./intent_processor.ts";
export {
  EXPOSURE_WARNING_RATIO,
  MetricsReporter,
  type MetricsReporterOptions,
} from "./metrics_reporter.ts";
export { StartupError, StrategyFailure } from "./run_errors.ts";
export type { RunResult, StartFailure, StrategyCoordinatorOptions } from "./coordinator_options.ts";
export { BarTally, type SymbolBars } from "./bar_tally.ts";
export { StrategyCoordinator } from "./strategy_coordinator.ts";
export { OrderPath, type OrderPathOptions, SETTLE_TIMEOUT_MS } from "./order_path.ts";
export {
  type BusyReason,
  busyReason,
  decideOrderAction,
  type OrderAction,
} from "./target_position.ts";
export { BarDispatcher, type BarDispatcherOptions } from "./bar_dispatcher.ts";
export {
  type HostServices,
  StrategyHost,
  type StrategyHostOptions,
  type SymbolSlot,
} from "./strategy_host.ts";
