/**
 * ibkr-trader command line: parses argv via src/cli and exits with the
 * command's code (0 ok, 1 invalid input, 2 usage). User errors print a message,
 * programmer errors keep their stack.
 *
 * @module
 */
import { runCli } from "./src/cli/cli.ts";
import { historyCommand } from "./src/cli/history.ts";
import { runCommand } from "./src/cli/run.ts";
import { validateCommand } from "./src/cli/validate.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args, { commands: [runCommand, validateCommand, historyCommand] }));
}
