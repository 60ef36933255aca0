/**
 * The permissions of a `validate` job: read the project code, the graph files
 * and folders named (default: the project's graphs/) and the CSV files each
 * graph names (validate reads their headers and first rows); write nothing,
 * except the JSON Schema file with `--schema`; no network.
 *
 * @module
 */
import { resolve } from "node:path";
import { MAX_GRAPH_FILE_BYTES } from "../config/value_ranges.ts";
import { DEFAULT_GRAPHS_DIR, DEFAULT_SCHEMA_PATH, findGraphFiles } from "../cli/validate.ts";
import { VALIDATE_ENV_VARIABLES } from "../cli/env_variables.ts";
import { readGraphFacts } from "./graph_facts.ts";
import type { JobPlan } from "./job_permissions.ts";
import { checkWritableFile, codeFolders, displayPath, type PlanContext } from "./plan_context.ts";

async function graphFilesOf(path: string): Promise<string[]> {
  try {
    if ((await Deno.stat(path)).isDirectory) return await findGraphFiles(path);
  } catch {
    // A missing path is the job's to report, with its own message.
  }
  return [path];
}

/** The plan of `validate [paths...]` with `--schema` and `--strategies`. */
export async function planValidate(
  paths: readonly string[],
  flags: { readonly schema?: boolean; readonly strategies?: string },
  context: PlanContext,
): Promise<JobPlan> {
  const read = codeFolders(context, flags.strategies);
  const reasons = ["read the project's code: src/ and the strategy modules"];
  const extraArgs: string[] = [];
  const write: string[] = [];
  if (flags.schema === true) {
    const schema = resolve(context.projectDir, DEFAULT_SCHEMA_PATH);
    await checkWritableFile(schema, "JSON Schema", "folder");
    write.push(schema);
    reasons.push(`write the JSON Schema ${displayPath(context.cwd, schema)}`);
  } else {
    const targets = paths.length > 0
      ? paths.map((path) => resolve(context.cwd, path))
      : [resolve(context.projectDir, DEFAULT_GRAPHS_DIR)];
    if (paths.length === 0) extraArgs.push(displayPath(context.cwd, targets[0] as string));
    read.push(...targets);
    reasons.push(
      `read the graphs named: ${targets.map((t) => displayPath(context.cwd, t)).join(", ")}`,
    );
    for (const target of targets) {
      for (const file of await graphFilesOf(target)) {
        const facts = await readGraphFacts(file, {
          cwd: context.cwd,
          maxBytes: MAX_GRAPH_FILE_BYTES,
        });
        if (facts.csvFiles.length === 0) continue;
        read.push(...facts.csvFiles);
        reasons.push(`read the CSV files named by ${displayPath(context.cwd, facts.file)}`);
      }
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
