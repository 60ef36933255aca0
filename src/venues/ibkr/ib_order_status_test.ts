import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { isModificationRefusal, isOrderRejection, mapIbOrderStatus } from "./ib_order_status.ts";

Deno.test("mapIbOrderStatus maps working, partial, filled, cancelled and inactive statuses", () => {
  assertEquals(
    [
      mapIbOrderStatus("PreSubmitted", 0),
      mapIbOrderStatus("Submitted", 0),
      mapIbOrderStatus("Submitted", 4),
      mapIbOrderStatus("Filled", 10),
      mapIbOrderStatus("Cancelled", 0),
      mapIbOrderStatus("ApiCancelled", 3),
      mapIbOrderStatus("Inactive", 0),
      mapIbOrderStatus("PendingCancel", 0),
    ],
    [
      "submitted",
      "submitted",
      "partially_filled",
      "filled",
      "cancelled",
      "cancelled",
      "rejected",
      undefined,
    ],
  );
});

Deno.test("isOrderRejection: 201 always, order errors only before acknowledgement, warnings never", () => {
  assertEquals(isOrderRejection(201, true), true);
  assertEquals(isOrderRejection(103, false), true);
  assertEquals(isOrderRejection(103, true), false);
  assertEquals(isOrderRejection(399, false), false);
  assertEquals(isOrderRejection(202, false), false);
  assertEquals(isOrderRejection(2109, false), false);
  assertEquals(isOrderRejection(10148, false), false);
});

Deno.test("isModificationRefusal: order errors refuse a modification, warnings and 202 do not", () => {
  assertEquals(
    [103, 104, 105, 110, 201, 202, 399, 161, 2109, 10148].map(isModificationRefusal),
    [true, true, true, true, true, false, false, false, false, false],
  );
});
