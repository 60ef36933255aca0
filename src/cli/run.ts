/**
 * `run [graph]`: runs a strategy graph (or a single SMA strategy from flags)
 * on the simulated venue or Interactive Brokers, writes every event to a JSONL
 * log, and prints a per-strategy summary.
 *
 * Exit codes: 0 for a clean stop (end of data, SIGINT, SIGTERM), 1 for invalid
 * input, a failed start or a strategy that threw, 2 for usage errors.
 *
 * @module
 */
import type { Command } from "commander";
import { createTradingBus } from "../bus/mod.ts";
import {
  graphFromObject,
  type LoadedGraph,
  loadGraphFile,
  singleSmaGraph,
  strategyFolders,
} from "../config/mod.ts";
import { type RunResult, StartupError, StrategyCoordinator } from "../coordinator/mod.ts";
import { InvalidEnvironmentError, UserError } from "../errors.ts";
import { formatProblem } from "../config/mod.ts";
import { LiveTradingGuard } from "../risk/mod.ts";
import { barSizeMs } from "../model/mod.ts";
import { JsonlTelemetryWriter } from "../telemetry/mod.ts";
import { type CliCommand, type CliContext, EXIT_INVALID } from "./cli.ts";
import { createVenue } from "./_venue_factory.ts";
import { onEscapedDenial } from "./escaped_denials.ts";
import { applyRunFlags, parseRunFlags, type RawRunFlags, type RunFlags } from "./run_options.ts";
import { ClipNotes } from "./clip_notes.ts";
import { replayPaceWarning } from "./replay_pace.ts";
import { describeRun } from "./run_header.ts";
import { formatSummaryTable } from "./summary_table.ts";

/** Environment switch of the strategy coordinator (the seed's rolling feature toggle). */
export const COORDINATOR_TOGGLE_ENV = "IBKR_ENABLE_STRATEGY_COORDINATOR";
/** Environment variable whose value must equal a live account's id for live trading. */
export const LIVE_ACK_ENV = "IBKR_LIVE_ACK";
/** Folder of the default telemetry logs. */
export const DEFAULT_LOG_DIR = "logs";

/**
 * Reads IBKR_ENABLE_STRATEGY_COORDINATOR: unset, true/1/yes/on enable the
 * coordinator; false/0/no/off limit runs to single-strategy graphs.
 *
 * @throws {InvalidEnvironmentError} for any other value.
 */
export function coordinatorEnabled(value: string | undefined): boolean {
  if (value === undefined || value.trim() === "") return true;
  const normalized = value.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(normalized)) return true;
  if (["false", "0", "no", "off"].includes(normalized)) return false;
  throw new InvalidEnvironmentError(
    COORDINATOR_TOGGLE_ENV,
    `${COORDINATOR_TOGGLE_ENV} must be true or false (also 1/0, yes/no, on/off), got "${value}"`,
  );
}

/** The default log path of a run: `logs/<graph name>-<UTC time>.jsonl`. */
export function defaultLogPath(graphName: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.(\d+)Z$/, "$1Z");
  return `${DEFAULT_LOG_DIR}/${graphName}-${stamp}.jsonl`;
}

async function loadGraph(
  graphPath: string | undefined,
  flags: RunFlags,
  context: CliContext,
  strategiesDir: string | readonly string[],
): Promise<LoadedGraph> {
  const options = {
    env: context.env,
    strategiesDir,
    // Data or venue from the command line: the graph's own CSV files are not this run's.
    readDataFiles: flags.data === undefined && flags.venue !== "ibkr",
  };
  const loaded = graphPath !== undefined
    ? await loadGraphFile(graphPath, options)
    : await graphFromObject(singleSmaGraph(flags.sma!), { ...options, label: "<command line>" });
  for (const warning of loaded.warnings) context.io.stderr(`${formatProblem(warning)}\n`);
  if (
    !coordinatorEnabled(context.env(COORDINATOR_TOGGLE_ENV)) && loaded.config.strategies.length > 1
  ) {
    throw new UserError(
      `${COORDINATOR_TOGGLE_ENV}=false limits runs to single-strategy graphs, but ${loaded.file} has ` +
        `${loaded.config.strategies.length} strategies (${
          loaded.config.strategies.map((s) => s.id).join(", ")
        }); unset it to run them together`,
    );
  }
  return loaded;
}

async function openLog(
  path: string,
  bus: ReturnType<typeof createTradingBus>,
): Promise<JsonlTelemetryWriter> {
  try {
    return await JsonlTelemetryWriter.open(bus, path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) {
      throw new UserError(
        `cannot write the telemetry log ${path}: this run may write only the log the launcher ` +
          `granted; start it with \`deno task run ... --log ${path}\``,
      );
    }
    if (error instanceof Deno.errors.NotFound) {
      throw new UserError(
        `cannot write the telemetry log ${path}: its folder does not exist (create it first)`,
      );
    }
    throw new UserError(
      `cannot open the telemetry log ${path}: ${error instanceof Error ? error.message : error}`,
    );
  }
}

