/**
 * ibkr-trader command line. `deno task run|validate|history ...` starts this
 * launcher, which derives the narrowest permissions the command needs from
 * its flags and graph and runs the job (src/cli/job_main.ts) in a child
 * `deno run` with exactly those; see src/launcher/.
 *
 * @module
 */
import { PROCESS_IO } from "./src/cli/cli.ts";
import { launch, launcherPermissionProblem } from "./src/launcher/launcher.ts";

if (import.meta.main) {
  const problem = await launcherPermissionProblem();
  if (problem !== undefined) {
    PROCESS_IO.stderr(`${problem}\n`);
    Deno.exit(1);
  }
  Deno.exit(await launch(Deno.args));
}
