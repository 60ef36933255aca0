/**
 * The arithmetic that turns an intent into a target position: the position
 * it asks for, and the envelope clip.
 *
 * @module
 */
import { decimalToNumber, type OrderIntent, type PositionEnvelope } from "../model/mod.ts";

/** Which envelope bound clipped a target. */
export type ClipLimit = "max_size" | "max_notional";

/**
 * The position `intent` asks for, given the strategy's filled `position` and
 * the signed remaining quantity of its `working` orders. Fractional share
 * counts are truncated toward zero (never rounded up into more risk).
 */
export function requestedTarget(intent: OrderIntent, position: number, working: number): number {
  const quantity = Math.trunc(intent.quantity);
  return intent.type === "target_position" ? quantity : position + working + quantity;
}

/**
 * Clips a signed target position to the envelope: `|target| <= maxSize` and
 * `|target| x price <= maxNotional`. Without a usable price only the size bound applies.
 *
 * @example
 * ```ts
 * clipToEnvelope(500, { maxSize: 300, maxNotional: toDecimal(20_000) }, 100);
 * // { target: 200, clippedBy: "max_notional" }
 * ```
 */
export function clipToEnvelope(
  target: number,
  envelope: PositionEnvelope,
  price: number | undefined,
): { target: number; clippedBy?: ClipLimit } {
  const magnitude = Math.abs(target);
  let allowed = magnitude;
  let clippedBy: ClipLimit | undefined;
  if (allowed > envelope.maxSize) {
    allowed = envelope.maxSize;
    clippedBy = "max_size";
  }
  if (price !== undefined && price > 0 && allowed > 0) {
    // Float screen first; only a position near or over the bound pays for exact Decimal math.
    const limit = decimalToNumber(envelope.maxNotional);
    if (allowed * price > limit * (1 - 1e-9)) {
      const byNotional = Math.floor(envelope.maxNotional.div(price).toNumber());
      if (allowed > byNotional) {
        allowed = Math.max(0, byNotional);
        clippedBy = "max_notional";
      }
    }
  }
  if (clippedBy === undefined) return { target };
  return { target: target < 0 ? -allowed : allowed, clippedBy };
}
