/**
 * `history SYMBOL --bar 1d --duration 2Y [--out file.csv]`: downloads
 * historical TRADES bars from TWS / IB Gateway into a CSV file the simulated
 * venue replays (`date,open,high,low,close,volume,wap,count`, IB's layout).
 *
 * Exit codes: 0 written, 1 TWS unreachable or refused the request, 2 usage.
 * Permissions: `--allow-net=HOST:PORT` of TWS and `--allow-write` for the
 * output folder; nothing else (the IB client gets host, port, client id and
 * pacing, so it reads no environment and no files).
 *
 * @module
 */
import { dirname } from "node:path";
import type { Command } from "commander";
import { UsageError, UserError } from "../errors.ts";
import {
  findIbBarSize,
  type HistoricalRow,
  type HistoryClientOptions,
  IB_BAR_SIZES,
  type IbBarSize,
  IbkrHistoryClient,
  normalizeIbDuration,
} from "../venues/ibkr/mod.ts";
import type { CliCommand, CliContext } from "./cli.ts";
import { hostFlag } from "./run_options.ts";
import { describeError } from "../error_text.ts";

/** Default TWS host. */
export const DEFAULT_HISTORY_HOST = "127.0.0.1";
/** Default port: TWS paper trading. */
export const DEFAULT_HISTORY_PORT = 7497;
/** Default client id: apart from the graphs' (1) so it can run next to a trader. */
export const DEFAULT_HISTORY_CLIENT_ID = 99;
/** Folder of the default output file `data/<SYMBOL>_<bar>.csv`. */
export const DEFAULT_HISTORY_DIR = "data";

const SYMBOL_PATTERN = /^[A-Za-z][A-Za-z0-9.]{0,11}$/;
const DAY_MS = 86_400_000;

/** Options of {@link createHistoryCommand} (tests inject the client's timers and factory). */
export interface HistoryCommandOptions {
  /** Extra client options (scheduler, timeouts, createClient). */
  readonly client?: Partial<Omit<HistoryClientOptions, "host" | "port" | "clientId">>;
  /** Current time for dropping an unfinished last bar; default `Date.now`. */
  readonly now?: () => number;
}

/** The history command's options as commander parses them (text, defaults filled in). */
export interface HistoryFlags {
  /** `--bar`: IB bar size. */
  readonly bar: string;
  /** `--duration`: IB duration. */
  readonly duration: string;
  /** `--out`: CSV file. */
  readonly out?: string;
  /** `--host`. */
  readonly host: string;
  /** `--port`. */
  readonly port: string;
  /** `--client-id`. */
  readonly clientId: string;
  /** `--all-hours`. */
  readonly allHours?: boolean;
}

/** Validated arguments of one download. */
export interface HistoryRequest {
  /** Upper-cased ticker. */
  readonly symbol: string;
  /** IB bar size. */
  readonly bar: IbBarSize;
  /** Normalised IB duration, e.g. `2 Y`. */
  readonly duration: string;
  /** Output CSV path. */
  readonly out: string;
  /** TWS host. */
  readonly host: string;
  /** TWS port. */
  readonly port: number;
  /** API client id. */
  readonly clientId: number;
  /** Regular trading hours only. */
  readonly useRth: boolean;
}

