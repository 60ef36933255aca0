/**
 * The permissions of a `run` job: read the project code, the graph and the
 * data it names; write its telemetry log only; connect to nothing on the sim
 * venue and to exactly the configured `host:port` on IBKR; read the run's
 * environment variables.
 *
 * @module
 */
import { basename, extname, resolve } from "node:path";
import { RUN_ENV_VARIABLES } from "../cli/env_variables.ts";
import { defaultLogPath, LIVE_ACK_ENV } from "../cli/run.ts";
import { type RunFlags, venueAfterFlags } from "../cli/run_options.ts";
import { MAX_GRAPH_FILE_BYTES } from "../config/value_ranges.ts";
import { GraphValidationError, UserError } from "../errors.ts";
import { netAddress } from "../model/net_address.ts";
import { LIVE_PORTS } from "../risk/live_trading_guard.ts";
import { readGraphFacts } from "./graph_facts.ts";
import type { JobPlan } from "./job_permissions.ts";
import {
  checkNoTilde,
  checkWriteTarget,
  codeFolders,
  displayPath,
  type PlanContext,
} from "./plan_context.ts";

/** Refuses a live port without `--live` and the acknowledgement, before anything starts. */
function checkLivePort(address: string, port: number, flags: RunFlags, context: PlanContext) {
  if (!LIVE_PORTS.has(port)) return;
  if (!flags.live) {
    throw new UserError(
      `${address} is a live-trading port (TWS 7496, IB Gateway 4001): add --live and set ` +
        `${LIVE_ACK_ENV}=<live account id> to trade real money, or use a paper port (7497, 4002)`,
    );
  }
  if ((context.env(LIVE_ACK_ENV) ?? "") === "") {
    throw new UserError(
      `--live on ${address} also needs ${LIVE_ACK_ENV}=<live account id> in the environment`,
    );
  }
}

/** What `run` was given: the graph path (none for the single-SMA flags), the flags, `--strategies`. */
export interface RunInvocation {
  /** The graph file as typed. */
  readonly graph?: string;
  /** The flags, already checked by `parseRunFlags`. */
  readonly flags: RunFlags;
  /** `--strategies`. */
  readonly strategiesDir?: string;
}

/**
 * The plan of `run [graph]`.
 *
 * @throws {GraphValidationError} for a graph the job would refuse before
 * looking at any strategy (YAML syntax, a size limit), located as the job does.
 * @throws {UserError} for a live port without `--live` and `IBKR_LIVE_ACK`, a
 * log file whose folder does not exist, or a log that is one of the inputs.
 */
export async function planRun(invocation: RunInvocation, context: PlanContext): Promise<JobPlan> {
  const { graph, flags } = invocation;
  if (graph !== undefined) checkNoTilde(graph, "the graph");
  if (flags.log !== undefined) checkNoTilde(flags.log, "--log");
  if (flags.data?.kind === "csv") checkNoTilde(flags.data.path, "--data csv:");
  if (invocation.strategiesDir !== undefined) {
    checkNoTilde(invocation.strategiesDir, "--strategies");
  }
  const facts = graph === undefined
    ? undefined
    : await readGraphFacts(graph, { cwd: context.cwd, maxBytes: MAX_GRAPH_FILE_BYTES });
  if (facts?.refusal !== undefined) throw new GraphValidationError(facts.refusal);
  const venue = venueAfterFlags(facts?.venue, flags);
  const reasons = ["read the project's code: src/ and the strategy modules"];
  const read = codeFolders(context, invocation.strategiesDir);
  if (facts !== undefined) {
    read.push(facts.file);
    reasons.push(`read the graph ${displayPath(context.cwd, facts.file)}`);
  }
  if (venue.type === "sim" && flags.data?.kind === "csv") {
    read.push(resolve(context.cwd, flags.data.path));
    reasons.push(`read the data named by --data csv:${flags.data.path}`);
  } else if (venue.type === "sim" && flags.data === undefined && facts !== undefined) {
    read.push(...facts.csvFiles);
    if (facts.csvFiles.length > 0) reasons.push("read the CSV files of venue.csv");
  }
  const net: string[] = [];
  if (venue.type === "ibkr") {
    const address = netAddress(venue.host, venue.port);
    try {
      checkLivePort(address, venue.port, flags, context);
    } catch (error) {
      if (context.printing !== true || !(error instanceof UserError)) throw error;
      reasons.push(`NOT STARTED as given: ${error.message}`);
    }
    net.push(address);
    reasons.push(`connect to TWS / IB Gateway at ${address} (venue.host/port, --host/--port)`);
  } else {
    reasons.push("no network: the sim venue needs none");
  }
  const graphName = facts?.name ??
    (graph === undefined ? "default_graph" : basename(graph, extname(graph)));
  const log = flags.log === undefined
    ? resolve(context.projectDir, defaultLogPath(graphName, context.now))
    : resolve(context.cwd, flags.log);
  await checkWriteTarget({ path: log, what: "telemetry log", flag: "--log" }, read);
  reasons.push(`write this run's telemetry log ${displayPath(context.cwd, log)} and nothing else`);
  return {
    command: "run",
    permissions: { read, write: [log], net, env: [...RUN_ENV_VARIABLES] },
    extraArgs: flags.log === undefined ? ["--log", displayPath(context.cwd, log)] : [],
    reasons,
  };
}
