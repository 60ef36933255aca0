/**
 * The command-line program: a commander program that commands register
 * themselves on, and the mapping from errors to exit codes (0 ok, 1 invalid
 * input, 2 usage). User errors print one message, never a stack trace.
 *
 * @example
 * ```ts
 * // main.ts
 * import { runCli } from "./src/cli/cli.ts";
 * import { validateCommand } from "./src/cli/validate.ts";
 *
 * Deno.exit(await runCli(Deno.args, { commands: [validateCommand] }));
 * ```
 *
 * @module
 */
import { Command, CommanderError } from "commander";
import { UserError } from "../errors.ts";
import { type EnvReader, readProcessEnv } from "../config/safety_limits.ts";
import { explainPermissionDenial } from "../error_text.ts";

/** Name of the program in help and messages. */
export const PROGRAM_NAME = "ibkr-trader";
/** Version shown by `--version`. */
export const PROGRAM_VERSION = "0.1.0";

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: invalid input (bad graph, missing file, bad environment). */
export const EXIT_INVALID = 1;
/** Exit code: wrong command-line usage. */
export const EXIT_USAGE = 2;

/** Where the program writes; `text` is written as is (include the newline). */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
}

/** What a command's action may use. */
export interface CliContext {
  /** Output streams. */
  readonly io: CliIo;
  /** Environment reader. */
  readonly env: EnvReader;
  /** Sets the exit code the program ends with (the highest code set wins). */
  setExitCode(code: number): void;
}

/**
 * A command of the program. `register` adds it to the commander program, e.g.
 * `program.command("run").option(...).action(async (opts) => {...})`. Actions
 * report failure by throwing a {@link UserError} or by `context.setExitCode`.
 */
export interface CliCommand {
  /** Command name, e.g. `validate`. */
  readonly name: string;
  /** Adds the command to `program`. */
  register(program: Command, context: CliContext): void;
}

/** Options of {@link buildCli} and {@link runCli}. */
export interface CliOptions {
  /** Commands to register, in help order. */
  readonly commands: readonly CliCommand[];
  /** Output streams (default: the process's stdout and stderr). */
  readonly io?: CliIo;
  /** Environment reader (default: `Deno.env.get`). */
  readonly env?: EnvReader;
  /** Called with the program once every command is registered (the launcher adds its options). */
  readonly configure?: (program: Command) => void;
}

const encoder = new TextEncoder();

function writeAll(stream: { writeSync(bytes: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
}

/** The process's standard output and error. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
};

/** A commander program with every command registered, and the exit code its actions set. */
export interface BuiltCli {
  /** The commander program (parse with `parseAsync(argv, { from: "user" })`). */
  readonly program: Command;
  /** The exit code set by actions so far. */
  exitCode(): number;
}

/**
 * Builds the commander program: name, version, output routed to `io`, errors
 * thrown (not `process.exit`), and each command registered.
 */
export function buildCli(options: CliOptions): BuiltCli {
  const io = options.io ?? PROCESS_IO;
  let exitCode = EXIT_OK;
  const context: CliContext = {
    io,
    env: options.env ?? readProcessEnv,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command(PROGRAM_NAME)
    .description(
      "Run several trading strategies at once against Interactive Brokers or a simulator",
    )
    .version(PROGRAM_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showSuggestionAfterError(true);
  for (const command of options.commands) command.register(program, context);
  for (const command of program.commands) command.exitOverride();
  options.configure?.(program);
  return { program, exitCode: () => exitCode };
}

/**
 * The exit code for an error thrown by a command: the {@link UserError}'s own
 * code, 1 for a permission the job lacks, 2 for command-line parse errors,
 * undefined for programmer errors (which should propagate with their stack).
 */
export function exitCodeFor(error: unknown): number | undefined {
  if (error instanceof UserError) return error.exitCode;
  if (explainPermissionDenial(error) !== undefined) return EXIT_INVALID;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return undefined;
}

/**
 * Parses `argv` (user arguments only, e.g. `Deno.args`), runs the command and
 * returns the exit code. User errors and permission refusals are printed as
 * one message; commander has already printed its own parse errors.
 * Programmer errors are rethrown.
 */
export async function runCli(argv: readonly string[], options: CliOptions): Promise<number> {
  const io = options.io ?? PROCESS_IO;
  const cli = buildCli({ ...options, io });
  try {
    await cli.program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    const code = exitCodeFor(error);
    if (code === undefined) throw error;
    if (error instanceof UserError) io.stderr(`${error.message}\n`);
    const denial = explainPermissionDenial(error);
    if (denial !== undefined) io.stderr(`${denial}\n`);
    return code;
  }
  return cli.exitCode();
}
