/**
 * What every permission planner is given: where the user is, where the
 * project is, the environment and the time.
 *
 * @module
 */
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EnvReader } from "../config/safety_limits.ts";
import { DEFAULT_STRATEGIES_DIR } from "../config/strategy_registry.ts";
import { UserError } from "../errors.ts";

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
}

/** The folders of project code every job may read: the sources and the strategy modules. */
export function codeFolders(context: PlanContext, strategiesDir: string | undefined): string[] {
  return [
    resolve(context.projectDir, "src"),
    strategiesDir === undefined ? DEFAULT_STRATEGIES_DIR.replace(/\/$/, "") : resolve(
      context.cwd,
      strategiesDir,
    ),
  ];
}

/** `path` as the user would type it from `cwd`: relative when inside, absolute otherwise. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

/**
 * Checks that a file the job will write can be created: its folder exists and
 * the path is not a folder. The job may write only that file, so it cannot
 * create folders.
 *
 * @throws {UserError} naming the path and what to do.
 */
export async function checkWritableFile(path: string, what: string, flag: string): Promise<void> {
  const folder = dirname(path);
  try {
    if (!(await Deno.stat(folder)).isDirectory) {
      throw new UserError(`cannot write the ${what} ${path}: ${folder} is not a folder`);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new UserError(
      `cannot write the ${what} ${path}: the folder ${folder} does not exist ` +
        `(create it with: mkdir -p ${folder}, or choose another ${flag})`,
    );
  }
  try {
    if ((await Deno.stat(path)).isDirectory) {
      throw new UserError(
        `cannot write the ${what} ${path}: it is a folder (${flag} takes a file)`,
      );
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
