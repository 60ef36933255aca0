/**
 * The safety layer: RiskGuard (order checks, exposure, daily loss, order
 * rate, trading state), the account exposure derived from the order store,
 * group caps and the LiveTradingGuard.
 *
 * @module
 */
export { LiveTradingRefusedError } from "./errors.ts";
export {
  AccountExposure,
  type ExposurePriceLookup,
  type SymbolExposure,
  worstCaseExposure,
} from "./account_exposure.ts";
export {
  type AccountPnlSource,
  type DailyLossBreach,
  DailyLossWindow,
  describeBreach,
} from "./daily_loss_window.ts";
export { GroupExposureCheck, type GroupExposureOptions } from "./group_exposure_check.ts";
export {
  LIVE_PORTS,
  LiveTradingGuard,
  type LiveTradingGuardOptions,
} from "./live_trading_guard.ts";
export { OrderRateWindow } from "./order_rate_window.ts";
export {
  type ProposedOrder,
  reducesWithoutFlip,
  type RiskCheck,
  type RiskView,
} from "./risk_check.ts";
export { APPROVED, deny, formatMoney, type RiskDecision } from "./risk_decision.ts";
export { RiskGuard, type RiskGuardOptions, type RiskLimits } from "./risk_guard.ts";
export { DEFAULT_SESSION_ROLLOVER_MS, nextSessionStart } from "./session_day.ts";
export {
  TradingState,
  type TradingStateChange,
  type TradingStateListener,
  TradingStateMachine,
} from "./trading_state.ts";
