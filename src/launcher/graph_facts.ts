/**
 * What the launcher needs to know about a graph file to derive a job's
 * permissions, read without importing any strategy module: the graph's name,
 * its venue section (resolved through the real venue schema, so defaults
 * such as the TWS port have one source) and the CSV files it names. The YAML
 * is parsed by the job's own parser, with its limits.
 *
 * A graph this reader cannot make sense of (unreadable, too large, invalid
 * YAML or venue) yields no venue: the job then gets no network and no data
 * files, and reports the graph's problems itself, with file:line:col. A
 * graph the job would refuse before looking at any strategy (YAML syntax, a
 * size limit) carries that refusal, so the launcher can report it at once.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import type { VenueConfig } from "../config/mod.ts";
import { asRecord } from "../config/_raw.ts";
import { resolveCsvPath } from "../config/csv_paths.ts";
import { venueSchema } from "../config/venue_schema.ts";
import { graphSizeProblem } from "../config/graph_size.ts";
import { checkGraphShape } from "../config/load_graph.ts";
import type { GraphProblem } from "../config/problems.ts";
import { UserError } from "../errors.ts";
import { statOrUndefined } from "./plan_context.ts";

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
  /**
   * Why the job would refuse the graph before looking at any strategy (YAML
   * syntax, a size limit), located as the job would report it.
   */
  readonly refusal?: readonly GraphProblem[];
}

/** At most `maxBytes + 1` bytes of `file` as text (enough to know it is too large). */
async function readPrefix(file: string, maxBytes: number): Promise<Uint8Array> {
  using handle = await Deno.open(file);
  const buffer = new Uint8Array(maxBytes + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const read = await handle.read(buffer.subarray(filled));
    if (read === null) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

/**
 * Reads the facts of the graph at `path` (relative paths resolve against
 * `cwd`). A file larger than `maxBytes` is refused by its size without being
 * read. Missing ones yield only the path.
 *
 * @throws {UserError} when `path` is not a regular file (a device such as
 * /dev/zero, a pipe), which neither the launcher nor the job reads.
 */
export async function readGraphFacts(
  path: string,
  options: {
    readonly cwd: string;
    readonly maxBytes: number;
    /** The file as the job names it in messages; default `path`. */
    readonly label?: string;
  },
): Promise<GraphFacts> {
  const file = resolve(options.cwd, path);
  const none: GraphFacts = { file, csvFiles: [] };
  const label = options.label ?? path;
  const info = await statOrUndefined(file, "graph");
  if (info === undefined || info.isDirectory) return none;
  const tooLarge = info.size > options.maxBytes ? graphSizeProblem(info.size) : undefined;
  if (tooLarge !== undefined) {
    return { ...none, refusal: [{ file: label, path: "", message: tooLarge, severity: "error" }] };
  }
  if (!info.isFile) throw new UserError(`${path} is not a regular file; a graph is a YAML file`);
  let bytes: Uint8Array;
  try {
    bytes = await readPrefix(file, options.maxBytes);
  } catch {
    return none; // Unreadable: the job says why, with its own message.
  }
  if (bytes.length > options.maxBytes) return none; // It grew since the stat: the job says so.
  const shape = checkGraphShape(new TextDecoder().decode(bytes), label);
  const refusal = shape.problems.filter((problem) => problem.severity === "error");
  if (refusal.length > 0) return { ...none, refusal };
  const graph = asRecord(shape.source?.value);
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
