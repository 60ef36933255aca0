import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { ALWAYS_OPEN_CALENDAR, US_EQUITIES_CALENDAR } from "../calendar/mod.ts";
import { Decimal } from "../model/decimal.ts";
import { allocationInput, node, sizes } from "./_test_inputs.ts";
import { createCapitalPolicy } from "./create_capital_policy.ts";
import { EqualWeightPolicy } from "./equal_weight_policy.ts";
import { FixedWeightPolicy } from "./fixed_weight_policy.ts";
import { VolTargetPolicy } from "./vol_target_policy.ts";

Deno.test("createCapitalPolicy builds the policy its config type names", () => {
  const options = { barSizeMs: 60_000, calendar: US_EQUITIES_CALENDAR };
  assert(createCapitalPolicy({ type: "equal_weight" }, options) instanceof EqualWeightPolicy);
  const fixed = createCapitalPolicy(
    { type: "fixed", weights: { fast: new Decimal("0.25") } },
    options,
  );
  assert(fixed instanceof FixedWeightPolicy);
  fixed.prepare(allocationInput([node("fast")]));
  assertEquals(sizes(fixed.envelopeFor("fast", "AAPL")), [25, "25000.00"]);
  const vol = createCapitalPolicy({
    type: "vol_target",
    targetVol: new Decimal("0.2"),
    lookbackBars: 2,
    maxScale: new Decimal(1),
  }, options);
  assert(vol instanceof VolTargetPolicy);
  vol.prepare(allocationInput([node("fast")]));
  for (const close of [100, 100 * Math.exp(0.001), 100]) vol.observe("AAPL", close);
  vol.refresh(1);
  // the bar size reaches the policy: 1m annualisation gives scale 0.45 (see vol_target tests)
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [45, "45000.00"]);
  assertEquals(vol.type, "vol_target");
});

Deno.test("createCapitalPolicy hands vol_target the venue's calendar: always open annualises 1m bars over 365.25 days of 24 hours", () => {
  const spec = {
    type: "vol_target",
    targetVol: new Decimal("0.2"),
    lookbackBars: 2,
    maxScale: new Decimal(1),
  } as const;
  const vol = createCapitalPolicy(spec, { barSizeMs: 60_000, calendar: ALWAYS_OPEN_CALENDAR });
  vol.prepare(allocationInput([node("fast")]));
  for (const close of [100, 100 * Math.exp(0.001), 100]) vol.observe("AAPL", close);
  vol.refresh(1);
  // realized = 0.001 x sqrt(2) x sqrt(525960) = 1.0256; 0.2 / 1.0256 = 0.195 -> 0.19
  assertEquals(sizes(vol.envelopeFor("fast", "AAPL")), [19, "19000.00"]);
});
