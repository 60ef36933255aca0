/**
 * The environment variables each job may read: its `--allow-env` list. One
 * list per command, so the launcher and the docs name the same set.
 *
 * @module
 */

/** Read by the YAML library (`npm:yaml` checks them for debug output). */
const YAML_LIBRARY_VARIABLES = ["LOG_TOKENS", "LOG_STREAM"] as const;

/** The hard safety limits that a graph may only tighten. */
const HARD_LIMIT_VARIABLES = ["IBKR_MAX_POSITION", "IBKR_MAX_NOTIONAL"] as const;

/** What `validate` reads: the YAML library's switches and the hard limits. */
export const VALIDATE_ENV_VARIABLES: readonly string[] = [
  ...YAML_LIBRARY_VARIABLES,
  ...HARD_LIMIT_VARIABLES,
];

/** What `run` reads: validate's set, the coordinator toggle and the live acknowledgement. */
export const RUN_ENV_VARIABLES: readonly string[] = [
  ...VALIDATE_ENV_VARIABLES,
  "IBKR_ENABLE_STRATEGY_COORDINATOR",
  "IBKR_LIVE_ACK",
];
