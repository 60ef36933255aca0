/**
 * The launcher: what `deno task run|validate|history` starts. It parses the
 * command line with the same commands as the job (one definition of every
 * flag), derives the narrowest permission set from the flags and the graph,
 * and runs the job in a child `deno run` with exactly that set
 * (`--print-permissions` prints it instead). The launcher itself may only
 * read and start Deno; it never imports a strategy module.
 *
 * @module
 */
import type { Command } from "commander";
import type { EnvReader } from "../config/safety_limits.ts";
import { type CliIo, PROCESS_IO, runCli } from "../cli/cli.ts";
import { COMMANDS } from "../cli/commands.ts";
import type { HistoryFlags } from "../cli/history.ts";
import { parseRunFlags, type RawRunFlags } from "../cli/run_options.ts";
import { planHistory } from "./history_permissions.ts";
import { formatPermissions, type JobPlan } from "./job_permissions.ts";
import { type PlanContext, PROJECT_DIR } from "./plan_context.ts";
import { planRun } from "./run_permissions.ts";
import { jobCommandLine, startJob } from "./start_job.ts";
import { planValidate } from "./validate_permissions.ts";
// The strategy API, imported so that every module it offers strategies is in Deno's cache before
// a job starts: jobs load only cached modules (see start_job.ts).
import "../mod.ts";

/** `arg` quoted for a POSIX shell when it holds anything but safe characters. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** The option the launcher adds to every command. */
const PRINT_FLAG = "--print-permissions";

/** Derives the plan of one command from its parsed arguments and options. */
type Planner = (
  args: readonly unknown[],
  options: Record<string, unknown>,
  context: PlanContext,
) => Promise<JobPlan>;

const PLANNERS: Readonly<Record<string, Planner>> = {
  run: (args, options, context) => {
    const graph = args[0] as string | undefined;
    const flags = parseRunFlags(graph, options as RawRunFlags);
    const strategiesDir = options.strategies as string | undefined;
    return planRun({
      ...(graph === undefined ? {} : { graph }),
      flags,
      ...(strategiesDir === undefined ? {} : { strategiesDir }),
    }, context);
  },
  validate: (args, options, context) =>
    planValidate({
      paths: args[0] as string[],
      ...(options.schema === true ? { schema: true } : {}),
      ...(options.json === true ? { json: true } : {}),
      ...(typeof options.strategies === "string" ? { strategiesDir: options.strategies } : {}),
    }, context),
  // commander's option values are untyped; the history command declares exactly these options.
  history: (args, options, context) =>
    planHistory({ symbol: args[0] as string, flags: options as unknown as HistoryFlags }, context),
};

/** The environment variables the launcher reads (see the tasks in deno.json). */
const LAUNCHER_ENV = ["INIT_CWD", "IBKR_LIVE_ACK", "LOG_TOKENS", "LOG_STREAM"];

/**
 * Why this process cannot act as the launcher (the first permission of its
 * own set that was not granted, and how to start it), or undefined.
 */
export async function launcherPermissionProblem(): Promise<string | undefined> {
  const missing = await missingLauncherPermission();
  return missing === undefined ? undefined : `the launcher lacks ${missing}: start it with ` +
    `\`deno task run|validate|history ...\` (it needs --allow-read --allow-run=deno ` +
    `--allow-env=${LAUNCHER_ENV.join(",")})`;
}

/** The first permission of the launcher's own set that was not granted, described; or undefined. */
async function missingLauncherPermission(): Promise<string | undefined> {
  const wanted: Array<[Deno.PermissionDescriptor, string]> = [
    [{ name: "read" }, "read access"],
    [{ name: "run", command: "deno" }, "permission to start deno"],
    ...LAUNCHER_ENV.map((variable): [Deno.PermissionDescriptor, string] => [
      { name: "env", variable },
      `access to the environment variable ${variable}`,
    ]),
  ];
  for (const [descriptor, what] of wanted) {
    if ((await Deno.permissions.query(descriptor)).state !== "granted") return what;
  }
  return undefined;
}

/** Options of {@link launch} (defaults: the process's streams, environment and folder). */
export interface LaunchOptions {
  /** Output streams. */
  readonly io?: CliIo;
  /** Environment reader. */
  readonly env?: EnvReader;
  /** The user's folder; default `INIT_CWD` (set by `deno task`) or the working directory. */
  readonly cwd?: string;
  /** Runs the job; default {@link startJob}. */
  readonly start?: typeof startJob;
}

/**
 * Parses `argv`, derives the job's permissions and runs it (or prints them
 * with `--print-permissions`); returns the exit code. Bad flags and bad paths
 * are reported here, before any job starts.
 */
export async function launch(
  argv: readonly string[],
  options: LaunchOptions = {},
): Promise<number> {
  const io = options.io ?? PROCESS_IO;
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const cwd = options.cwd ?? env("INIT_CWD") ?? Deno.cwd();
  const start = options.start ?? startJob;
  let jobExitCode = 0;
  const configure = (program: Command) => {
    for (const command of program.commands) {
      const planner = PLANNERS[command.name()];
      if (planner === undefined) continue;
      command.option(PRINT_FLAG, "print the permissions this job gets, and exit");
      command.action(async (...received: unknown[]) => {
        const self = received.at(-1) as Command;
        const parsed = self.opts();
        const context: PlanContext = {
          cwd,
          projectDir: PROJECT_DIR,
          env,
          now: new Date(),
          printing: parsed.printPermissions === true,
        };
        const plan = await planner(self.processedArgs, parsed, context);
        const args = argv.filter((arg) => arg !== PRINT_FLAG);
        const job = { args, projectDir: PROJECT_DIR };
        if (parsed.printPermissions === true) {
          const line = jobCommandLine(plan, job).map(shellQuote).join(" ");
          io.stdout(`${formatPermissions(plan)}as:\n  deno ${line}\n`);
          return;
        }
        jobExitCode = await start(plan, { ...job, cwd });
      });
    }
  };
  const code = await runCli(argv, { commands: COMMANDS, io, env, configure });
  return Math.max(code, jobExitCode);
}
