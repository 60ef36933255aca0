import { equal as assertEqual, ok as assert } from "node:assert/strict";
import { launch } from "../../src/launcher/launcher.ts";
import { MAX_GRAPH_FILE_BYTES, MAX_GRAPH_STRATEGIES } from "../../src/config/value_ranges.ts";
import { scratchDir } from "./_launcher_harness.ts";

interface Launched {
  readonly code: number;
  readonly stderr: string;
  readonly jobs: number;
  readonly ms: number;
}

/** Runs the launcher in this process with a job starter that only counts. */
async function launchHere(args: string[], cwd: string): Promise<Launched> {
  let stderr = "";
  let jobs = 0;
  const started = performance.now();
  const code = await launch(args, {
    io: { stdout: () => {}, stderr: (text) => void (stderr += text) },
    env: () => undefined,
    cwd,
    start: () => {
      jobs++;
      return Promise.resolve(0);
    },
  });
  return { code, stderr, jobs, ms: performance.now() - started };
}

function strategies(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `  - { id: s${i}, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5 } }\n`,
  ).join("");
}

Deno.test("a graph over a size limit is refused by the launcher, located, in under a second, and no job starts", async () => {
  const dir = await scratchDir("refusal_");
  await Deno.writeTextFile(`${dir}/many.yaml`, `name: many\nstrategies:\n${strategies(1500)}`);
  await Deno.writeTextFile(`${dir}/huge.yaml`, `# ${"x".repeat(MAX_GRAPH_FILE_BYTES)}\nname: a\n`);
  await Deno.writeTextFile(`${dir}/broken.yaml`, "name: [unclosed\n");
  for (const command of ["run", "validate"]) {
    const many = await launchHere([command, "many.yaml"], dir);
    assertEqual(many.code, 1);
    assertEqual(many.jobs, 0);
    assert(many.ms < 1000, `${many.ms} ms`);
    assert(
      many.stderr.startsWith(
        `many.yaml:${MAX_GRAPH_STRATEGIES + 3}:5: strategies[${MAX_GRAPH_STRATEGIES}]: strategy ${
          MAX_GRAPH_STRATEGIES + 1
        } of 1,500`,
      ),
      many.stderr,
    );
    const huge = await launchHere([command, "huge.yaml"], dir);
    assertEqual(huge.jobs, 0);
    assert(huge.stderr.includes("a graph file may be at most 262,144 bytes"), huge.stderr);
    const broken = await launchHere([command, "broken.yaml"], dir);
    assertEqual(broken.jobs, 0);
    assert(/^broken\.yaml:\d+:\d+: /.test(broken.stderr), broken.stderr);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("validate of a folder leaves every graph's report to the job, refused ones included", async () => {
  const dir = await scratchDir("refusal_folder_");
  await Deno.writeTextFile(`${dir}/many.yaml`, `name: many\nstrategies:\n${strategies(101)}`);
  await Deno.writeTextFile(`${dir}/ok.yaml`, `name: ok\nstrategies:\n${strategies(1)}`);
  const folder = await launchHere(["validate", "."], dir);
  assertEqual(folder.jobs, 1);
  assertEqual(folder.stderr, "");
  const json = await launchHere(["validate", "--json", "many.yaml"], dir);
  assertEqual(json.jobs, 1);
  await Deno.remove(dir, { recursive: true });
});
