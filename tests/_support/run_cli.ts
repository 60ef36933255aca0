/**
 * The `run` command called in-process, as the CLI tests call it: its exit
 * code and what it wrote to stdout and stderr.
 *
 * @module
 */
import { type CliIo, runCli } from "../../src/cli/cli.ts";
import { createRunCommand } from "../../src/cli/run.ts";

/** What one `run` printed, and its exit code. */
export interface RunOutcome {
  /** Exit code. */
  readonly code: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
}

/**
 * Runs `run ...args` with strategies from `strategiesDir` and an empty environment.
 *
 * @example
 * ```ts
 * const out = await runCommand(["graphs/sma_pair.yaml", "--log", "tests/.tmp/x.jsonl"]);
 * ```
 */
export async function runCommand(args: string[], strategiesDir?: string): Promise<RunOutcome> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await runCli(["run", ...args], {
    commands: [createRunCommand(strategiesDir === undefined ? {} : { strategiesDir })],
    io,
    env: () => undefined,
  });
  return { code, stdout, stderr };
}
