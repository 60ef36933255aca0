/**
 * The `run` command's flags: parsing, validation, and how they override the
 * graph (data source, seed, bars, speed, venue endpoint).
 *
 * Numeric flags are read like the graph's numbers: decimal notation only,
 * finite, and within the same documented ranges (`--seed` as `venue.seed`,
 * `--speed` as `venue.speed`, ...), so a flag can never bring in `Infinity`.
 *
 * @module
 */
import { UsageError } from "../errors.ts";
import { csvDataFiles } from "./csv_data_flag.ts";
import { HOST_DESCRIPTION, parseHost } from "../model/net_address.ts";
import {
  CLIENT_ID_RANGE,
  defaultVenueConfig,
  describeRange,
  numberFromText,
  type NumericKind,
  type NumericRange,
  PORT_RANGE,
  SEED_RANGE,
  SHARES_RANGE,
  type SimVenueConfig,
  SPEED_RANGE,
  type StrategyGraphConfig,
  SYNTHETIC_BARS_RANGE,
  type VenueConfig,
  withDataBarSize,
} from "../config/mod.ts";

/** `--fast`: the sma strategy's fast period. */
const FAST_RANGE: NumericRange = { min: 1, max: 5000 };
/** `--slow`: the sma strategy's slow period. */
const SLOW_RANGE: NumericRange = { min: 2, max: 5000 };
/** `--duration`, seconds: at most a leap year. */
const DURATION_RANGE: NumericRange = { min: 1, max: 366 * 86_400 };

/** The raw flags as commander gives them (strings). */
export interface RawRunFlags {
  /** `sim` or `ibkr`. */
  readonly venue?: string;
  /** `synthetic` or `csv:PATH`. */
  readonly data?: string;
  /** Synthetic seed. */
  readonly seed?: string;
  /** Synthetic bars per symbol. */
  readonly bars?: string;
  /** `max` or a real-time multiplier. */
  readonly speed?: string;
  /** Telemetry log path. */
  readonly log?: string;
  /** Single-SMA path: symbol. */
  readonly symbol?: string;
  /** Single-SMA path: fast period. */
  readonly fast?: string;
  /** Single-SMA path: slow period. */
  readonly slow?: string;
  /** Single-SMA path: position size. */
  readonly size?: string;
  /** Single-SMA path: `long_only` or `long_short`. */
  readonly mode?: string;
  /** TWS host. */
  readonly host?: string;
  /** TWS port. */
  readonly port?: string;
  /** TWS client id. */
  readonly clientId?: string;
  /** Allow a live account (with IBKR_LIVE_ACK). */
  readonly live?: boolean;
  /** Stop after this many seconds of wall time. */
  readonly duration?: string;
  /** Folder of strategy modules (default: the project's strategies/). */
  readonly strategies?: string;
}

/** Flags after validation. */
export interface RunFlags {
  /** Venue override. */
  readonly venue?: "sim" | "ibkr";
  /** Data override: synthetic, or CSV from a file or folder. */
  readonly data?: { readonly kind: "synthetic" } | { readonly kind: "csv"; readonly path: string };
  /** Synthetic seed override. */
  readonly seed?: number;
  /** Synthetic bars override. */
  readonly bars?: number;
  /** Replay speed override. */
  readonly speed?: "max" | number;
  /** Telemetry log path. */
  readonly log?: string;
  /** The single-SMA graph flags, when no graph file is given. */
  readonly sma?: {
    readonly symbol: string;
    readonly fast: number;
    readonly slow: number;
    readonly size?: number;
    readonly mode?: string;
  };
  /** TWS endpoint overrides. */
  readonly host?: string;
  /** TWS port override. */
  readonly port?: number;
  /** TWS client id override. */
  readonly clientId?: number;
  /** `--live` given. */
  readonly live: boolean;
  /** Stop after this many wall-clock seconds (live runs, or a paced replay). */
  readonly durationSeconds?: number;
}

