/**
 * The program's commands, in help order: the one list both the launcher
 * (main.ts) and the job entry (job_main.ts) register, so their flags and help
 * are the same.
 *
 * @module
 */
import type { CliCommand } from "./cli.ts";
import { historyCommand } from "./history.ts";
import { runCommand } from "./run.ts";
import { validateCommand } from "./validate.ts";

/** `run`, `validate` and `history`. */
export const COMMANDS: readonly CliCommand[] = [runCommand, validateCommand, historyCommand];
