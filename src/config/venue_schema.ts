/**
 * The `venue:` section: the simulated venue (synthetic or CSV bars) or
 * Interactive Brokers, discriminated by `type`.
 *
 * @module
 */
import { z } from "zod";
import { Decimal } from "../model/decimal.ts";
import { HOST_DESCRIPTION, parseHost } from "../model/net_address.ts";
import type { IbkrVenueConfig, SimVenueConfig, VenueConfig } from "./config_types.ts";
import { decimalSchema } from "./decimal_schema.ts";
import { exactNumbers, registerNumericField } from "./exact_numbers.ts";
import { symbolKeySchema } from "./field_schemas.ts";
import { integerSchema, numberSchema } from "./number_schema.ts";
import { numericRangeMessage } from "./numeric_range.ts";
import {
  CLIENT_ID_RANGE,
  COMMISSION_MAX_PCT_RANGE,
  COMMISSION_MINIMUM_RANGE,
  COMMISSION_PER_SHARE_RANGE,
  DRIFT_RANGE,
  PARTIAL_FILL_RATIO_RANGE,
  PORT_RANGE,
  REQUESTS_PER_SECOND_RANGE,
  SEED_RANGE,
  SLIPPAGE_BPS_RANGE,
  SPEED_RANGE,
  START_PRICE_RANGE,
  SYNTHETIC_BARS_RANGE,
  VOLATILITY_RANGE,
} from "./value_ranges.ts";
import { withKeyHints } from "./zod_problems.ts";

/** Default time of the first synthetic bar. */
export const DEFAULT_SYNTHETIC_START = "2024-01-02T14:30:00Z";

const commissionSchema = exactNumbers(z.strictObject({
  per_share: decimalSchema({
    ...COMMISSION_PER_SHARE_RANGE,
    description: "Charge per share, default 0.005",
  }).default(() => new Decimal("0.005")),
  minimum: decimalSchema({
    ...COMMISSION_MINIMUM_RANGE,
    description: "Minimum charge per order, default 1.00",
  }).default(() => new Decimal("1.00")),
  max_pct_of_value: decimalSchema({
    ...COMMISSION_MAX_PCT_RANGE,
    description: "Cap as a fraction of the trade value, default 0.01",
  }).default(() => new Decimal("0.01")),
})).transform((c) => ({
  perShare: c.per_share,
  minimum: c.minimum,
  maxPctOfValue: c.max_pct_of_value,
}));

const symbolOverrideSchema = exactNumbers(z.strictObject({
  drift: numberSchema({ ...DRIFT_RANGE, description: "Annual drift for this symbol" }).optional(),
  volatility: numberSchema({
    ...VOLATILITY_RANGE,
    description: "Annual volatility for this symbol",
  }).optional(),
  start_price: numberSchema({ ...START_PRICE_RANGE, description: "First price for this symbol" })
    .optional(),
})).transform((o) => ({
  ...(o.drift === undefined ? {} : { drift: o.drift }),
  ...(o.volatility === undefined ? {} : { volatility: o.volatility }),
  ...(o.start_price === undefined ? {} : { startPrice: o.start_price }),
}));

const upperKeys = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toUpperCase(), value]));

const IBKR_ONLY_KEYS = [
  "host",
  "port",
  "client_id",
  "account",
  "market_data_type",
  "max_requests_per_second",
];

const SIM_ONLY_KEYS = [
  "feed",
  "bars",
  "seed",
  "start",
  "drift",
  "volatility",
  "start_price",
  "symbols",
  "csv",
  "speed",
  "slippage_bps",
  "commission",
  "partial_fill_ratio",
];

const hintsFor = (keys: readonly string[], owner: string) =>
  Object.fromEntries(keys.map((key) => [key, `is only valid with venue type ${owner}`]));

const speedSchema = registerNumericField(
  z.union([
    z.literal("max"),
    numberSchema({ ...SPEED_RANGE, alternative: '"max"' }),
  ], {
    error: (issue) =>
      issue.code === "invalid_union" && issue.input !== undefined
        ? numericRangeMessage(
          { kind: "number", range: SPEED_RANGE, alternative: '"max"' },
          issue.input,
        )
        : undefined,
  }).meta({ description: '"max" (as fast as possible) or a real-time multiplier' }),
  { kind: "number", range: SPEED_RANGE },
);

