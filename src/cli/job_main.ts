/**
 * The job entry point: runs one command in the process the launcher (main.ts)
 * started with exactly the permissions that command needs. A permission the
 * job lacks ends it with one line naming the path or host, never a stack
 * trace, wherever it is refused: in a command (see cli.ts), or escaping from
 * a timer or a promise nobody awaited, which stops a running command cleanly
 * (see escaped_denials.ts).
 *
 * @module
 */
import { PROCESS_IO, runCli } from "./cli.ts";
import { COMMANDS } from "./commands.ts";
import { deliverEscapedDenial } from "./escaped_denials.ts";
import { explainPermissionDenial } from "../error_text.ts";

let exitCode = 0;

/** Handles a permission refusal that escaped every handler; other errors keep their default. */
function onEscaped(error: unknown, event: Event): void {
  const denial = explainPermissionDenial(error);
  if (denial === undefined) return;
  event.preventDefault();
  exitCode = 1;
  if (deliverEscapedDenial(denial)) return;
  PROCESS_IO.stderr(`${denial}\n`);
  Deno.exit(1);
}

if (import.meta.main) {
  globalThis.addEventListener("unhandledrejection", (event) => onEscaped(event.reason, event));
  globalThis.addEventListener("error", (event) => onEscaped(event.error, event));
  const code = await runCli(Deno.args, { commands: COMMANDS });
  // A refusal still on its way (a rejection settles a turn later) is reported before the exit.
  await new Promise((resolve) => setTimeout(resolve, 0));
  Deno.exit(Math.max(code, exitCode));
}
