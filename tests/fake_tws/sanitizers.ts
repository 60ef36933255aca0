/**
 * Leak-checked tests. Deno 2.9 runs tests with the op and resource
 * sanitizers off unless `--sanitize-ops` / `--sanitize-resources` or the
 * per-test options ask for them; tests against a fake TWS should always ask,
 * so a leaked socket, listener or timer fails the test that leaked it.
 *
 * @module
 */

/**
 * Registers a Deno test with `sanitizeOps` and `sanitizeResources` on.
 *
 * @example
 * ```ts
 * sanitizedTest("the venue reconnects after a drop", async () => {
 *   await using tws = await FakeTws.start();
 *   // ...
 * });
 * ```
 */
export function sanitizedTest(name: string, fn: () => Promise<void> | void): void {
  Deno.test({ name, sanitizeOps: true, sanitizeResources: true, fn });
}