const simVenueObject = withKeyHints(
  z.strictObject({
    type: z.literal("sim"),
    feed: z.enum(["synthetic", "csv"]).default("synthetic"),
    bars: integerSchema({ ...SYNTHETIC_BARS_RANGE, description: "Synthetic bars per symbol" })
      .default(500),
    seed: integerSchema({ ...SEED_RANGE, description: "Synthetic random seed" }).default(42),
    start: z.iso.datetime({ offset: true }).default(DEFAULT_SYNTHETIC_START)
      .meta({ description: "ISO time of the first synthetic bar" }),
    drift: numberSchema({ ...DRIFT_RANGE, description: "Annual drift (GBM mu)" }).default(0.05),
    volatility: numberSchema({
      ...VOLATILITY_RANGE,
      description: "Annual volatility (GBM sigma)",
    }).default(0.25),
    start_price: numberSchema({ ...START_PRICE_RANGE, description: "First synthetic price" })
      .default(100),
    symbols: z.record(symbolKeySchema, symbolOverrideSchema).default({}),
    csv: z.record(symbolKeySchema, z.string().min(1)).optional()
      .meta({ description: "CSV feed: symbol -> file path relative to the graph file" }),
    speed: speedSchema.default("max"),
    slippage_bps: decimalSchema({
      ...SLIPPAGE_BPS_RANGE,
      description: "Slippage in basis points, default 0",
    }).default(() => new Decimal(0)),
    commission: commissionSchema.prefault({}),
    partial_fill_ratio: decimalSchema({
      ...PARTIAL_FILL_RATIO_RANGE,
      description: "Share of the remaining quantity filled per bar, (0, 1]",
    }).default(() => new Decimal(1)),
  }),
  hintsFor(IBKR_ONLY_KEYS, "ibkr"),
);

const simVenueSchema = simVenueObject.transform((v): SimVenueConfig => ({
  type: "sim",
  feed: v.feed,
  bars: v.bars,
  seed: v.seed,
  start: Date.parse(v.start),
  drift: v.drift,
  volatility: v.volatility,
  startPrice: v.start_price,
  symbolOverrides: upperKeys(v.symbols),
  csv: upperKeys(v.csv ?? {}),
  speed: v.speed,
  slippageBps: v.slippage_bps,
  commission: v.commission,
  partialFillRatio: v.partial_fill_ratio,
}));

const ibkrVenueSchema = withKeyHints(
  z.strictObject({
    type: z.literal("ibkr"),
    host: z.string().transform((text, ctx) => {
      const host = parseHost(text);
      if (host === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `must be ${HOST_DESCRIPTION} without a port (got ${JSON.stringify(text)})`,
        });
        return z.NEVER;
      }
      return host;
    }).default("127.0.0.1"),
    port: integerSchema({ ...PORT_RANGE, description: "TWS / Gateway API port" }).default(7497),
    client_id: integerSchema({ ...CLIENT_ID_RANGE, description: "TWS API client id" }).default(1),
    account: z.string().regex(/^[A-Za-z0-9]+$/, {
      error: (issue) =>
        `must be an IB account id such as DU1234567 (got ${JSON.stringify(issue.input)})`,
    }).optional(),
    market_data_type: z.enum(["live", "frozen", "delayed", "delayed_frozen"]).default("live"),
    max_requests_per_second: integerSchema({
      ...REQUESTS_PER_SECOND_RANGE,
      description: "Request pacing limit",
    }).default(45),
  }),
  hintsFor(SIM_ONLY_KEYS, "sim"),
).transform((v): IbkrVenueConfig => ({
  type: "ibkr",
  host: v.host,
  port: v.port,
  clientId: v.client_id,
  ...(v.account === undefined ? {} : { account: v.account }),
  marketDataType: v.market_data_type,
  maxRequestsPerSecond: v.max_requests_per_second,
}));

/** Keys that only the synthetic feed uses (ignored with `feed: csv`). */
export const SYNTHETIC_ONLY_KEYS: readonly string[] = [
  "bars",
  "seed",
  "start",
  "drift",
  "volatility",
  "start_price",
  "symbols",
];

/** The `venue:` section; absent means `{ type: sim }` with every default. */
export const venueSchema: z.ZodType<VenueConfig, unknown> = exactNumbers(
  z.discriminatedUnion("type", [simVenueSchema, ibkrVenueSchema]),
).prefault({ type: "sim" });

/**
 * The venue config a graph gets for `venue: { type }` with nothing else set:
 * every default of the schema filled in (used when `run --venue` switches a
 * graph to the other venue).
 */
export function defaultVenueConfig<T extends VenueConfig["type"]>(
  type: T,
): Extract<VenueConfig, { type: T }> {
  return venueSchema.parse({ type }) as Extract<VenueConfig, { type: T }>;
}
