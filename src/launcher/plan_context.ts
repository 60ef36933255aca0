/**
 * What every permission planner is given (where the user is, where the
 * project is, the environment and the time) and the checks they share.
 *
 * @module
 */
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EnvReader } from "../config/safety_limits.ts";
import { DEFAULT_STRATEGIES_DIR } from "../config/strategy_registry.ts";
import { describeError } from "../error_text.ts";
import { UserError } from "../errors.ts";
import { isWithin } from "./job_permissions.ts";

/** The project's root folder (holds deno.json). */
export const PROJECT_DIR: string = fileURLToPath(new URL("../../", import.meta.url)).replace(
  /\/$/,
  "",
);

/** Inputs of a permission planner. */
export interface PlanContext {
  /** The user's working directory: relative paths on the command line resolve against it. */
  readonly cwd: string;
  /** The project's root folder. */
  readonly projectDir: string;
  /** Environment reader. */
  readonly env: EnvReader;
  /** The time the job is planned (names default log files). */
  readonly now: Date;
  /**
   * Only printing the plan (`--print-permissions`): a refusal that would stop
   * the job (a live port without `--live`) becomes a reason line instead.
   */
  readonly printing?: boolean;
}

/**
 * The code every job may read: the project's sources and strategy modules,
 * and the user's own strategy folder (`--strategies`) when given.
 */
export function codeFolders(context: PlanContext, strategiesDir: string | undefined): string[] {
  const folders = [resolve(context.projectDir, "src"), DEFAULT_STRATEGIES_DIR.replace(/\/$/, "")];
  return strategiesDir === undefined ? folders : [...folders, resolve(context.cwd, strategiesDir)];
}

/**
 * Refuses a path that starts with `~`: the shell expands `~` only at the start
 * of a word, so in `--log=~/x`, `csv:~/x` or a quoted "~/x" it reaches us as
 * a literal folder name, which would be taken relative to the working folder.
 *
 * @throws {UserError} naming the path and the spelling that works.
 */
export function checkNoTilde(path: string, what: string): void {
  if (!path.startsWith("~")) return;
  throw new UserError(
    `${what} ${path}: the shell did not expand ~ here (only at the start of an unquoted word); ` +
      `write $HOME${path.slice(1)} instead`,
  );
}

/** `path` as the user would type it from `cwd`: relative when inside, absolute otherwise. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

/** Deno.stat, undefined when nothing is there; other failures are a {@link UserError} about `what`. */
export async function statOrUndefined(
  path: string,
  what: string,
): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new UserError(`cannot use ${path} as the ${what}: ${describeError(error)}`);
  }
}

/** What a job will write and the flag that names it. */
export interface WriteTarget {
  /** Absolute path. */
  readonly path: string;
  /** What it is, for messages, e.g. `telemetry log`. */
  readonly what: string;
  /** The flag that chooses it, e.g. `--log`. */
  readonly flag: string;
}

/**
 * Checks that a file the job will write is not one of its inputs (the graph,
 * a data file, project code: a run must never append to what it reads) and,
 * unless `mayCreateFolder`, that its folder exists (the job may write only
 * that file, so it cannot create folders).
 *
 * @throws {UserError} naming the path and what to do.
 */
export async function checkWriteTarget(
  target: WriteTarget,
  inputs: readonly string[],
  mayCreateFolder = false,
): Promise<void> {
  const { path, what, flag } = target;
  const real = await Deno.realPath(path).catch(() => path);
  const clash = inputs.find((input) => isWithin(path, input) || isWithin(real, input));
  if (clash !== undefined) {
    throw new UserError(
      `cannot write the ${what} ${path}: it is ${
        clash === path || clash === real ? "an input of this job" : `inside ${clash}, an input`
      } (choose another ${flag})`,
    );
  }
  const info = await statOrUndefined(path, what);
  if (info?.isDirectory === true) {
    throw new UserError(`cannot write the ${what} ${path}: it is a folder (${flag} takes a file)`);
  }
  if (mayCreateFolder) return;
  const folder = dirname(path);
  const folderInfo = await statOrUndefined(folder, `folder of the ${what}`);
  if (folderInfo === undefined) {
    throw new UserError(
      `cannot write the ${what} ${path}: the folder ${folder} does not exist ` +
        `(create it with: mkdir -p ${folder}, or choose another ${flag})`,
    );
  }
  if (!folderInfo.isDirectory) {
    throw new UserError(`cannot write the ${what} ${path}: ${folder} is not a folder`);
  }
}
