import assert from "node:assert/strict";
import { toDecimal } from "../../model/mod.ts";
import {
  type CommissionSchedule,
  fillCommission,
  IB_FIXED_COMMISSION,
  orderCommission,
  validateCommissionSchedule,
} from "./commission_model.ts";

function commission(
  quantity: number,
  price: string,
  schedule: CommissionSchedule = IB_FIXED_COMMISSION,
): string {
  const q = toDecimal(quantity);
  return orderCommission(schedule, { quantity: q, value: q.times(toDecimal(price)) }).toString();
}

Deno.test("IB fixed commission charges the USD 1.00 minimum on a small order", () => {
  assert.equal(commission(100, "50"), "1");
});

Deno.test("IB fixed commission charges USD 0.005 per share above the minimum", () => {
  assert.equal(commission(1000, "100"), "5");
  assert.equal(commission(333, "20"), "1.665");
});

Deno.test("IB fixed commission caps at 1% of trade value, even below the minimum", () => {
  assert.equal(commission(1000, "0.05"), "0.5");
  assert.equal(commission(10, "5"), "0.5");
});

Deno.test("orderCommission follows a configured schedule and charges nothing for nothing", () => {
  const schedule = {
    perShare: toDecimal("0.01"),
    minimum: toDecimal("2"),
    maxPctOfValue: toDecimal("0.5"),
  };
  assert.equal(commission(100, "10", schedule), "2");
  assert.equal(commission(1000, "10", schedule), "10");
  assert.equal(commission(0, "10", schedule), "0");
});

Deno.test("fillCommission splits an order's commission over its partial fills", () => {
  const price = toDecimal("100");
  const parts = [40, 30, 930];
  let filled = toDecimal(0);
  const charges: string[] = [];
  for (const part of parts) {
    const before = { quantity: filled, value: filled.times(price) };
    filled = filled.plus(part);
    charges.push(
      fillCommission(IB_FIXED_COMMISSION, {
        before,
        after: { quantity: filled, value: filled.times(price) },
      }).toString(),
    );
  }
  assert.deepEqual(charges, ["1", "0", "4"]);
});

Deno.test("validateCommissionSchedule refuses negative fields by name", () => {
  assert.throws(
    () => validateCommissionSchedule({ ...IB_FIXED_COMMISSION, minimum: toDecimal(-1) }),
    /commission minimum must be a number >= 0, got -1/,
  );
});
