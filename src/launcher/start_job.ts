/**
 * Starts a job: `deno run` on the job entry with exactly the plan's
 * permissions, in the user's folder, with the user's arguments. The launcher
 * passes SIGINT and SIGTERM on to the job (which stops cleanly) and ends with
 * the job's exit code.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { denoPermissionFlags, type JobPlan } from "./job_permissions.ts";

/** The `deno` arguments that run `plan` with the user's `args`. */
export function jobCommandLine(
  plan: JobPlan,
  args: readonly string[],
  projectDir: string,
): string[] {
  return [
    "run",
    `--config=${join(projectDir, "deno.json")}`,
    ...denoPermissionFlags(plan.permissions),
    join(projectDir, "src", "cli", "job_main.ts"),
    ...args,
    ...plan.extraArgs,
  ];
}

/** Exit code of a process ended by `signal`, as shells report it. */
function signalExitCode(signal: Deno.Signal | null): number | undefined {
  if (signal === null) return undefined;
  const numbers: Partial<Record<Deno.Signal, number>> = { SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return 128 + (numbers[signal] ?? 1);
}

/**
 * Runs the job and returns its exit code.
 *
 * @throws {UserError} when the launcher itself may not start Deno (it was not
 * started by `deno task`).
 */
export async function startJob(
  plan: JobPlan,
  args: readonly string[],
  where: { readonly cwd: string; readonly projectDir: string },
): Promise<number> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("deno", {
      args: jobCommandLine(plan, args, where.projectDir),
      cwd: where.cwd,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotCapable) && !(error instanceof Deno.errors.NotFound)) {
      throw error;
    }
    throw new UserError(
      `cannot start the ${plan.command} job: start it with \`deno task ${plan.command} ...\` ` +
        `(the launcher needs --allow-read --allow-run=deno and deno on the PATH)`,
    );
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
