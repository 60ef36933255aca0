/**
 * The documented range of every number in a graph, in the hard-limit
 * environment variables and in the `run` flags: one table, used by the
 * schemas, the cross-field rules, the environment reader and the CLI, and
 * mirrored in docs/graph_reference.md ("Numbers").
 *
 * The upper bounds are far above any sensible value; they exist so that no
 * number is unbounded (`1e309` is rejected, not turned into `Infinity` or a
 * huge Decimal that slips past the hard limits).
 *
 * @module
 */
import type { NumericRange } from "./numeric_range.ts";

/** Largest share count anywhere (positions, order sizes, `IBKR_MAX_POSITION`): one billion. */
export const MAX_SHARES = 1_000_000_000;

/** Largest money amount anywhere (notionals, exposures, loss limit, `IBKR_MAX_NOTIONAL`): 1e12. */
export const MAX_MONEY = 1_000_000_000_000;

/** Share counts: `max_position`, `max_order_size`, `IBKR_MAX_POSITION`. */
export const SHARES_RANGE: NumericRange = { min: 1, max: MAX_SHARES };

/** Money amounts: `max_notional`, `max_order_notional`, exposures, `daily_loss_limit`, `IBKR_MAX_NOTIONAL`. */
export const MONEY_RANGE: NumericRange = { greaterThan: 0, max: MAX_MONEY };

/** `risk.max_orders_per_minute`. */
export const ORDERS_PER_MINUTE_RANGE: NumericRange = { min: 1, max: 10_000 };

/** One day: the longest timeout, interval or expiry in `settings`, in seconds. */
export const MAX_SETTINGS_SECONDS = 86_400;

/** `settings.heartbeat_timeout_seconds`. */
export const HEARTBEAT_TIMEOUT_RANGE: NumericRange = { min: 5, max: MAX_SETTINGS_SECONDS };

/** `settings.telemetry_interval_seconds`. */
export const TELEMETRY_INTERVAL_RANGE: NumericRange = { min: 10, max: MAX_SETTINGS_SECONDS };

/** `settings.intent_expiry_seconds`. */
export const INTENT_EXPIRY_RANGE: NumericRange = { min: 1, max: MAX_SETTINGS_SECONDS };

/** Longest `settings.bar_size`, in seconds: seven days. */
export const MAX_BAR_SIZE_SECONDS = 7 * 86_400;

/** `strategies[].warmup_bars`. */
export const WARMUP_BARS_RANGE: NumericRange = { min: 0, max: 5000 };

/** `capital_policy.weights.*`. */
export const WEIGHT_RANGE: NumericRange = { greaterThan: 0, max: 1 };

/** `capital_policy.target_vol` (annualised; 10 = 1000 %). */
export const TARGET_VOL_RANGE: NumericRange = { greaterThan: 0, max: 10 };

/** `capital_policy.lookback_bars`. */
export const LOOKBACK_BARS_RANGE: NumericRange = { min: 2, max: 5000 };

/** `capital_policy.max_scale`. */
export const MAX_SCALE_RANGE: NumericRange = { greaterThan: 0, max: 100 };

/** `venue.bars` (sim) and `run --bars`. */
export const SYNTHETIC_BARS_RANGE: NumericRange = { min: 1, max: 10_000_000 };

/** `venue.seed` (sim) and `run --seed`: an unsigned 32-bit integer. */
export const SEED_RANGE: NumericRange = { min: 0, max: 4_294_967_295 };

/** `venue.drift` (sim, annual GBM mu; 10 = 1000 %), also per symbol. */
export const DRIFT_RANGE: NumericRange = { min: -10, max: 10 };

/** `venue.volatility` (sim, annual GBM sigma), also per symbol. */
export const VOLATILITY_RANGE: NumericRange = { greaterThan: 0, max: 10 };

/** `venue.start_price` (sim), also per symbol. */
export const START_PRICE_RANGE: NumericRange = { greaterThan: 0, max: 10_000_000 };

/** `venue.speed` (sim) and `run --speed` when not `max`: real-time multiplier. */
export const SPEED_RANGE: NumericRange = { greaterThan: 0, max: 1_000_000 };

/** `venue.slippage_bps` (sim): at most 10 %, so a sell always fills at a positive price. */
export const SLIPPAGE_BPS_RANGE: NumericRange = { min: 0, max: 1000 };

/** `venue.commission.per_share` (sim). */
export const COMMISSION_PER_SHARE_RANGE: NumericRange = { min: 0, max: 100 };

/** `venue.commission.minimum` (sim). */
export const COMMISSION_MINIMUM_RANGE: NumericRange = { min: 0, max: 10_000 };

/** `venue.commission.max_pct_of_value` (sim): a fraction. */
export const COMMISSION_MAX_PCT_RANGE: NumericRange = { min: 0, max: 1 };

/** `venue.partial_fill_ratio` (sim). */
export const PARTIAL_FILL_RATIO_RANGE: NumericRange = { greaterThan: 0, max: 1 };

/** `venue.port` (ibkr) and `run --port`. */
export const PORT_RANGE: NumericRange = { min: 1, max: 65_535 };

/** `venue.client_id` (ibkr) and `run --client-id`. */
export const CLIENT_ID_RANGE: NumericRange = { min: 0, max: 2_147_483_647 };

/** `venue.max_requests_per_second` (ibkr). */
export const REQUESTS_PER_SECOND_RANGE: NumericRange = { min: 1, max: 50 };

/**
 * Largest graph file read, in bytes (256 KiB): larger files are refused before
 * parsing. Parsing this much YAML takes about half a second on a small machine;
 * a graph at every other limit below (100 strategies, 1,000 symbols, their CSV
 * paths) needs well under 100 KiB.
 */
export const MAX_GRAPH_FILE_BYTES = 256 * 1024;

/**
 * Most lines in a graph file. A graph at every limit below written one value
 * a line needs a few thousand; the bound keeps blank and comment lines from
 * costing more parse time than values can.
 */
export const MAX_GRAPH_LINES = 25_000;

/** Most strategies in one graph. */
export const MAX_GRAPH_STRATEGIES = 100;

/** Most distinct symbols in one graph, over every strategy's `symbols` list. */
export const MAX_GRAPH_SYMBOLS = 1_000;

/** Most entries in any one list or mapping of a graph (a `symbols` list, `venue.csv`, `params`). */
export const MAX_GRAPH_ENTRIES = 1_000;

/** Deepest nesting of lists and mappings in a graph (the root mapping is level 1). */
export const MAX_GRAPH_NESTING = 32;

/**
 * Most values (keys, scalars, lists and mappings) in one graph, after YAML
 * aliases are expanded. The largest example graph has under 100; 100
 * strategies over 1,000 symbols with a CSV file each have about 4,500; a
 * graph at this limit parses in about 0.2 s. Checked on the text before it is
 * parsed, so a denser file within MAX_GRAPH_FILE_BYTES costs no parse.
 */
export const MAX_GRAPH_VALUES = 25_000;
