/**
 * The simulated venue: synthetic (seeded GBM) and CSV feeds, a replay loop,
 * a simulated broker with slippage, commissions and partial fills, and the
 * `"SIM"` account, behind the core's `Venue` contract.
 *
 * @module
 */
export { ArrayBarSource } from "./array_bar_source.ts";
export { BarMerger } from "./bar_merge.ts";
export type { BarSource, BarStream } from "./bar_source.ts";
export { createBarSource } from "./bar_source_factory.ts";
export {
  type CommissionSchedule,
  fillCommission,
  IB_FIXED_COMMISSION,
  orderCommission,
} from "./commission_model.ts";
export {
  barSourceOfCsvFiles,
  type CsvBarFile,
  loadCsvBarSource,
  readCsvBarFiles,
} from "./csv_bar_source.ts";
export { type GbmParams, MS_PER_YEAR, SYNTHETIC_BASE_VOLUME } from "./gbm_bar_generator.ts";
export { PositionLedger } from "./position_ledger.ts";
export { deriveSeed, SeededRandom } from "./prng.ts";
export {
  type BarProcessor,
  DEFAULT_YIELD_EVERY,
  ReplayLoop,
  type ReplayLoopOptions,
  type Sleep,
  sleepWithTimer,
} from "./replay_loop.ts";
export { SIM_ACCOUNT_ID, SimAccount } from "./sim_account.ts";
export { SimBroker, type SimBrokerOptions } from "./sim_broker.ts";
export { SimMarketData } from "./sim_market_data.ts";
export { DEFAULT_INITIAL_CASH, SimVenue, type SimVenueRuntimeOptions } from "./sim_venue.ts";
export {
  DEFAULT_SIM_VENUE_OPTIONS,
  type SimSymbolOverride,
  type SimVenueOptions,
  simVenueOptions,
} from "./sim_venue_options.ts";
export { SyntheticBarSource, type SyntheticBarSourceOptions } from "./synthetic_bar_source.ts";
