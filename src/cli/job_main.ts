/**
 * The job entry point: runs one command in the process the launcher (main.ts)
 * started with exactly the permissions that command needs. A permission the
 * job lacks ends it with one line naming the path or host, never a stack
 * trace, wherever it is refused (a command, a timer, a promise nobody awaited).
 *
 * @module
 */
import { PROCESS_IO, runCli } from "./cli.ts";
import { COMMANDS } from "./commands.ts";
import { explainPermissionDenial } from "../error_text.ts";

/** Ends the process with one line when a permission refusal escapes every handler. */
function exitOnEscapedDenial(error: unknown, event: Event): void {
  const denial = explainPermissionDenial(error);
  if (denial === undefined) return;
  event.preventDefault();
  PROCESS_IO.stderr(`${denial}\n`);
  Deno.exit(1);
}

if (import.meta.main) {
  globalThis.addEventListener("unhandledrejection", (event) => {
    exitOnEscapedDenial(event.reason, event);
  });
  globalThis.addEventListener("error", (event) => exitOnEscapedDenial(event.error, event));
  Deno.exit(await runCli(Deno.args, { commands: COMMANDS }));
}
