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
import { UserError } from "../errors.ts";
import { netAddress } from "../model/net_address.ts";
import type { JobPlan } from "./job_permissions.ts";
import {
  checkNoTilde,
  checkWriteTarget,
  displayPath,
  type PlanContext,
  statOrUndefined,
} from "./plan_context.ts";

/**
 * The outermost folder of `path`'s parents that does not exist yet, or undefined.
 *
 * @throws {UserError} when the nearest existing parent is not a folder.
 */
async function outermostMissingFolder(path: string): Promise<string | undefined> {
  let missing: string | undefined;
  for (let folder = dirname(path); dirname(folder) !== folder; folder = dirname(folder)) {
    const info = await statOrUndefined(folder, "folder of the output CSV");
    if (info === undefined) {
      missing = folder;
      continue;
    }
    if (!info.isDirectory) {
      throw new UserError(`cannot write the output CSV ${path}: ${folder} is not a folder`);
    }
    break;
  }
  return missing;
}

/** What `history` was given. */
export interface HistoryInvocation {
  /** The ticker as typed. */
  readonly symbol: string;
  /** The options as commander parsed them. */
  readonly flags: HistoryFlags;
}

/**
 * The plan of `history SYMBOL`.
 *
 * @throws {UsageError} for invalid arguments, and {@link UserError} for an
 * output path that cannot be written (checked before connecting).
 */
export async function planHistory(
  invocation: HistoryInvocation,
  context: PlanContext,
): Promise<JobPlan> {
  const request = parseHistoryRequest(invocation.symbol, invocation.flags);
  const src = resolve(context.projectDir, "src");
  checkNoTilde(request.out, "--out");
  const out = resolve(context.cwd, request.out);
  const newFolder = await outermostMissingFolder(out);
  await checkWriteTarget(
    { path: out, what: "output CSV", flag: "--out" },
    [src],
    newFolder !== undefined,
  );
  const address = netAddress(request.host, request.port);
  return {
    command: "history",
    permissions: { read: [src], write: [newFolder ?? out], net: [address], env: [] },
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
