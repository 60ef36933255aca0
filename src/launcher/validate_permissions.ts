/**
 * The permissions of a `validate` job: read the project code, the graph files
 * and folders named (default: the project's graphs/) and the CSV files each
 * graph names (validate reads their headers and first rows); write nothing,
 * except the JSON Schema file with `--schema`; no network.
 *
 * @module
 */
import { resolve } from "node:path";
import { VALIDATE_ENV_VARIABLES } from "../cli/env_variables.ts";
import { DEFAULT_GRAPHS_DIR, DEFAULT_SCHEMA_PATH, findGraphFiles } from "../cli/validate.ts";
import { MAX_GRAPH_FILE_BYTES } from "../config/value_ranges.ts";
import { GraphValidationError } from "../errors.ts";
import { readGraphFacts } from "./graph_facts.ts";
import { isWithin, type JobPlan } from "./job_permissions.ts";
import {
  checkNoTilde,
  checkWriteTarget,
  codeFolders,
  displayPath,
  type PlanContext,
  statOrUndefined,
} from "./plan_context.ts";

async function graphFilesOf(path: string): Promise<string[]> {
  const info = await statOrUndefined(path, "graph or folder of graphs");
  // A missing path is the job's to report, with its own message.
  return info?.isDirectory === true ? await findGraphFiles(path) : [path];
}

/** What `validate` was given. */
export interface ValidateInvocation {
  /** Graph files or folders as typed (none: the project's graphs/). */
  readonly paths: readonly string[];
  /** `--schema`. */
  readonly schema?: boolean;
  /** `--strategies`. */
  readonly strategiesDir?: string;
  /** `--json`: the report is the job's to print. */
  readonly json?: boolean;
}

/**
 * The plan of `validate [paths...]`.
 *
 * @throws {GraphValidationError} when the only graph named would be refused on
 * its shape (YAML syntax, a size limit), reported as the job would.
 */
export async function planValidate(
  invocation: ValidateInvocation,
  context: PlanContext,
): Promise<JobPlan> {
  for (const path of invocation.paths) checkNoTilde(path, "the graph");
  if (invocation.strategiesDir !== undefined) {
    checkNoTilde(invocation.strategiesDir, "--strategies");
  }
  const read = codeFolders(context, invocation.strategiesDir);
  const reasons = ["read the project's code: src/ and the strategy modules"];
  const extraArgs: string[] = [];
  const write: string[] = [];
  if (invocation.schema === true) {
    await checkWriteTarget(
      { path: DEFAULT_SCHEMA_PATH, what: "JSON Schema", flag: "--schema" },
      [],
    );
    write.push(DEFAULT_SCHEMA_PATH);
    reasons.push(`write the JSON Schema ${displayPath(context.cwd, DEFAULT_SCHEMA_PATH)}`);
  } else {
    const targets = invocation.paths.length > 0
      ? invocation.paths.map((path) => resolve(context.cwd, path))
      : [resolve(context.projectDir, DEFAULT_GRAPHS_DIR)];
    if (invocation.paths.length === 0) {
      extraArgs.push(displayPath(context.cwd, targets[0] as string));
    }
    read.push(...targets);
    reasons.push(
      `read the graphs named: ${targets.map((t) => displayPath(context.cwd, t)).join(", ")}`,
    );
    const files: Array<{ file: string; label: string }> = [];
    for (const [i, target] of targets.entries()) {
      for (const file of await graphFilesOf(target)) {
        files.push({ file, label: file === target ? invocation.paths[i] ?? file : file });
      }
    }
    for (const { file, label } of files) {
      const facts = await readGraphFacts(file, {
        cwd: context.cwd,
        maxBytes: MAX_GRAPH_FILE_BYTES,
        label,
      });
      // One graph the job would refuse on its shape alone: say so now, without starting it.
      if (facts.refusal !== undefined && files.length === 1 && invocation.json !== true) {
        throw new GraphValidationError(facts.refusal);
      }
      const outside = facts.csvFiles.filter((csv) => !read.some((r) => isWithin(csv, r)));
      if (outside.length === 0) continue;
      read.push(...outside);
      reasons.push(`read the CSV files named by ${displayPath(context.cwd, facts.file)}`);
    }
  }
  reasons.push("no network");
  return {
    command: "validate",
    permissions: { read, write, net: [], env: [...VALIDATE_ENV_VARIABLES] },
    extraArgs,
    reasons,
  };
}
