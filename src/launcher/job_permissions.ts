/**
 * The permissions one job (a `run`, `validate` or `history` invocation) gets:
 * the narrowest set the launcher derives from the command line and the graph,
 * as `deno run` flags and as a readable list.
 *
 * @module
 */

/** What a job may touch. Paths are absolute; hosts are `host:port`. */
export interface JobPermissions {
  /** Files and folders the job may read. */
  readonly read: readonly string[];
  /** Files the job may create or append to. */
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
  /** Arguments appended to the user's (e.g. the default `--log` path chosen now). */
  readonly extraArgs: readonly string[];
  /** Why each permission is there, one line each, for `--print-permissions`. */
  readonly reasons: readonly string[];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The `deno run` permission flags of `permissions`: one `--allow-*` flag per
 * non-empty kind, none for an empty one (so an empty `net` means no network),
 * and `--no-prompt` so a missing permission fails instead of asking.
 *
 * @example
 * ```ts
 * denoPermissionFlags({ read: ["/p/src"], write: [], net: [], env: ["A"] });
 * // ["--no-prompt", "--allow-read=/p/src", "--allow-env=A"]
 * ```
 */
export function denoPermissionFlags(permissions: JobPermissions): string[] {
  const flags = ["--no-prompt"];
  const kinds = [
    ["read", permissions.read],
    ["write", permissions.write],
    ["net", permissions.net],
    ["env", permissions.env],
  ] as const;
  for (const [kind, values] of kinds) {
    if (values.length > 0) flags.push(`--allow-${kind}=${unique(values).join(",")}`);
  }
  return flags;
}

/** The permission set as readable lines, e.g. for `--print-permissions`. */
export function formatPermissions(plan: JobPlan): string {
  const { read, write, net, env } = plan.permissions;
  const list = (values: readonly string[], none: string) =>
    values.length === 0 ? `  ${none}\n` : unique(values).map((v) => `  ${v}\n`).join("");
  return `${plan.command} runs with exactly these permissions:\n` +
    `read:\n${list(read, "nothing")}` +
    `write:\n${list(write, "nothing")}` +
    `net:\n${list(net, "none (no socket can be opened)")}` +
    `env:\n${list(env, "none")}` +
    `run, ffi, sys: none\n` +
    (plan.reasons.length === 0 ? "" : `because:\n${plan.reasons.map((r) => `  ${r}\n`).join("")}`);
}
