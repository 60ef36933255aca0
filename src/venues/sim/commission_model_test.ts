import assert from "node:assert/strict";
import { Decimal, toDecimal } from "../../model/mod.ts";
import {
  type CommissionSchedule,
  fillCommission,
  IB_FIXED_COMMISSION,
  orderCommission,
  validateCommissionSchedule,
} from "./commission_model.ts";
import { SeededRandom } from "./prng.ts";

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

Deno.test("orderCommission's float shortcut gives the all-Decimal result on every side of the bounds", () => {
  const random = new SeededRandom(5);
  const schedules: CommissionSchedule[] = [
    IB_FIXED_COMMISSION,
    { perShare: toDecimal("0.01"), minimum: toDecimal("1.5"), maxPctOfValue: toDecimal("0.005") },
    { perShare: toDecimal("0.0035"), minimum: toDecimal("0.35"), maxPctOfValue: toDecimal(1) },
    { perShare: toDecimal(0), minimum: toDecimal(0), maxPctOfValue: toDecimal(0) },
  ];
  const exact = (schedule: CommissionSchedule, quantity: Decimal, value: Decimal) =>
    Decimal.min(
      Decimal.max(schedule.perShare.times(quantity), schedule.minimum),
      schedule.maxPctOfValue.times(value),
    );
  for (const schedule of schedules) {
    // quantities around the minimum's break-even (200 shares at 0.005) and values around the cap
    for (const shares of [1, 5, 199, 200, 201, 333, 1000, 12_345]) {
      for (let i = 0; i < 200; i++) {
        const quantity = toDecimal(shares);
        const price = i < 5 ? toDecimal(["0.05", "0.5", "1", "100", "20"][i]!) : toDecimal(
          (random.uniform() * 300).toFixed(2),
        );
        const value = quantity.times(price);
        assert.equal(
          orderCommission(schedule, { quantity, value }).toString(),
          exact(schedule, quantity, value).toString(),
          `${schedule.perShare} ${shares} x ${price}`,
        );
      }
    }
  }
});
