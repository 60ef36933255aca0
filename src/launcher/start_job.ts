/**
 * Starts a job: `deno run` on the job entry with exactly the plan's
 * permissions, in the user's folder, with the user's arguments. The job may
 * load only modules already in Deno's cache and may not change deno.lock
 * (`--cached-only --frozen`), so no strategy can fetch code, or send data out
 * through an import URL. The launcher passes SIGINT and SIGTERM on to the job
 * (which stops cleanly) and ends with the job's exit code.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { denoPermissionFlags, type JobPlan } from "./job_permissions.ts";

/** The user's arguments and the project the job runs from. */
export interface JobArguments {
  /** The user's arguments, starting with the command name. */
  readonly args: readonly string[];
  /** The project's root folder. */
  readonly projectDir: string;
}

/**
 * The `deno` arguments that run `plan`: the plan's extra arguments go right
 * after the command name, so they stay options even when the user's
 * arguments hold a `--`.
 *
 * @throws {UserError} for a permission entry Deno cannot express.
 */
export function jobCommandLine(plan: JobPlan, job: JobArguments): string[] {
  const at = job.args.indexOf(plan.command);
  const args = at === -1
    ? [...job.args, ...plan.extraArgs]
    : [...job.args.slice(0, at + 1), ...plan.extraArgs, ...job.args.slice(at + 1)];
  return [
    "run",
    `--config=${join(job.projectDir, "deno.json")}`,
    "--cached-only",
    "--frozen",
    ...denoPermissionFlags(plan.permissions),
    join(job.projectDir, "src", "cli", "job_main.ts"),
    ...args,
  ];
}

/** Signal numbers of the signals a job is commonly ended by, for shell-style exit codes. */
const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
};

/** Exit code of a process ended by `signal`, as shells report it (128 + its number). */
function signalExitCode(signal: Deno.Signal | null): number | undefined {
  if (signal === null) return undefined;
  return 128 + (SIGNAL_NUMBERS[signal] ?? 0);
}

/**
 * Runs the job and returns its exit code.
 *
 * @throws {UserError} when Deno cannot be started (not on the PATH).
 */
export async function startJob(
  plan: JobPlan,
  job: JobArguments & { readonly cwd: string },
): Promise<number> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("deno", {
      args: jobCommandLine(plan, job),
      cwd: job.cwd,
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UserError(`cannot start the ${plan.command} job: deno is not on the PATH`);
    }
    if (error instanceof Error && /argument list too long/i.test(error.message)) {
      throw new UserError(
        `cannot start the ${plan.command} job: its permission list is too long for one ` +
          `command line; name fewer files, or folders that hold them`,
      );
    }
    throw error;
  }
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  const forwarders = signals.map((signal) => {
    const forward = () => {
      try {
        child.kill(signal);
      } catch {
        // The job has already ended.
      }
    };
    Deno.addSignalListener(signal, forward);
    return [signal, forward] as const;
  });
  try {
    const status = await child.status;
    return signalExitCode(status.signal) ?? status.code;
  } finally {
    for (const [signal, forward] of forwarders) Deno.removeSignalListener(signal, forward);
  }
}
