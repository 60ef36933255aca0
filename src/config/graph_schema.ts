/**
 * The zod schema of a whole strategy graph document (YAML, snake_case in),
 * producing a {@link ParsedGraph}: camelCase, Decimal money, local defaults
 * applied. Defaults that depend on other sections and cross-field rules are
 * applied afterwards (resolve_graph.ts, graph_rules.ts).
 *
 * @module
 */
import { z } from "zod";
import type { CapitalPolicyConfig, GraphRuntimeSettings, VenueConfig } from "./config_types.ts";
import { capitalPolicySchema } from "./capital_policy_schema.ts";
import { GRAPH_NAME_PATTERN } from "./field_schemas.ts";
import {
  limitsSchema,
  type ParsedPositionBounds,
  type ParsedRisk,
  riskSchema,
  sizingSchema,
} from "./risk_schema.ts";
import { settingsSchema } from "./settings_schema.ts";
import { type ParsedStrategyNode, strategyNodeSchema } from "./strategy_node_schema.ts";
import { venueSchema } from "./venue_schema.ts";

/** Default graph name. */
export const DEFAULT_GRAPH_NAME = "default_graph";

/** A graph as the schema produces it, before cross-section defaults. */
export interface ParsedGraph {
  /** Graph name. */
  readonly name: string;
  /** Venue. */
  readonly venue: VenueConfig;
  /** Sizing as written. */
  readonly sizing: ParsedPositionBounds;
  /** Graph limits as written. */
  readonly limits: ParsedPositionBounds;
  /** Risk as written. */
  readonly risk: ParsedRisk;
  /** Strategy nodes. */
  readonly strategies: ParsedStrategyNode[];
  /** Capital policy. */
  readonly capitalPolicy: CapitalPolicyConfig;
  /** Runtime settings. */
  readonly settings: GraphRuntimeSettings;
}

/** The whole graph document. */
export const graphSchema: z.ZodType<ParsedGraph, unknown> = z.strictObject({
  name: z.string().regex(GRAPH_NAME_PATTERN, {
    error: (issue) =>
      `must be a slug: a-z, 0-9, _ and -, starting with a letter or digit (got ${
        JSON.stringify(issue.input)
      })`,
  }).default(DEFAULT_GRAPH_NAME).meta({ description: "Graph name (slug)" }),
  venue: venueSchema,
  sizing: sizingSchema,
  limits: limitsSchema,
  risk: riskSchema,
  strategies: z.array(strategyNodeSchema).min(1, {
    error: "must list at least one strategy",
  }).meta({ description: "Strategy nodes; at least one" }),
  capital_policy: capitalPolicySchema,
  settings: settingsSchema,
}).transform((graph): ParsedGraph => ({
  name: graph.name,
  venue: graph.venue,
  sizing: graph.sizing,
  limits: graph.limits,
  risk: graph.risk,
  strategies: graph.strategies,
  capitalPolicy: graph.capital_policy,
  settings: graph.settings,
}));
