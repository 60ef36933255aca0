/**
 * Commissions of the simulated broker, modelled on IB's fixed-rate pricing.
 *
 * @module
 */
import {
  Decimal,
  DECIMAL_PRECISION,
  decimalToNumber,
  significantDigitsBound,
  toDecimal,
} from "../../model/mod.ts";

/** A fixed-rate schedule: a price per share, bounded below per order and above by a share of value. */
export interface CommissionSchedule {
  /** Charge per share, e.g. USD 0.005. */
  readonly perShare: Decimal;
  /** Minimum charge per order, e.g. USD 1.00. */
  readonly minimum: Decimal;
  /** Maximum charge as a fraction of the order's trade value, e.g. 0.01 (1 %). */
  readonly maxPctOfValue: Decimal;
}

/** IB fixed-rate pricing for US stocks: USD 0.005 per share, minimum USD 1.00, maximum 1 % of trade value. */
export const IB_FIXED_COMMISSION: CommissionSchedule = Object.freeze({
  perShare: toDecimal("0.005"),
  minimum: toDecimal("1.00"),
  maxPctOfValue: toDecimal("0.01"),
});

/** Throws a RangeError when a field of `schedule` is negative. */
export function validateCommissionSchedule(schedule: CommissionSchedule): void {
  for (const [name, value] of Object.entries(schedule) as [string, Decimal][]) {
    if (value.isNegative() || !value.isFinite()) {
      throw new RangeError(`commission ${name} must be a number >= 0, got ${value.toString()}`);
    }
  }
}

/**
 * Commission of a whole order of `quantity` shares worth `value`:
 * `min(max(perShare * quantity, minimum), maxPctOfValue * value)`. The 1 %
 * cap wins over the minimum, as in IB's schedule, so an order worth USD 50
 * pays at most USD 0.50. Nothing traded costs nothing.
 *
 * @example
 * ```ts
 * orderCommission(IB_FIXED_COMMISSION, { quantity: toDecimal(100), value: toDecimal(5000) }); // 1.00 (minimum)
 * orderCommission(IB_FIXED_COMMISSION, { quantity: toDecimal(1000), value: toDecimal(100000) }); // 5.00
 * ```
 */
export function orderCommission(
  schedule: CommissionSchedule,
  traded: { quantity: Decimal; value: Decimal },
): Decimal {
  if (traded.quantity.isZero()) return toDecimal(0);
  return screenedOrderCommission(schedule, traded) ?? exactOrderCommission(schedule, traded);
}

/** {@link orderCommission} of a non-zero quantity in Decimal arithmetic throughout. */
function exactOrderCommission(
  schedule: CommissionSchedule,
  traded: { quantity: Decimal; value: Decimal },
): Decimal {
  const perShare = schedule.perShare.times(traded.quantity);
  const floored = Decimal.max(perShare, schedule.minimum);
  return Decimal.min(floored, schedule.maxPctOfValue.times(traded.value));
}

/** Relative margin of the float screen: far above float rounding, far below a cent. */
const SCREEN_MARGIN = 1e-9;

/**
 * The commission when floats decide which bound applies: the minimum when
 * the per-share charge is clearly below it and the cap clearly above it, the
 * per-share charge when it is clearly between the two. Undefined when a
 * comparison is too close to call (the Decimal path decides). The values
 * returned equal the Decimal path's (`max` / `min` return their argument).
 */
function screenedOrderCommission(
  schedule: CommissionSchedule,
  traded: { quantity: Decimal; value: Decimal },
): Decimal | undefined {
  const minimum = decimalToNumber(schedule.minimum);
  const perShare = decimalToNumber(schedule.perShare) * decimalToNumber(traded.quantity);
  const cap = decimalToNumber(schedule.maxPctOfValue) * decimalToNumber(traded.value);
  const low = 1 - SCREEN_MARGIN;
  const high = 1 + SCREEN_MARGIN;
  if (!(minimum > 0 && perShare > 0 && cap > 0)) return undefined;
  if (perShare < minimum * low && cap > minimum * high) {
    return significantDigitsBound(schedule.minimum) <= DECIMAL_PRECISION
      ? schedule.minimum
      : undefined;
  }
  if (perShare > minimum * high && cap > perShare * high) {
    return schedule.perShare.times(traded.quantity);
  }
  return undefined;
}

/**
 * Commission of one fill of an order: the order's commission after the fill
 * minus its commission before it. The minimum and the cap therefore apply to
 * the order as a whole, as IB applies them; with one fill this equals
 * {@link orderCommission}, with partial fills the parts add up to it.
 */
export function fillCommission(
  schedule: CommissionSchedule,
  order: {
    before: { quantity: Decimal; value: Decimal };
    after: { quantity: Decimal; value: Decimal };
  },
): Decimal {
  return orderCommission(schedule, order.after).minus(orderCommission(schedule, order.before));
}
