/**
 * Property: whatever numeric literal a graph holds in a numeric field,
 * validation either accepts it and yields exactly the finite value the text
 * denotes, within the documented range, or reports a located error for that
 * field alone; it never throws and never yields Infinity or NaN.
 *
 * Each field runs NUM_RUNS generated literals from a fixed SEED.
 *
 * @module
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import fc from "fast-check";
import { Decimal } from "../../src/model/decimal.ts";
import {
  checkGraphText,
  formatPath,
  formatProblem,
  type StrategyGraphConfig,
  StrategyRegistry,
} from "../../src/config/mod.ts";
import { DECIMAL_LITERAL } from "../../src/config/_numeric_source.ts";
import {
  decimalWithinRange,
  describeRange,
  numberWithinRange,
  type NumericKind,
  type NumericRange,
} from "../../src/config/numeric_range.ts";
import {
  MAX_SCALE_RANGE,
  MONEY_RANGE,
  SEED_RANGE,
  SHARES_RANGE,
  SLIPPAGE_BPS_RANGE,
  SPEED_RANGE,
  VOLATILITY_RANGE,
} from "../../src/config/value_ranges.ts";
import { parseYamlSource } from "../../src/config/yaml_source.ts";
import { graphWithLiteral, type NumericField } from "./_numeric_fields.ts";

/** Generated literals per field. */
const NUM_RUNS = 300;
/** Fixed seed: the same literals on every run. */
const SEED = 20_240_607;

/** The widest hard limits, so that a money or share value in range is also within the hard limits. */
const WIDEST_ENV = (name: string) =>
  ({ IBKR_MAX_POSITION: "1000000000", IBKR_MAX_NOTIONAL: "1000000000000" })[name];

/** How the text should be judged: the graph's own kinds, or a strategy param (a JS number). */
type Judged = NumericKind | "param_integer";

interface FieldUnderTest extends Pick<NumericField, "path" | "variant"> {
  readonly judged: Judged;
  readonly range: NumericRange;
  readonly read: (config: StrategyGraphConfig) => unknown;
}

function simVenue(config: StrategyGraphConfig) {
  if (config.venue.type !== "sim") throw new Error("expected the sim venue");
  return config.venue;
}

const FIELDS: readonly FieldUnderTest[] = [
  {
    path: ["sizing", "max_notional"],
    judged: "decimal",
    range: MONEY_RANGE,
    read: (c) => c.sizing.maxNotional,
  },
  {
    path: ["risk", "max_order_notional"],
    judged: "decimal",
    range: MONEY_RANGE,
    read: (c) => c.risk.maxOrderNotional,
  },
  {
    path: ["venue", "slippage_bps"],
    variant: { section: "venue", type: "sim" },
    judged: "decimal",
    range: SLIPPAGE_BPS_RANGE,
    read: (c) => simVenue(c).slippageBps,
  },
  {
    path: ["venue", "seed"],
    variant: { section: "venue", type: "sim" },
    judged: "integer",
    range: SEED_RANGE,
    read: (c) => simVenue(c).seed,
  },
  {
    path: ["venue", "volatility"],
    variant: { section: "venue", type: "sim" },
    judged: "number",
    range: VOLATILITY_RANGE,
    read: (c) => simVenue(c).volatility,
  },
  {
    path: ["venue", "speed"],
    variant: { section: "venue", type: "sim" },
    judged: "number",
    range: SPEED_RANGE,
    read: (c) => simVenue(c).speed,
  },
  {
    path: ["strategies", 0, "max_position"],
    judged: "integer",
    range: SHARES_RANGE,
    read: (c) => c.strategies[0]?.maxPosition,
  },
  {
    path: ["settings", "heartbeat_timeout_seconds"],
    judged: "integer",
    range: { min: 5, max: 86_400 },
    read: (c) => c.settings.heartbeatTimeoutSeconds,
  },
  {
    path: ["capital_policy", "max_scale"],
    variant: { section: "capital_policy", type: "vol_target" },
    judged: "decimal",
    range: MAX_SCALE_RANGE,
    read: (c) => c.capitalPolicy.type === "vol_target" ? c.capitalPolicy.maxScale : undefined,
  },
  {
    // sma's own schema: an integer 2..5000 greater than fast (10).
    path: ["strategies", 0, "params", "slow"],
    judged: "param_integer",
    range: { min: 11, max: 5000 },
    read: (c) => c.strategies[0]?.params.slow,
  },
];

