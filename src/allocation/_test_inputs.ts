/**
 * Allocation inputs shared by the allocation tests.
 *
 * @module
 */
import { Decimal } from "../model/decimal.ts";
import type { AllocationInput, AllocationStrategyInput } from "./capital_policy.ts";

/** A strategy node with the graph defaults (sizing 100 shares, 100000). */
export function node(
  id: string,
  overrides: Partial<AllocationStrategyInput> = {},
): AllocationStrategyInput {
  return {
    id,
    symbols: ["AAPL"],
    maxPosition: 100,
    maxNotional: new Decimal(100_000),
    warmupBars: 0,
    ...overrides,
  };
}

/** An allocation input over `strategies` with sizing 100 shares / 100000 unless overridden. */
export function allocationInput(
  strategies: AllocationStrategyInput[],
  sizing: { maxPosition?: number; maxNotional?: Decimal } = {},
): AllocationInput {
  return {
    strategies,
    sizing: {
      maxPosition: sizing.maxPosition ?? 100,
      maxNotional: sizing.maxNotional ?? new Decimal(100_000),
    },
  };
}

/** `[maxSize, maxNotional]` of an envelope, for compact assertions. */
export function sizes(envelope: { maxSize: number; maxNotional: Decimal }): [number, string] {
  return [envelope.maxSize, envelope.maxNotional.toFixed(2)];
}
