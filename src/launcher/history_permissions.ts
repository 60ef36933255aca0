/**
 * The permissions of a `history` job: connect to exactly the TWS / IB Gateway
 * `host:port` given, write exactly the output CSV (or, when its folder does
 * not exist yet, that new folder); read only the project code. No strategy
 * code runs in a history job.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { type HistoryFlags, parseHistoryRequest } from "../cli/history.ts";
import type { JobPlan } from "./job_permissions.ts";
import { displayPath, type PlanContext } from "./plan_context.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** The outermost folder of `path`'s parents that does not exist yet, or undefined. */
async function outermostMissingFolder(path: string): Promise<string | undefined> {
  let missing: string | undefined;
  for (let folder = dirname(path); !(await exists(folder)); folder = dirname(folder)) {
    missing = folder;
    if (dirname(folder) === folder) break;
  }
  return missing;
}

/**
 * The plan of `history SYMBOL` with `flags`.
 *
 * @throws {UsageError} for invalid arguments (checked before anything starts).
 */
export async function planHistory(
  symbol: string,
  flags: HistoryFlags,
  context: PlanContext,
): Promise<JobPlan> {
  const request = parseHistoryRequest(symbol, flags);
  const out = resolve(context.cwd, request.out);
  const newFolder = await outermostMissingFolder(out);
  const address = `${request.host}:${request.port}`;
  return {
    command: "history",
    permissions: {
      read: [resolve(context.projectDir, "src")],
      write: [newFolder ?? out],
      net: [address],
      env: [],
    },
    extraArgs: [],
    reasons: [
      "read the project's code: src/",
      `connect to TWS / IB Gateway at ${address} (--host/--port)`,
      newFolder === undefined
        ? `write ${displayPath(context.cwd, out)} and nothing else`
        : `create ${displayPath(context.cwd, newFolder)} (it does not exist yet) and write ${
          displayPath(context.cwd, out)
        } in it`,
    ],
  };
}