function integerFlag(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${name} must be an integer in ${min}..${max}, got "${text}"`);
  }
  return value;
}

/** Checks the arguments; throws {@link UsageError} (exit 2) naming what is wrong. */
export function parseHistoryRequest(symbolText: string, flags: HistoryFlags): HistoryRequest {
  if (!SYMBOL_PATTERN.test(symbolText)) {
    throw new UsageError(`symbol "${symbolText}" is not a ticker (letters, digits, dots)`);
  }
  const bar = findIbBarSize(flags.bar);
  if (bar === undefined) {
    throw new UsageError(
      `--bar "${flags.bar}" is not an IB bar size; use one of ${
        IB_BAR_SIZES.map((size) => size.short).join(", ")
      }`,
    );
  }
  const duration = normalizeIbDuration(flags.duration);
  if (duration === undefined) {
    throw new UsageError(
      `--duration "${flags.duration}" is not an IB duration: a number and S, D, W, M (months) or Y, e.g. 2Y, 6 M, 30 D, 3600 S (at most 86400 S)`,
    );
  }
  const symbol = symbolText.toUpperCase();
  return {
    symbol,
    bar,
    duration,
    out: flags.out ?? `${DEFAULT_HISTORY_DIR}/${symbol}_${bar.short}.csv`,
    host: hostFlag(flags.host),
    port: integerFlag("--port", flags.port, 1, 65_535),
    clientId: integerFlag("--client-id", flags.clientId, 0, 2_147_483_647),
    useRth: flags.allHours !== true,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyyMMdd` for daily and longer bars, else `yyyyMMdd-HH:mm:ss` (UTC). */
export function formatCsvDate(ts: number, barMs: number): string {
  const d = new Date(ts);
  const day = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  if (barMs >= DAY_MS) return day;
  return `${day}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The CSV text: IB's header and one line per bar. */
export function historyCsv(rows: readonly HistoricalRow[], barMs: number): string {
  const lines = ["date,open,high,low,close,volume,wap,count"];
  for (const row of rows) {
    lines.push(
      [
        formatCsvDate(row.ts, barMs),
        row.open,
        row.high,
        row.low,
        row.close,
        row.volume,
        row.wap,
        row.count,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

async function download(
  request: HistoryRequest,
  options: HistoryCommandOptions,
): Promise<HistoricalRow[]> {
  let client: IbkrHistoryClient;
  try {
    client = await IbkrHistoryClient.connect({
      ...options.client,
      host: request.host,
      port: request.port,
      clientId: request.clientId,
    });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await client.download(request.symbol, {
      barSize: request.bar.setting,
      duration: request.duration,
      endDateTime: "",
      useRth: request.useRth,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`history of ${request.symbol} failed: ${message}`);
  } finally {
    await client.close();
  }
}

async function writeCsv(path: string, text: string): Promise<void> {
  try {
    try {
      await Deno.writeTextFile(path, text);
    } catch (error) {
      // The job may write only this file or a folder that does not exist yet, so a
      // folder is created only when it is missing.
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      await Deno.mkdir(dirname(path), { recursive: true });
      await Deno.writeTextFile(path, text);
    }
  } catch (error) {
    throw new UserError(
      `cannot write ${path}: ${describeError(error)}`,
    );
  }
}

/** Builds the `history` command. */
export function createHistoryCommand(options: HistoryCommandOptions = {}): CliCommand {
  return {
    name: "history",
    register(program: Command, context: CliContext): void {
      program
        .command("history")
        .description("download historical bars from TWS / IB Gateway into a CSV for the sim venue")
        .argument("<symbol>", "ticker, e.g. AAPL")
        .requiredOption("--bar <size>", "bar size: 1s..30s, 1m..30m, 1h..8h, 1d, 1w")
        .requiredOption("--duration <duration>", "IB duration, e.g. 2Y, 6 M, 30 D, 3600 S")
        .option("--out <file>", `CSV file (default ${DEFAULT_HISTORY_DIR}/<SYMBOL>_<bar>.csv)`)
        .option("--host <host>", "TWS / Gateway host", DEFAULT_HISTORY_HOST)
        .option(
          "--port <port>",
          "API port (TWS paper 7497, Gateway paper 4002)",
          String(DEFAULT_HISTORY_PORT),
        )
        .option("--client-id <id>", "API client id", String(DEFAULT_HISTORY_CLIENT_ID))
        .option("--all-hours", "include pre- and post-market bars (default: regular hours)")
        .action(async (symbolText: string, flags: HistoryFlags) => {
          const request = parseHistoryRequest(symbolText, flags);
          const now = (options.now ?? Date.now)();
          const rows = (await download(request, options))
            .filter((row) => row.ts + request.bar.ms <= now);
          if (rows.length === 0) {
            throw new UserError(
              `TWS returned no completed ${request.bar.setting} bars of ${request.symbol} for ${request.duration}`,
            );
          }
          await writeCsv(request.out, historyCsv(rows, request.bar.ms));
          context.io.stdout(
            `wrote ${rows.length} ${request.bar.setting} bars of ${request.symbol} (${request.duration}) to ${request.out}\n`,
          );
        });
    },
  };
}

/** The `history` command with default settings. */
export const historyCommand: CliCommand = createHistoryCommand();