function onSignals(handler: (signal: Deno.Signal) => void): () => void {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const listeners = signals.map((signal) => {
    const listener = () => handler(signal);
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
  };
}

/** Options of the run command (defaults suit the project layout). */
export interface RunCommandOptions {
  /** Folder(s) of strategy modules (default: the project's). */
  readonly strategiesDir?: string | readonly string[];
}

/** Builds the `run` command. */
export function createRunCommand(options: RunCommandOptions = {}): CliCommand {
  return {
    name: "run",
    register(program: Command, context: CliContext): void {
      program
        .command("run")
        .description("run a strategy graph (simulated venue unless the graph or --venue says ibkr)")
        .argument("[graph]", "graph file, e.g. graphs/sma_pair.yaml")
        .option("--venue <venue>", "sim or ibkr (overrides the graph)")
        .option(
          "--data <source>",
          "sim data: synthetic, or csv:PATH (a CSV file or a folder of SYMBOL.csv)",
        )
        .option("--seed <n>", "synthetic feed seed")
        .option("--bars <n>", "synthetic bars per symbol")
        .option("--speed <speed>", "replay speed: max, or a real-time multiplier such as 60")
        .option(
          "--log <path>",
          `telemetry JSONL path (default ${DEFAULT_LOG_DIR}/<graph>-<time>.jsonl)`,
        )
        .option("--symbol <symbol>", "without a graph: trade one SMA strategy on this symbol")
        .option("--fast <n>", "without a graph: fast SMA period")
        .option("--slow <n>", "without a graph: slow SMA period")
        .option("--size <n>", "without a graph: position size in shares")
        .option("--mode <mode>", "without a graph: long_only or long_short")
        .option("--host <host>", "TWS / IB Gateway host (ibkr)")
        .option("--port <port>", "TWS / IB Gateway port (ibkr)")
        .option("--client-id <id>", "TWS API client id (ibkr)")
        .option(
          "--duration <seconds>",
          "stop after this many seconds of wall time (e.g. a live session)",
        )
        .option("--live", `allow a live account; also needs ${LIVE_ACK_ENV}=<account id>`)
        .option("--strategies <dir>", "a folder of your own strategy modules, besides strategies/")
        .action(async (graphPath: string | undefined, raw: RawRunFlags) => {
          const flags = parseRunFlags(graphPath, raw);
          const loaded = await loadGraph(
            graphPath,
            flags,
            context,
            strategyFolders(options.strategiesDir, raw.strategies),
          );
          const graph = await applyRunFlags(loaded.config, flags, {
            warn: (message) => context.io.stderr(`${message}\n`),
          });
          if (graph.venue.type === "sim") {
            const { barSize } = graph.settings;
            const pace = replayPaceWarning(barSizeMs(barSize), graph.venue.speed, barSize);
            if (pace !== undefined) context.io.stderr(`${pace}\n`);
          }
          const venue = await createVenue(graph);
          const logPath = flags.log ?? defaultLogPath(graph.name);
          const bus = createTradingBus();
          const writer = await openLog(logPath, bus);
          const clips = new ClipNotes();
          clips.listen(bus);
          const coordinator = new StrategyCoordinator({
            graph,
            definitions: loaded.definitions,
            venue,
            liveGuard: new LiveTradingGuard({
              liveFlag: flags.live,
              ...(context.env(LIVE_ACK_ENV) === undefined
                ? {}
                : { acknowledgement: context.env(LIVE_ACK_ENV) }),
            }),
            bus,
          });
          const removeSignals = onSignals((signal) => coordinator.requestStop(`signal:${signal}`));
          let escapedDenial: string | undefined;
          const removeDenials = onEscapedDenial((line) => {
            escapedDenial ??= line;
            coordinator.requestStop("permission_denied");
          });
          const timer = flags.durationSeconds === undefined
            ? undefined
            : setTimeout(() => coordinator.requestStop("duration"), flags.durationSeconds * 1000);
          let result: RunResult;
          try {
            result = await coordinator.execute();
          } catch (error) {
            if (error instanceof StartupError) {
              throw new UserError(
                `${graph.name} did not start: ${error.message}\ntelemetry: ${logPath}`,
              );
            }
            throw error;
          } finally {
            clearTimeout(timer);
            removeSignals();
            removeDenials();
            writer.close();
          }
          context.io.stdout(
            `${describeRun(graph, result)}\n${
              formatSummaryTable(result.summaries)
            }${clips.format()}`,
          );
          context.io.stdout(`\ntelemetry: ${logPath} (${writer.lineCount} events)\n`);
          if (escapedDenial !== undefined) {
            context.io.stderr(`run halted: ${escapedDenial}\n`);
            context.setExitCode(EXIT_INVALID);
          }
          if (result.failure !== undefined) {
            context.io.stderr(`run halted: ${result.failure.message}\n`);
            context.setExitCode(EXIT_INVALID);
          }
        });
    },
  };
}

/** The `run` command with the project's folders. */
export const runCommand: CliCommand = createRunCommand();
