/**
 * Temporary folders under tests/.tmp (the only place tests may write) and a
 * check that a file exists, for tests that must show a run wrote nothing.
 *
 * @module
 */

/**
 * Runs `body` with a fresh folder under tests/.tmp named `prefix...`, and
 * removes the folder afterwards, whether `body` succeeded or not.
 *
 * @example
 * ```ts
 * await withTempDir("run_", async (dir) => await Deno.writeTextFile(`${dir}/a.csv`, "..."));
 * ```
 */
export async function withTempDir(
  prefix: string,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp", prefix });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Whether anything exists at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
