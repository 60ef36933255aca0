/**
 * Thrown values as one line of text for users and telemetry. Deno's refusal
 * of a permission a job was not granted (`Deno.errors.NotCapable`, "Requires
 * read access to "/x", run again with the --allow-read flag") becomes a line
 * that names the path or host and says how to grant it the way this program
 * grants permissions: through the graph and the command line, never by
 * editing `deno run` flags.
 *
 * @module
 */

const REQUIRES = /Requires (\w+) access(?: to "([^"]*)")?/;

function advice(kind: string, target: string): string {
  switch (kind) {
    case "read":
      return `may not read "${target}": a job reads only the project code, the graph and the ` +
        `data files the graph (venue.csv) or --data names`;
    case "write":
      return `may not write "${target}": a job writes only its own log (--log) or output ` +
        `file (--out)`;
    case "net":
      return `may not connect to "${target}": a sim run has no network, an ibkr run reaches ` +
        `only the venue's host:port (venue.host / venue.port in the graph, or --host / --port)`;
    case "env":
      return target === ""
        ? "may not read the environment"
        : `may not read the environment variable "${target}"`;
    case "run":
      return `may not start the program "${target}": jobs never start programs`;
    case "ffi":
      return `may not load the native library "${target}": jobs never load native code`;
    case "sys":
      return `may not read system information "${target}"`;
    default:
      return `lacks ${kind} access${target === "" ? "" : ` to "${target}"`}`;
  }
}

/**
 * The one-line explanation of a permission refusal, or undefined when
 * `error` is not one.
 *
 * @example
 * ```ts
 * try {
 *   await Deno.readTextFile("/etc/hosts");
 * } catch (error) {
 *   console.error(explainPermissionDenial(error) ?? error);
 * }
 * ```
 */
export function explainPermissionDenial(error: unknown): string | undefined {
  // A module import that is refused arrives as a TypeError with the same text.
  const refused = error instanceof Deno.errors.NotCapable ||
    (error instanceof TypeError && error.message.startsWith("Requires "));
  if (!refused) return undefined;
  const match = REQUIRES.exec(error.message);
  const kind = match?.[1] ?? "a";
  const target = match?.[2] ?? "";
  return `permission denied: this job ${advice(kind, target)} ` +
    `(see what it may do with --print-permissions)`;
}

/** Renders an unknown thrown value as a one-line message (a permission refusal explained). */
export function describeError(error: unknown): string {
  return explainPermissionDenial(error) ??
    (error instanceof Error ? error.message : String(error));
}
