/**
 * What the launcher needs to know about a graph file to derive a job's
 * permissions, read without importing any strategy module: the graph's name,
 * its venue section (resolved through the real venue schema, so defaults
 * such as the TWS port have one source) and the CSV files it names.
 *
 * A graph this reader cannot make sense of yields no venue: the job then gets
 * no network and no data files, and reports the graph's problems itself, with
 * file:line:col.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { parse, YAMLError } from "yaml";
import type { VenueConfig } from "../config/mod.ts";
import { resolveCsvPath } from "../config/csv_paths.ts";
import { venueSchema } from "../config/venue_schema.ts";

/** The permission-relevant facts of one graph file. */
export interface GraphFacts {
  /** Absolute path of the graph file. */
  readonly file: string;
  /** The graph's `name`, when it is a string. */
  readonly name?: string;
  /** The resolved venue section; undefined when the file or the section is not valid. */
  readonly venue?: VenueConfig;
  /** Absolute paths of the CSV files of a `feed: csv` sim venue. */
  readonly csvFiles: readonly string[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/**
 * Reads the facts of the graph at `path` (relative paths resolve against
 * `cwd`). Files larger than `maxBytes` are not parsed (the job refuses them
 * with its own message); unreadable files yield only the path.
 */
export async function readGraphFacts(
  path: string,
  options: { readonly cwd: string; readonly maxBytes: number },
): Promise<GraphFacts> {
  const file = resolve(options.cwd, path);
  const none: GraphFacts = { file, csvFiles: [] };
  let text: string;
  try {
    if ((await Deno.stat(file)).size > options.maxBytes) return none;
    text = await Deno.readTextFile(file);
  } catch (error) {
    // Missing or unreadable: the job reports it with its own message.
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
      return none;
    }
    if (error instanceof Deno.errors.IsADirectory) return none;
    throw error;
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof YAMLError) return none;
    throw error;
  }
  const graph = asRecord(raw);
  if (graph === undefined) return none;
  const name = typeof graph.name === "string" ? graph.name : undefined;
  const parsed = venueSchema.safeParse(graph.venue);
  if (!parsed.success) return { ...none, ...(name === undefined ? {} : { name }) };
  const venue = parsed.data;
  const csvFiles = venue.type === "sim" && venue.feed === "csv"
    ? Object.values(venue.csv).map((csv) => resolve(resolveCsvPath(dirname(file), csv)))
    : [];
  return { file, venue, csvFiles, ...(name === undefined ? {} : { name }) };
}
