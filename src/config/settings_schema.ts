/**
 * The `settings:` section: coordinator runtime settings.
 *
 * @module
 */
import { z } from "zod";
import { BAR_SIZE_PATTERN } from "../model/bar_size.ts";
import type { GraphRuntimeSettings } from "./config_types.ts";
import { integerSchema } from "./field_schemas.ts";

/** Smallest `heartbeat_timeout_seconds`. */
export const MIN_HEARTBEAT_TIMEOUT_SECONDS = 5;
/** Smallest `telemetry_interval_seconds`. */
export const MIN_TELEMETRY_INTERVAL_SECONDS = 10;

/** The `settings:` section with its defaults. */
export const settingsSchema: z.ZodType<GraphRuntimeSettings, unknown> = z.strictObject({
  allow_partial_start: z.boolean().default(false)
    .meta({ description: "Start even when some strategies fail to start" }),
  heartbeat_timeout_seconds: integerSchema({
    min: MIN_HEARTBEAT_TIMEOUT_SECONDS,
    description: "A strategy silent this long (market time) is unhealthy; >= 5",
  }).default(30),
  telemetry_interval_seconds: integerSchema({
    min: MIN_TELEMETRY_INTERVAL_SECONDS,
    description: "Cadence of strategy.metrics telemetry; >= 10",
  }).default(60),
  bar_size: z.string().regex(BAR_SIZE_PATTERN, {
    error: (issue) =>
      `must be a bar size: a number followed by s, m, h or d, e.g. 5s, 1m, 1d (got ${
        JSON.stringify(issue.input)
      })`,
  }).default("1m"),
  intent_expiry_seconds: integerSchema({
    min: 1,
    description: "How long intents held during a venue outage stay valid; >= 1",
  }).default(30),
}).transform((settings): GraphRuntimeSettings => ({
  allowPartialStart: settings.allow_partial_start,
  heartbeatTimeoutSeconds: settings.heartbeat_timeout_seconds,
  telemetryIntervalSeconds: settings.telemetry_interval_seconds,
  barSize: settings.bar_size,
  intentExpirySeconds: settings.intent_expiry_seconds,
})).prefault({});
