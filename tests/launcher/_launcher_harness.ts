/**
 * Runs the real launcher as a user does (`deno task <command> ...` in the
 * project folder) and scratch folders for its graphs, data and strategies.
 */
import { fileURLToPath } from "node:url";

/** The project's root folder. */
export const PROJECT_DIR: string = fileURLToPath(new URL("../../", import.meta.url)).replace(
  /\/$/,
  "",
);

/** What a finished `deno task` printed and returned. */
export interface TaskOutcome {
  /** Exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error without deno's own `Task ...` line. */
  readonly stderr: string;
}

/** Runs `deno task <task> ...args` in the project folder with `env` added. */
export async function denoTask(
  task: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<TaskOutcome> {
  const output = await new Deno.Command("deno", {
    args: ["task", "-q", task, ...args],
    cwd: PROJECT_DIR,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** A fresh scratch folder under tests/.tmp (absolute path). */
export async function scratchDir(prefix: string): Promise<string> {
  await Deno.mkdir(`${PROJECT_DIR}/tests/.tmp`, { recursive: true });
  return await Deno.makeTempDir({ dir: `${PROJECT_DIR}/tests/.tmp`, prefix });
}

/**
 * Writes a strategy module `NAME.ts` into `dir` whose `onBar(bar)` body is
 * `onBar` (with `ctx` in scope).
 */
export async function writeProbeStrategy(dir: string, name: string, onBar: string): Promise<void> {
  // A strategy outside the project imports the API by its import-map name.
  await Deno.writeTextFile(
    `${dir}/${name}.ts`,
    `import { defineStrategy, z } from "ibkr-trader";

export default defineStrategy({
  params: z.strictObject({}),
  create(ctx) {
    return {
      onBar(bar) {
        ${onBar}
      },
    };
  },
});
`,
  );
}

/** Writes a one-strategy sim graph using strategy `type` to `path`. */
export async function writeSimGraph(path: string, type: string, venue = ""): Promise<void> {
  await Deno.writeTextFile(
    path,
    `name: probe_graph
${venue}strategies:
  - id: probe
    type: ${type}
    symbols: [AAPL]
    params: {}
`,
  );
}
