/**
 * Strategy graph configuration: the YAML schema, loading with source
 * positions, hard safety limits, strategy discovery and the JSON Schema.
 *
 * @example
 * ```ts
 * import { loadGraphFile } from "./src/config/mod.ts";
 *
 * const { config, definitions } = await loadGraphFile("graphs/sma_pair.yaml");
 * ```
 *
 * @module
 */
export { singleSmaGraph, type SmaCliOptions } from "./cli_defaults.ts";
export {
  type BarSpacing,
  type BarSpacingOptions,
  describeBarSpacing,
  measureBarSpacing,
  SPACING_SAMPLE_ROWS,
} from "./bar_spacing.ts";
export { barSizeProblemLine, type DataBarSizeOptions, withDataBarSize } from "./csv_bar_size.ts";
export { CSV_PREFIX_BYTES, type CsvPrefix, csvPrefixWarning, readCsvPrefix } from "./csv_prefix.ts";
export {
  type BarSizeProblem,
  type BarSizeProblemSite,
  type CsvFileSpacing,
  type DataBarSizeDecision,
  decideDataBarSize,
} from "./data_bar_size.ts";
export { DEFAULT_BAR_SIZE } from "./settings_schema.ts";
export type {
  BarSizeSource,
  CapitalPolicyConfig,
  CommissionConfig,
  GraphRuntimeSettings,
  IbkrVenueConfig,
  RiskConfig,
  SimVenueConfig,
  SizingConfig,
  StrategyGraphConfig,
  StrategyNodeConfig,
  SyntheticSymbolOverride,
  VenueConfig,
} from "./config_types.ts";
export { didYouMean, suggestClosest } from "./did_you_mean.ts";
export {
  describeRange,
  numberFromText,
  type NumericKind,
  type NumericRange,
} from "./numeric_range.ts";
export { defaultVenueConfig } from "./venue_schema.ts";
export { graphJsonSchema, type GraphJsonSchemaOptions, type JsonSchema } from "./json_schema.ts";
export {
  checkGraphFile,
  checkGraphText,
  type GraphCheck,
  graphFromObject,
  type GraphLoadOptions,
  type LoadedGraph,
  loadGraphFile,
  parseGraphText,
} from "./load_graph.ts";
export {
  formatPath,
  formatProblem,
  type GraphProblem,
  hasErrors,
  type PathSegment,
  type ProblemSeverity,
  sortProblems,
} from "./problems.ts";
export {
  CODE_SAFETY_LIMITS,
  type EnvReader,
  type HardLimits,
  hardLimitsFromEnv,
  MAX_NOTIONAL_ENV,
  MAX_POSITION_ENV,
  type SafetyLimits,
  tightenLimits,
} from "./safety_limits.ts";
export {
  CLIENT_ID_RANGE,
  MAX_MONEY,
  MAX_SHARES,
  MONEY_RANGE,
  PORT_RANGE,
  SEED_RANGE,
  SHARES_RANGE,
  SPEED_RANGE,
  SYNTHETIC_BARS_RANGE,
} from "./value_ranges.ts";
export {
  DEFAULT_STRATEGIES_DIR,
  isStrategyDefinition,
  listStrategyTypes,
  STRATEGY_FILE_EXAMPLE,
  strategyFolders,
  StrategyRegistry,
  type StrategyResolution,
} from "./strategy_registry.ts";
