/**
 * `validate [paths...]`: checks strategy graphs and prints `ok <file>` or every
 * located problem; `--json` prints a machine-readable report; `--schema`
 * writes the graph JSON Schema for editors.
 *
 * Exit codes: 0 when every graph is valid (warnings allowed), 1 when any is
 * invalid or a named file is missing, 2 on usage errors.
 *
 * @module
 */
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { UsageError, UserError } from "../errors.ts";
import {
  checkGraphFile,
  formatProblem,
  graphJsonSchema,
  type GraphProblem,
  hardLimitsFromEnv,
  strategyFolders,
  StrategyRegistry,
} from "../config/mod.ts";
import { type CliCommand, type CliContext, EXIT_INVALID } from "./cli.ts";

/** Default folder searched when no paths are given. */
export const DEFAULT_GRAPHS_DIR = "graphs";
/** Where `--schema` writes the JSON Schema: the project's graphs/graph.schema.json, wherever the user is. */
export const DEFAULT_SCHEMA_PATH: string = fileURLToPath(
  new URL("../../graphs/graph.schema.json", import.meta.url),
);

/** The result of validating one file. */
export interface FileReport {
  /** The file as named. */
  readonly file: string;
  /** True when the graph has no error. */
  readonly ok: boolean;
  /** Errors, in file order. */
  readonly errors: GraphProblem[];
  /** Warnings, in file order. */
  readonly warnings: GraphProblem[];
}

/** The result of validating several files (the `--json` output). */
export interface ValidationReport {
  /** One entry per file, in the order validated. */
  readonly files: FileReport[];
}

/** Options of the validate command (the defaults suit the project layout). */
export interface ValidateCommandOptions {
  /** Folder searched when no paths are given. */
  readonly graphsDir?: string;
  /** Where `--schema` writes. */
  readonly schemaPath?: string;
  /** Folder(s) of strategy modules (default: the project's). */
  readonly strategiesDir?: string | readonly string[];
}

/** The validate command's options as commander parses them. */
interface ValidateFlags {
  /** `--json`. */
  readonly json?: boolean;
  /** `--schema`. */
  readonly schema?: boolean;
  /** `--strategies`: folder of strategy modules. */
  readonly strategies?: string;
}

const GRAPH_EXTENSIONS = new Set([".yaml", ".yml"]);

/** Every `*.yaml` / `*.yml` file under `dir`, recursively, sorted. */
export async function findGraphFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      for (const file of await findGraphFiles(path)) files.push(file);
    } else if (entry.isFile && GRAPH_EXTENSIONS.has(extname(entry.name))) files.push(path);
  }
  return files.sort();
}

async function expandPath(path: string): Promise<string[]> {
  try {
    if ((await Deno.stat(path)).isDirectory) return await findGraphFiles(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return [path];
}

/**
 * Validates graph files (directories are searched for `*.yaml` / `*.yml`),
 * sharing one strategy registry so each strategy module is imported once.
 *
 * @throws {InvalidEnvironmentError} when IBKR_MAX_POSITION / IBKR_MAX_NOTIONAL are invalid.
 */
export async function validateGraphs(
  paths: readonly string[],
  options: { readonly env: CliContext["env"]; readonly strategiesDir?: string | readonly string[] },
): Promise<ValidationReport> {
  const hardLimits = hardLimitsFromEnv(options.env);
  const registry = new StrategyRegistry(options.strategiesDir);
  const files: FileReport[] = [];
  for (const path of paths) {
    for (const file of await expandPath(path)) {
      const check = await checkGraphFile(file, { hardLimits, registry, partialCsvWarnings: true });
      const errors = check.problems.filter((problem) => problem.severity === "error");
      const warnings = check.problems.filter((problem) => problem.severity === "warning");
      files.push({ file, ok: errors.length === 0, errors, warnings });
    }
  }
  return { files };
}

/** The text report: `ok <file>` or problem lines per file, then a summary for several files. */
export function formatValidationReport(report: ValidationReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.ok) {
      lines.push(`ok ${file.file}`);
      for (const warning of file.warnings) lines.push(formatProblem(warning));
    } else {
      const problems = [...file.errors, ...file.warnings].sort((a, b) =>
        (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)
      );
      for (const problem of problems) lines.push(formatProblem(problem));
    }
  }
  if (report.files.length > 1) {
    const invalid = report.files.filter((file) => !file.ok).length;
    lines.push(
      `${report.files.length} graphs: ${report.files.length - invalid} ok, ${invalid} invalid`,
    );
  }
  return lines.map((line) => `${line}\n`).join("");
}

async function loadAllDefinitions(
  strategiesDir: string | readonly string[] | undefined,
  context: CliContext,
): Promise<Map<string, StrategyDefinition>> {
  const registry = new StrategyRegistry(strategiesDir);
  const definitions = new Map<string, StrategyDefinition>();
  for (const type of await registry.types()) {
    const resolution = await registry.resolve(type);
    if (resolution.ok) definitions.set(type, resolution.definition);
    else {context.io.stderr(
        `warning: ${resolution.message.split("\n")[0]} (left out of the schema)\n`,
      );}
  }
  return definitions;
}

async function writeSchema(
  options: ValidateCommandOptions,
  { context, json }: { readonly context: CliContext; readonly json: boolean },
): Promise<void> {
  const path = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const definitions = await loadAllDefinitions(options.strategiesDir, context);
  const schema = graphJsonSchema({ definitions });
  try {
    await Deno.writeTextFile(path, `${JSON.stringify(schema, null, 2)}\n`);
  } catch (error) {
    throw new UserError(
      `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  context.io.stdout(json ? `${JSON.stringify({ schema: path })}\n` : `wrote ${path}\n`);
}

/** Builds the `validate` command with the given folders. */
export function createValidateCommand(options: ValidateCommandOptions = {}): CliCommand {
  return {
    name: "validate",
    register(program: Command, context: CliContext): void {
      program
        .command("validate")
        .description(
          `check strategy graphs (default: every *.yaml / *.yml under ${
            options.graphsDir ?? DEFAULT_GRAPHS_DIR
          }/)`,
        )
        .argument("[paths...]", "graph files or folders")
        .option("--json", "print a machine-readable report")
        .option("--strategies <dir>", "a folder of your own strategy modules, besides strategies/")
        .option(
          "--schema",
          "write the graph JSON Schema to graphs/graph.schema.json and exit",
        )
        .action(async (paths: string[], flags: ValidateFlags) => {
          const strategiesDir = strategyFolders(options.strategiesDir, flags.strategies);
          if (flags.schema) {
            if (paths.length > 0) throw new UsageError("--schema takes no paths");
            await writeSchema({
              ...options,
              ...(strategiesDir === undefined ? {} : { strategiesDir }),
            }, {
              context,
              json: flags.json === true,
            });
            return;
          }
          const graphsDir = options.graphsDir ?? DEFAULT_GRAPHS_DIR;
          const targets = paths.length > 0 ? paths : [graphsDir];
          const report = await validateGraphs(targets, {
            env: context.env,
            ...(strategiesDir === undefined ? {} : { strategiesDir }),
          });
          if (report.files.length === 0) {
            throw new UserError(`no graph files (*.yaml, *.yml) found in ${targets.join(", ")}`);
          }
          context.io.stdout(
            flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatValidationReport(report),
          );
          if (report.files.some((file) => !file.ok)) context.setExitCode(EXIT_INVALID);
        });
    },
  };
}

/** The `validate` command with the project's folders. */
export const validateCommand: CliCommand = createValidateCommand();
