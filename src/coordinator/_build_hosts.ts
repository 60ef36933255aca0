/**
 * Builds strategy hosts from the graph and subscribes their symbols,
 * respecting `allow_partial_start`.
 *
 * @module
 */
import type { StrategyGraphConfig, StrategyNodeConfig } from "../config/mod.ts";
import type { MarketDataService } from "../data/mod.ts";
import type { Portfolio } from "../portfolio/mod.ts";
import type { StrategyDefinition } from "../strategy/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { StartFailure } from "./coordinator_options.ts";
import { StartupError } from "./run_errors.ts";
import { type HostServices, StrategyHost } from "./strategy_host.ts";
import { describeError } from "../error_text.ts";

/** Inputs of {@link buildHosts}. */
export interface BuildHostsOptions {
  /** The graph. */
  readonly graph: StrategyGraphConfig;
  /** Strategy definitions by type. */
  readonly definitions: ReadonlyMap<string, StrategyDefinition>;
  /** Books to register strategies in. */
  readonly portfolio: Portfolio;
  /** Subscriptions. */
  readonly data: MarketDataService;
  /** Telemetry. */
  readonly telemetry: Telemetry;
  /** Services handed to every host. */
  readonly services: HostServices;
  /** Told of every strategy created, before its symbols are subscribed. */
  readonly onCreated?: (host: StrategyHost) => void;
  /** Told of every strategy that failed (left out, or ending the start), before the start goes on. */
  readonly onFailed?: (failure: StartFailure) => void;
}

/**
 * Creates each strategy, then subscribes its symbols (one venue subscription
 * per symbol). A strategy whose construction or subscription fails is
 * reported as `strategy.lifecycle` phase `failed` and left out when
 * `allow_partial_start` is true; otherwise the start fails with a
 * {@link StartupError}. At least one strategy must start.
 */
export async function buildHosts(options: BuildHostsOptions): Promise<StrategyHost[]> {
  const { graph, telemetry } = options;
  const started: StrategyHost[] = [];
  const failures: string[] = [];
  const fail = (node: StrategyNodeConfig, stage: string, error: unknown) => {
    const message = `strategy "${node.id}" failed to ${stage}: ${describeError(error)}`;
    telemetry.emit(
      "strategy.lifecycle",
      { phase: "failed", stage, error: describeError(error) },
      node.id,
    );
    options.onFailed?.({ id: node.id, stage, error: describeError(error) });
    if (!graph.settings.allowPartialStart) throw new StartupError(message, { cause: error });
    failures.push(message);
  };
  for (const node of graph.strategies) {
    const host = createHost(node, options, fail);
    if (host === undefined) continue;
    if (await subscribeSymbols(host, options, (error) => fail(node, "subscribe", error))) {
      started.push(host);
    }
  }
  if (started.length === 0) {
    throw new StartupError(`no strategy could start:\n  ${failures.join("\n  ")}`);
  }
  return started;
}

function createHost(
  node: StrategyNodeConfig,
  options: BuildHostsOptions,
  fail: (node: StrategyNodeConfig, stage: string, error: unknown) => void,
): StrategyHost | undefined {
  const definition = options.definitions.get(node.type);
  if (definition === undefined) {
    fail(node, "load", new Error(`strategy type "${node.type}" was not loaded`));
    return undefined;
  }
  const host = new StrategyHost({
    id: node.id,
    type: node.type,
    symbols: node.symbols,
    warmupBars: node.warmupBars,
  }, options.services);
  try {
    host.attach(definition.create(host.context, node.params));
  } catch (error) {
    fail(node, "create", error);
    return undefined;
  }
  options.onCreated?.(host);
  options.portfolio.register(node.id, node.symbols);
  options.telemetry.emit("strategy.lifecycle", {
    phase: "created",
    type: node.type,
    symbols: node.symbols,
    warmup_bars: node.warmupBars,
  }, node.id);
  return host;
}

async function subscribeSymbols(
  host: StrategyHost,
  options: BuildHostsOptions,
  onError: (error: unknown) => void,
): Promise<boolean> {
  const acquired: string[] = [];
  try {
    for (const symbol of host.symbols) {
      const first = await options.data.acquire(symbol);
      acquired.push(symbol);
      options.telemetry.emit("market_data.subscribed", {
        symbol,
        venue_subscription: first,
        subscribers: options.data.subscriberCount(symbol),
      }, host.id);
    }
    return true;
  } catch (error) {
    for (const symbol of acquired) await options.data.release(symbol);
    onError(error);
    return false;
  }
}
