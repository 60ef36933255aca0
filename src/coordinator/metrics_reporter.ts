/**
 * Periodic per-strategy metrics and the coordinator's exposure snapshot.
 *
 * @module
 */
import { type Decimal, decimalToNumber } from "../model/mod.ts";
import type { Portfolio, PriceLookup } from "../portfolio/mod.ts";
import type { RiskGuard, RiskLimits } from "../risk/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";
import type { StrategyHost } from "./strategy_host.ts";

/** Share of a cap at which an exposure warning is raised. */
export const EXPOSURE_WARNING_RATIO = 0.8;

/** Services of a {@link MetricsReporter}. */
export interface MetricsReporterOptions {
  /** Hosts of the running strategies. */
  readonly hosts: () => Iterable<StrategyHost>;
  /** Per-strategy books. */
  readonly portfolio: Portfolio;
  /** RiskGuard (state, ledger, session PnL). */
  readonly riskGuard: RiskGuard;
  /** Exposure caps, for warnings. */
  readonly limits: Pick<RiskLimits, "maxSymbolExposure" | "maxGrossExposure">;
  /** Latest prices. */
  readonly price: PriceLookup;
  /** Telemetry. */
  readonly telemetry: Telemetry;
}

/**
 * Emits `strategy.metrics` per strategy (open positions, exposure, realized /
 * unrealized PnL, commissions, trades, working orders, warmup) and one
 * `strategy.coordinator` exposure snapshot (kind `exposure`); raises
 * `strategy.coordinator` kind `exposure_warning` once when a cap passes 80%
 * in use, and again only after it fell back below.
 */
export class MetricsReporter {
  #options: MetricsReporterOptions;
  #warned = new Set<string>();

  /** Creates the reporter. */
  constructor(options: MetricsReporterOptions) {
    this.#options = options;
  }

  /** Emits one round of metrics; `final` marks the round emitted at stop. */
  report(final = false): void {
    const { hosts, portfolio, price, telemetry } = this.#options;
    for (const host of hosts()) {
      const book = portfolio.book(host.id);
      const totals = book.totals(price);
      const positions: Record<string, number> = {};
      let exposure = 0;
      for (const position of book.positions()) {
        const quantity = position.quantityNumber;
        if (quantity === 0) continue;
        positions[position.symbol] = quantity;
        exposure += Math.abs(quantity) * (price(position.symbol) ?? 0);
      }
      let working = 0;
      let warm = true;
      for (const slot of host.slots) {
        if (slot.orders.working !== undefined) working++;
        warm &&= slot.warm;
      }
      telemetry.emit("strategy.metrics", {
        positions,
        exposure: round2(exposure),
        realized_pnl: totals.realized,
        unrealized_pnl: totals.unrealized,
        commissions: totals.commissions,
        net_pnl: totals.net,
        trades: book.trades(),
        symbols_with_working_orders: working,
        warm,
        final,
      }, host.id);
    }
    this.#reportExposure();
  }

  #reportExposure(): void {
    const { riskGuard, price, telemetry, limits } = this.#options;
    const symbols: Record<string, number> = {};
    for (const entry of riskGuard.exposure.entries()) {
      const value = riskGuard.exposure.symbolExposure(entry.symbol, price);
      symbols[entry.symbol] = round2(value);
      this.#warnIfNear(`symbol:${entry.symbol}`, value, limits.maxSymbolExposure, entry.symbol);
    }
    const gross = riskGuard.exposure.grossExposure(price);
    this.#warnIfNear("gross", gross, limits.maxGrossExposure, undefined);
    telemetry.emit("strategy.coordinator", {
      kind: "exposure",
      gross_exposure: round2(gross),
      symbol_exposure: symbols,
      trading_state: riskGuard.state,
      session_pnl: riskGuard.sessionPnl(),
    });
  }

  #warnIfNear(
    key: string,
    value: number,
    cap: Decimal | undefined,
    symbol: string | undefined,
  ): void {
    if (cap === undefined) return;
    const ratio = value / decimalToNumber(cap);
    if (ratio >= EXPOSURE_WARNING_RATIO && !this.#warned.has(key)) {
      this.#warned.add(key);
      this.#options.telemetry.emit("strategy.coordinator", {
        kind: "exposure_warning",
        scope: symbol === undefined ? "gross" : "symbol",
        symbol,
        exposure: round2(value),
        cap,
        used_ratio: Math.round(ratio * 1000) / 1000,
      });
    } else if (ratio < EXPOSURE_WARNING_RATIO) {
      this.#warned.delete(key);
    }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
