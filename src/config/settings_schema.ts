/**
 * The `settings:` section: coordinator runtime settings.
 *
 * @module
 */
import { z } from "zod";
import { BAR_SIZE_PATTERN, barSizeMs } from "../model/bar_size.ts";
import type { GraphRuntimeSettings } from "./config_types.ts";
import { exactNumbers } from "./exact_numbers.ts";
import { integerSchema } from "./number_schema.ts";
import {
  HEARTBEAT_TIMEOUT_RANGE,
  INTENT_EXPIRY_RANGE,
  MAX_BAR_SIZE_SECONDS,
  TELEMETRY_INTERVAL_RANGE,
} from "./value_ranges.ts";

const barSizeSchema = z.string().regex(BAR_SIZE_PATTERN, {
  error: (issue) =>
    `must be a bar size: a number followed by s, m, h or d, e.g. 5s, 1m, 1d (got ${
      JSON.stringify(issue.input)
    })`,
}).refine(
  (size) => !BAR_SIZE_PATTERN.test(size) || barSizeMs(size) <= MAX_BAR_SIZE_SECONDS * 1000,
  {
    error: (issue) =>
      `must be a bar size from 1s to 7d (${MAX_BAR_SIZE_SECONDS}s), got ${
        JSON.stringify(issue.input)
      }`,
  },
);

/** The bar size of a graph that sets none and whose data does not say either (synthetic, IBKR). */
export const DEFAULT_BAR_SIZE = "1m";

/**
 * The `settings:` section with its defaults. `bar_size` left out becomes
 * {@link DEFAULT_BAR_SIZE} with `barSizeSource: "default"`; a CSV replay then
 * takes the bar size of its data instead (see decideDataBarSize).
 */
export const settingsSchema: z.ZodType<GraphRuntimeSettings, unknown> = exactNumbers(
  z.strictObject({
    allow_partial_start: z.boolean().default(false)
      .meta({ description: "Start even when some strategies fail to start" }),
    heartbeat_timeout_seconds: integerSchema({
      ...HEARTBEAT_TIMEOUT_RANGE,
      description: "A symbol silent this long in trading time (session hours) is stalled; 5..86400",
    }).default(30),
    telemetry_interval_seconds: integerSchema({
      ...TELEMETRY_INTERVAL_RANGE,
      description: "Cadence of strategy.metrics telemetry; 10..86400",
    }).default(60),
    bar_size: barSizeSchema.optional().meta({
      description: "Bar size strategies see, e.g. 1m, 1d; default: a CSV replay's spacing, else " +
        DEFAULT_BAR_SIZE,
    }),
    intent_expiry_seconds: integerSchema({
      ...INTENT_EXPIRY_RANGE,
      description: "How long intents held during a venue outage stay valid; 1..86400",
    }).default(30),
  }),
).transform((settings): GraphRuntimeSettings => ({
  allowPartialStart: settings.allow_partial_start,
  heartbeatTimeoutSeconds: settings.heartbeat_timeout_seconds,
  telemetryIntervalSeconds: settings.telemetry_interval_seconds,
  barSize: settings.bar_size ?? DEFAULT_BAR_SIZE,
  barSizeSource: settings.bar_size === undefined ? "default" : "graph",
  intentExpirySeconds: settings.intent_expiry_seconds,
})).prefault({});
