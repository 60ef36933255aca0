/**
 * The permissions one job (a `run`, `validate` or `history` invocation) gets:
 * the narrowest set the launcher derives from the command line and the graph,
 * as `deno run` flags and as a readable list.
 *
 * @module
 */
import { UserError } from "../errors.ts";

/** What a job may touch. Paths are absolute; hosts are `host:port` (IPv6 in brackets). */
export interface JobPermissions {
  /** Files and folders the job may read. */
  readonly read: readonly string[];
  /** Files (or folders still to be created) the job may write. */
  readonly write: readonly string[];
  /** `host:port` the job may connect to; empty: no network at all. */
  readonly net: readonly string[];
  /** Environment variables the job may read. */
  readonly env: readonly string[];
}

/** A job the launcher starts: its permissions and the arguments it adds to the user's. */
export interface JobPlan {
  /** The command, e.g. `run`. */
  readonly command: string;
  /** The derived permission set. */
  readonly permissions: JobPermissions;
  /** Arguments added right after the command name (e.g. the default `--log` path chosen now). */
  readonly extraArgs: readonly string[];
  /** Why each permission is there, one line each, for `--print-permissions`. */
  readonly reasons: readonly string[];
}

/** Whether `path` is `folder` or inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith("/") ? folder : `${folder}/`);
}

/** `paths` without duplicates and without entries inside another entry (a folder grants them). */
export function withoutCovered(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((path) => !unique.some((other) => other !== path && isWithin(path, other)));
}

/**
 * Deno's permission lists are comma-separated with no escape, so an entry
 * holding a comma would silently grant two entries (`a,b` -> `a` and `b`).
 *
 * @throws {UserError} naming the entry.
 */
function checkEntry(kind: string, entry: string): void {
  if (entry.includes(",")) {
    throw new UserError(
      `cannot grant ${kind} access to "${entry}": Deno's permission lists cannot hold a comma; ` +
        `rename or move it`,
    );
  }
  if (entry === "") throw new UserError(`cannot grant ${kind} access to an empty name`);
}

/**
 * The `deno run` permission flags of `permissions`: one `--allow-*` flag per
 * non-empty kind, none for an empty one (so an empty `net` means no network),
 * and `--no-prompt` so a missing permission fails instead of asking.
 *
 * @throws {UserError} for an entry Deno's flag syntax cannot express (a comma).
 * @example
 * ```ts
 * denoPermissionFlags({ read: ["/p/src"], write: [], net: [], env: ["A"] });
 * // ["--no-prompt", "--allow-read=/p/src", "--allow-env=A"]
 * ```
 */
export function denoPermissionFlags(permissions: JobPermissions): string[] {
  const flags = ["--no-prompt"];
  const kinds = [
    ["read", withoutCovered(permissions.read)],
    ["write", withoutCovered(permissions.write)],
    ["net", [...new Set(permissions.net)]],
    ["env", [...new Set(permissions.env)]],
  ] as const;
  for (const [kind, values] of kinds) {
    for (const value of values) checkEntry(kind, value);
    if (values.length > 0) flags.push(`--allow-${kind}=${values.join(",")}`);
  }
  return flags;
}

/** The permission set as readable lines, e.g. for `--print-permissions`. */
export function formatPermissions(plan: JobPlan): string {
  const { read, write, net, env } = plan.permissions;
  const list = (values: readonly string[], none: string) =>
    values.length === 0 ? `  ${none}\n` : values.map((v) => `  ${v}\n`).join("");
  return `${plan.command} runs with exactly these permissions:\n` +
    `read:\n${list(withoutCovered(read), "nothing")}` +
    `write:\n${list(withoutCovered(write), "nothing")}` +
    `net:\n${list([...new Set(net)], "none (no socket can be opened)")}` +
    `env:\n${list([...new Set(env)], "none")}` +
    `run, ffi, sys, imports from the network: none\n` +
    (plan.reasons.length === 0 ? "" : `because:\n${plan.reasons.map((r) => `  ${r}\n`).join("")}`);
}