/** Spellings YAML reads as non-finite, non-decimal or not-a-number values. */
const SPECIAL_LITERALS = fc.constantFrom(
  "1e309",
  "-1e309",
  "1e400",
  "1e-400",
  ".inf",
  "-.inf",
  "+.inf",
  ".Inf",
  ".INF",
  ".nan",
  ".NaN",
  ".NAN",
  "NaN",
  "Infinity",
  "-Infinity",
  "nan",
  "inf",
  "0x1F",
  "0xFFFFFFFF",
  "0o17",
  "-0",
  "1_000",
  "9007199254740993",
);

/** Plain decimal literals with long digit strings, fractions and huge or tiny exponents. */
const DECIMAL_LITERALS = fc.tuple(
  fc.constantFrom("", "-", "+"),
  fc.stringMatching(/^[0-9]{1,22}$/),
  fc.option(fc.stringMatching(/^[0-9]{0,22}$/), { nil: undefined }),
  fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
).map(([sign, whole, fraction, exponent]) =>
  `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}${
    exponent === undefined ? "" : `e${exponent}`
  }`
);

/** JS doubles as JS prints them (`1e+308`, `-5e-324`, `Infinity`, `-0`). */
const DOUBLE_LITERALS = fc.double().map((value) => String(value));

/** Values at and just beyond a range's bounds. */
function boundaryLiterals(range: NumericRange): fc.Arbitrary<string> {
  const lower = range.greaterThan ?? range.min;
  return fc.constantFrom(
    String(lower),
    `${lower}.000000000000000000001`,
    String(lower - 1),
    String(range.max),
    `${range.max}.000000000000000000001`,
    String(range.max + 1),
    `-${range.max}`,
  );
}

function literalsFor(field: FieldUnderTest): fc.Arbitrary<string> {
  return fc.oneof(
    SPECIAL_LITERALS,
    DECIMAL_LITERALS,
    DOUBLE_LITERALS,
    boundaryLiterals(field.range),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  );
}

/** What the text denotes if the field must accept it, else undefined (an independent oracle). */
function acceptedValue(text: string, field: FieldUnderTest): Decimal | number | undefined {
  if (!DECIMAL_LITERAL.test(text)) return undefined;
  const exact = new Decimal(text);
  switch (field.judged) {
    case "decimal":
      return decimalWithinRange(exact, field.range) ? exact : undefined;
    case "integer":
      return exact.isInteger() && decimalWithinRange(exact, field.range)
        ? exact.toNumber()
        : undefined;
    case "number":
    case "param_integer": {
      const value = Number(text);
      const kind = field.judged === "number" ? "number" : "integer";
      return numberWithinRange(value, kind, field.range) ? value : undefined;
    }
  }
}

/** Every number and Decimal anywhere in the config is finite. */
function assertAllFinite(value: unknown, where: string): void {
  if (typeof value === "number") ok(Number.isFinite(value), `${where} is ${value}`);
  else if (value instanceof Decimal) ok(value.isFinite(), `${where} is ${value}`);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => assertAllFinite(item, `${where}[${i}]`));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) assertAllFinite(item, `${where}.${key}`);
  }
}

const registry = new StrategyRegistry();

for (const field of FIELDS) {
  const name = formatPath(field.path);
  Deno.test(`${name}: any numeric literal is accepted as its exact finite value in range, or is a located error there`, async () => {
    await fc.assert(
      fc.asyncProperty(literalsFor(field), async (literal) => {
        const text = graphWithLiteral(field, literal);
        const check = await checkGraphText(text, "g.yaml", { env: WIDEST_ENV, registry });
        const errors = check.problems.filter((problem) => problem.severity === "error");
        const where = `${name} = ${literal}: ${errors.map(formatProblem).join("; ")}`;
        const expected = acceptedValue(literal, field);
        if (expected !== undefined) {
          ok(check.loaded !== undefined, where);
          assertAllFinite(check.loaded.config, "config");
          const value = field.read(check.loaded.config);
          if (expected instanceof Decimal) {
            ok(value instanceof Decimal && value.eq(expected), `${where}: got ${value}`);
          } else {
            assertEquals(value, expected, where);
          }
          return;
        }
        assertEquals(check.loaded, undefined, where);
        ok(errors.length > 0, where);
        const position = parseYamlSource(text, "g.yaml").positionOf(field.path);
        for (const error of errors) {
          assertEquals(
            [error.path, error.line, error.col],
            [name, position.line, position.col],
            where,
          );
          if (field.judged !== "param_integer") {
            ok(error.message.includes(describeRange(field.judged, field.range)), where);
          }
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
}