function numericFlag(
  flag: string,
  text: string,
  accepts: { readonly kind: NumericKind; readonly range: NumericRange; readonly or?: string },
): number {
  const value = numberFromText(text, accepts.kind, accepts.range);
  if (value === undefined) {
    const either = accepts.or === undefined ? "" : `${accepts.or} or `;
    throw new UsageError(
      `--${flag} must be ${either}${describeRange(accepts.kind, accepts.range)}, got ${
        JSON.stringify(text)
      }`,
    );
  }
  return value;
}

function integer(flag: string, text: string | undefined, range: NumericRange): number | undefined {
  return text === undefined ? undefined : numericFlag(flag, text, { kind: "integer", range });
}

/**
 * The host of `--host`: a host name or IP address (IPv6 with or without brackets).
 *
 * @throws {UsageError} for anything else (a port, a space, a list).
 */
export function hostFlag(text: string): string {
  const host = parseHost(text);
  if (host === undefined) {
    throw new UsageError(`--host must be ${HOST_DESCRIPTION} without a port, got "${text}"`);
  }
  return host;
}

function speed(text: string | undefined): "max" | number | undefined {
  if (text === undefined) return undefined;
  if (text === "max") return "max";
  return numericFlag("speed", text, { kind: "number", range: SPEED_RANGE, or: '"max"' });
}

function data(text: string | undefined): RunFlags["data"] {
  if (text === undefined) return undefined;
  if (text === "synthetic") return { kind: "synthetic" };
  if (text.startsWith("csv:") && text.length > 4) return { kind: "csv", path: text.slice(4) };
  throw new UsageError(
    `--data must be "synthetic" or "csv:PATH" (a CSV file or a folder of SYMBOL.csv files), got "${text}"`,
  );
}

/**
 * Validates the flags. A graph file and the single-SMA flags are mutually
 * exclusive; without a graph, `--symbol`, `--fast` and `--slow` are required.
 *
 * @throws {UsageError} naming the bad flag and what is allowed.
 */
export function parseRunFlags(graph: string | undefined, raw: RawRunFlags): RunFlags {
  const smaFlags = ["symbol", "fast", "slow", "size", "mode"] as const;
  const givenSma = smaFlags.filter((flag) => raw[flag] !== undefined);
  if (graph !== undefined && givenSma.length > 0) {
    throw new UsageError(
      `give either a graph file or the single-SMA flags (--${givenSma.join(", --")}), not both`,
    );
  }
  if (
    graph === undefined &&
    (raw.symbol === undefined || raw.fast === undefined || raw.slow === undefined)
  ) {
    throw new UsageError(
      "give a graph file (e.g. graphs/sma_pair.yaml) or --symbol, --fast and --slow for a single SMA strategy",
    );
  }
  if (raw.venue !== undefined && raw.venue !== "sim" && raw.venue !== "ibkr") {
    throw new UsageError(`--venue must be "sim" or "ibkr", got "${raw.venue}"`);
  }
  if (raw.mode !== undefined && raw.mode !== "long_only" && raw.mode !== "long_short") {
    throw new UsageError(`--mode must be "long_only" or "long_short", got "${raw.mode}"`);
  }
  const fast = integer("fast", raw.fast, FAST_RANGE);
  const slow = integer("slow", raw.slow, SLOW_RANGE);
  const size = integer("size", raw.size, SHARES_RANGE);
  return {
    ...(raw.venue === undefined ? {} : { venue: raw.venue }),
    ...(raw.data === undefined ? {} : { data: data(raw.data) }),
    ...(raw.seed === undefined ? {} : { seed: integer("seed", raw.seed, SEED_RANGE) }),
    ...(raw.bars === undefined ? {} : { bars: integer("bars", raw.bars, SYNTHETIC_BARS_RANGE) }),
    ...(raw.speed === undefined ? {} : { speed: speed(raw.speed) }),
    ...(raw.log === undefined ? {} : { log: raw.log }),
    ...(raw.symbol === undefined || fast === undefined || slow === undefined ? {} : {
      sma: {
        symbol: raw.symbol.toUpperCase(),
        fast,
        slow,
        ...(size === undefined ? {} : { size }),
        ...(raw.mode === undefined ? {} : { mode: raw.mode }),
      },
    }),
    ...(raw.host === undefined ? {} : { host: hostFlag(raw.host) }),
    ...(raw.port === undefined ? {} : { port: integer("port", raw.port, PORT_RANGE) }),
    ...(raw.clientId === undefined
      ? {}
      : { clientId: integer("client-id", raw.clientId, CLIENT_ID_RANGE) }),
    ...(raw.duration === undefined
      ? {}
      : { durationSeconds: integer("duration", raw.duration, DURATION_RANGE) }),
    live: raw.live === true,
  };
}

