import { equal as assertEqual, ok as assert } from "node:assert/strict";
import { describeError, explainPermissionDenial } from "./error_text.ts";

Deno.test("a permission refusal becomes one line naming the path or host and how to grant it", () => {
  const cases: Array<[Error, string]> = [
    [
      new Deno.errors.NotCapable(
        'Requires read access to "/etc/hosts", run again with the --allow-read flag',
      ),
      'may not read "/etc/hosts": a job reads only the project code, the graph and the data files',
    ],
    [
      new Deno.errors.NotCapable(
        'Requires net access to "example.com:80", run again with the --allow-net flag',
      ),
      'may not connect to "example.com:80": a sim run has no network',
    ],
    [
      new Deno.errors.NotCapable(
        'Requires env access to "HOME", run again with the --allow-env flag',
      ),
      'may not read the environment variable "HOME"',
    ],
    [
      new TypeError(
        'Requires read access to "/home/me/src/mod.ts", run again with the --allow-read flag',
      ),
      'may not read "/home/me/src/mod.ts"',
    ],
  ];
  for (const [error, expected] of cases) {
    const line = explainPermissionDenial(error);
    assert(line?.startsWith("permission denied: this job "), line);
    assert(line?.includes(expected), line);
    assert(!line?.includes("--allow-"), line);
    assert(!line?.includes("\n"), line);
    assertEqual(describeError(error), line);
  }
});

Deno.test("other errors are not permission refusals and keep their message", () => {
  assertEqual(explainPermissionDenial(new TypeError("x is not a function")), undefined);
  assertEqual(explainPermissionDenial("Requires read access"), undefined);
  assertEqual(describeError(new RangeError("too big")), "too big");
  assertEqual(describeError(42), "42");
});
