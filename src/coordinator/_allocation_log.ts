/**
 * Allocation decisions as `strategy.coordinator` telemetry.
 *
 * @module
 */
import type { AllocationDecision, CapitalAllocationPolicy } from "../allocation/mod.ts";
import type { Telemetry } from "../telemetry/mod.ts";

/**
 * Emits one `strategy.coordinator` event of kind `allocation` per decision
 * and, when there was any, one of kind `capital` with the policy's total,
 * allocated and available capital. `stage` is `prepare` or `refresh`.
 */
export function logAllocation(
  telemetry: Telemetry,
  policy: CapitalAllocationPolicy,
  decisions: { readonly decisions: readonly AllocationDecision[]; readonly stage: string },
): void {
  const { stage } = decisions;
  for (const decision of decisions.decisions) {
    telemetry.emit("strategy.coordinator", {
      kind: "allocation",
      stage,
      symbol: decision.symbol,
      weight: decision.weight,
      scale: decision.scale,
      max_size: decision.maxSize,
      max_notional: decision.maxNotional,
      capital: decision.capital,
      capital_source: decision.capitalSource,
      reason: decision.reason,
    }, decision.strategyId);
  }
  if (decisions.decisions.length === 0) return;
  const capital = policy.capital();
  telemetry.emit("strategy.coordinator", {
    kind: "capital",
    stage,
    total: capital.total,
    allocated: capital.allocated,
    available: capital.available,
  });
}
