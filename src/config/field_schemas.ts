/**
 * Small reusable field schemas of the graph: slugs, symbols, strategy ids.
 * (Numeric fields are in number_schema.ts and decimal_schema.ts.)
 *
 * @module
 */
import { z } from "zod";

/** Strategy ids: lower-case slug, 1-64 characters. */
export const STRATEGY_ID_PATTERN: RegExp = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Graph names: lower-case slug. */
export const GRAPH_NAME_PATTERN: RegExp = /^[a-z0-9][a-z0-9_-]*$/;

/** Strategy types: the file name of a module in `strategies/` without `.ts`. */
export const STRATEGY_TYPE_PATTERN: RegExp = /^[a-z][a-z0-9_]*$/;

/** Ticker symbols as written (any case): letters, digits, `.`, `-`, `/` and space, 1-20 characters. */
export const SYMBOL_PATTERN: RegExp = /^[A-Za-z0-9][A-Za-z0-9. /-]{0,19}$/;

/** A strategy id (slug-safe). */
export const strategyIdSchema: z.ZodString = z.string().regex(STRATEGY_ID_PATTERN, {
  error: (issue) =>
    `must be slug-safe: 1-64 characters of a-z, 0-9, _ and -, starting with a letter or digit (got ${
      JSON.stringify(issue.input)
    })`,
});

/** A ticker symbol, upper-cased on output. */
export const symbolSchema: z.ZodPipe<z.ZodString, z.ZodTransform<string, string>> = z
  .string()
  .regex(SYMBOL_PATTERN, {
    error: (issue) =>
      `must be a ticker symbol: 1-20 letters, digits, ".", "-", "/" or spaces (got ${
        JSON.stringify(issue.input)
      })`,
  })
  .transform((symbol) => symbol.toUpperCase());

/** The key schema of maps keyed by symbol (`venue.symbols`, `venue.csv`). */
export const symbolKeySchema: z.ZodString = z.string().regex(SYMBOL_PATTERN, {
  error: (issue) =>
    `must be a ticker symbol: 1-20 letters, digits, ".", "-", "/" or spaces (got ${
      JSON.stringify(issue.input)
    })`,
});