/** Options of {@link applyRunFlags}. */
export interface ApplyRunFlagsOptions {
  /**
   * Receives the warnings about files given with `--data csv:` (rows skipped
   * for missing prices; a file whose name starts with another ticker than the
   * symbol it feeds); the graph loader already warned about the graph's own.
   */
  readonly warn?: (message: string) => void;
}

/**
 * The venue a run uses: the graph's (or, with `--venue`, the other venue's
 * defaults; the sim venue's when there is no graph venue) with `--host`,
 * `--port`, `--client-id`, `--seed`, `--bars`, `--speed` and `--data
 * synthetic` applied. `--data csv:` is left to {@link applyRunFlags}, which
 * lists the files. The one rule both the job and the launcher's permission
 * planner follow.
 *
 * @throws {UsageError} for flags that do not apply to the venue.
 */
export function venueAfterFlags(graphVenue: VenueConfig | undefined, flags: RunFlags): VenueConfig {
  const venueType = flags.venue ?? graphVenue?.type ?? "sim";
  if (venueType === "ibkr") {
    const simOnly = (["data", "seed", "bars", "speed"] as const).filter((f) =>
      flags[f] !== undefined
    );
    if (simOnly.length > 0) {
      throw new UsageError(`--${simOnly.join(", --")} only apply to the sim venue, not to ibkr`);
    }
    const base = graphVenue?.type === "ibkr" ? graphVenue : defaultVenueConfig("ibkr");
    return {
      ...base,
      ...(flags.host === undefined ? {} : { host: flags.host }),
      ...(flags.port === undefined ? {} : { port: flags.port }),
      ...(flags.clientId === undefined ? {} : { clientId: flags.clientId }),
    };
  }
  const ibkrOnly = (["host", "port", "clientId"] as const).filter((f) => flags[f] !== undefined);
  if (ibkrOnly.length > 0) {
    const names = ibkrOnly.map((f) => (f === "clientId" ? "client-id" : f));
    throw new UsageError(`--${names.join(", --")} apply only to the ibkr venue (add --venue ibkr)`);
  }
  const base = graphVenue?.type === "sim" ? graphVenue : defaultVenueConfig("sim");
  return {
    ...base,
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.bars === undefined ? {} : { bars: flags.bars }),
    ...(flags.speed === undefined ? {} : { speed: flags.speed }),
    ...(flags.data?.kind === "synthetic" ? { feed: "synthetic" as const } : {}),
  };
}

/**
 * Applies the flags to a validated graph and returns the graph to run. Sim
 * flags on an IBKR venue (and the reverse) are usage errors; `--data
 * csv:FOLDER` maps each symbol to `FOLDER/SYMBOL.csv`, `--data csv:FILE` needs
 * a graph with exactly one symbol. A CSV replay (from the graph or `--data`)
 * runs at its files' bar spacing unless the graph sets `settings.bar_size`,
 * which must then fit the files (see withDataBarSize).
 *
 * @throws {UsageError} for flags that do not apply to the venue.
 * @throws {UserError} for missing or malformed CSV files, and a bar size that does not fit them.
 */
export async function applyRunFlags(
  graph: StrategyGraphConfig,
  flags: RunFlags,
  options: ApplyRunFlagsOptions = {},
): Promise<StrategyGraphConfig> {
  const after = venueAfterFlags(graph.venue, flags);
  if (after.type === "ibkr") return { ...graph, venue: after };
  let venue: SimVenueConfig = after;
  if (flags.data?.kind === "csv") {
    venue = {
      ...venue,
      feed: "csv",
      csv: await csvDataFiles(flags.data.path, graph.symbols, options.warn),
    };
  }
  return await withDataBarSize({ ...graph, venue }, flags.data?.kind === "csv" ? options : {});
}
