/**
 * Fills in the defaults that depend on other sections of a valid graph: the
 * effective hard limits, sizing clipped to them, node sizes from sizing, risk
 * defaults from the limits, strategy params as parsed by their modules, CSV
 * paths resolved against the graph's folder, and the symbol union.
 *
 * @module
 */
import { Decimal } from "../model/decimal.ts";
import type { StrategyGraphConfig, StrategyNodeConfig, VenueConfig } from "./config_types.ts";
import { resolveCsvPath } from "./csv_paths.ts";
import type { ParsedGraph } from "./graph_schema.ts";
import { DEFAULT_SIZING_MAX_NOTIONAL, DEFAULT_SIZING_MAX_POSITION } from "./risk_schema.ts";
import { type SafetyLimits, tightenLimits } from "./safety_limits.ts";

/** What {@link resolveGraph} needs besides the parsed graph. */
export interface ResolveGraphOptions {
  /** Hard limits from code and environment. */
  readonly hardLimits: SafetyLimits;
  /** Params as parsed by each node's strategy module, by node index. */
  readonly params: ReadonlyMap<number, Record<string, unknown>>;
  /** Folder CSV paths are relative to. */
  readonly baseDir: string;
}

function resolveVenue(venue: VenueConfig, baseDir: string): VenueConfig {
  if (venue.type !== "sim") return venue;
  const csv = Object.fromEntries(
    Object.entries(venue.csv).map(([symbol, path]) => [symbol, resolveCsvPath(baseDir, path)]),
  );
  return { ...venue, csv };
}

/**
 * Builds the final {@link StrategyGraphConfig} from a graph that passed every
 * rule.
 */
export function resolveGraph(
  graph: ParsedGraph,
  options: ResolveGraphOptions,
): StrategyGraphConfig {
  const limits = tightenLimits(options.hardLimits, graph.limits);
  const sizing = {
    maxPosition: graph.sizing.maxPosition ??
      Math.min(DEFAULT_SIZING_MAX_POSITION, limits.maxPosition),
    maxNotional: graph.sizing.maxNotional ??
      Decimal.min(new Decimal(DEFAULT_SIZING_MAX_NOTIONAL), limits.maxNotional),
  };
  const strategies = graph.strategies.map((node, index): StrategyNodeConfig => ({
    id: node.id,
    type: node.type,
    symbols: node.symbols,
    params: options.params.get(index) ?? node.params,
    maxPosition: node.maxPosition ?? sizing.maxPosition,
    maxNotional: node.maxNotional ?? sizing.maxNotional,
    warmupBars: node.warmupBars,
  }));
  const risk = {
    maxOrderSize: graph.risk.maxOrderSize ?? limits.maxPosition,
    maxOrderNotional: graph.risk.maxOrderNotional ?? limits.maxNotional,
    ...(graph.risk.maxSymbolExposure === undefined
      ? {}
      : { maxSymbolExposure: graph.risk.maxSymbolExposure }),
    ...(graph.risk.maxGrossExposure === undefined
      ? {}
      : { maxGrossExposure: graph.risk.maxGrossExposure }),
    ...(graph.risk.dailyLossLimit === undefined
      ? {}
      : { dailyLossLimit: graph.risk.dailyLossLimit }),
    maxOrdersPerMinute: graph.risk.maxOrdersPerMinute,
  };
  const symbols = [...new Set(strategies.flatMap((node) => node.symbols))];
  return {
    name: graph.name,
    venue: resolveVenue(graph.venue, options.baseDir),
    sizing,
    limits,
    risk,
    strategies,
    capitalPolicy: graph.capitalPolicy,
    settings: graph.settings,
    symbols,
  };
}
