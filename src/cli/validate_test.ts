import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./cli.ts";
import { createValidateCommand, type ValidateCommandOptions } from "./validate.ts";

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function validate(
  args: string[],
  options: ValidateCommandOptions & { env?: Record<string, string> } = {},
): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runCli(["validate", ...args], {
    commands: [createValidateCommand(options)],
    io: { stdout: (text) => (out += text), stderr: (text) => (err += text) },
    env: (name) => options.env?.[name],
  });
  return { code, out, err };
}

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("validate with no paths checks every graph under graphs/ and exits 0", async () => {
  const run = await validate([]);
  assertEquals([run.code, run.err], [0, ""]);
  const lines = run.out.trimEnd().split("\n");
  for (const name of ["fixed_weights", "ibkr_paper", "sma_pair", "vol_target"]) {
    ok(lines.includes(`ok graphs/${name}.yaml`), run.out);
  }
  const files = lines.length - 1;
  assertEquals(lines.at(-1), `${files} graphs: ${files} ok, 0 invalid`);
});

Deno.test("validate prints each located problem and exits 1 for an invalid graph", async () => {
  const run = await validate(["tests/testdata/invalid/unknown_key_did_you_mean.yaml"]);
  assertEquals(run.code, 1);
  assertEquals(
    run.out,
    'tests/testdata/invalid/unknown_key_did_you_mean.yaml:2:3: sizing.max_postion: unknown key "max_postion", did you mean "max_position"?\n',
  );
});

Deno.test("validate prints warnings after ok, prefixed warning:, and still exits 0", async () => {
  const run = await validate(["tests/testdata/warnings/fixed_weights_sum_below_one.yaml"]);
  assertEquals(run.code, 0);
  assertEquals(
    run.out,
    [
      "ok tests/testdata/warnings/fixed_weights_sum_below_one.yaml",
      "tests/testdata/warnings/fixed_weights_sum_below_one.yaml:13:5: warning: capital_policy.weights: weights sum to 0.5 (< 1): 0.5 of the capital stays unallocated",
      "",
    ].join("\n"),
  );
});

Deno.test("validate exits 1 when any of several graphs is invalid or missing", async () => {
  const run = await validate(["graphs/sma_pair.yaml", "graphs/nope.yaml"]);
  assertEquals(run.code, 1);
  assertEquals(
    run.out,
    [
      "ok graphs/sma_pair.yaml",
      "graphs/nope.yaml: file not found",
      "2 graphs: 1 ok, 1 invalid",
      "",
    ].join("\n"),
  );
});

Deno.test("validate searches folders given as paths recursively", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "nested"));
    const graph =
      "strategies: [{ id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 3 } }]\n";
    await Deno.writeTextFile(join(dir, "nested", "one.yml"), graph);
    await Deno.writeTextFile(join(dir, "two.yaml"), graph);
    await Deno.writeTextFile(join(dir, "notes.txt"), "not a graph");
    const run = await validate([dir]);
    assertEquals(run.code, 0);
    assertEquals(run.out.split("\n").slice(0, 2), [
      `ok ${join(dir, "nested", "one.yml")}`,
      `ok ${join(dir, "two.yaml")}`,
    ]);
  });
});

Deno.test("validate reports a folder without graphs as invalid input", async () => {
  await withTempDir(async (dir) => {
    const run = await validate([], { graphsDir: dir });
    assertEquals(run.code, 1);
    assertEquals(run.err, `no graph files (*.yaml, *.yml) found in ${dir}\n`);
  });
});

Deno.test("validate --json prints a machine-readable report", async () => {
  const run = await validate([
    "--json",
    "graphs/sma_pair.yaml",
    "tests/testdata/invalid/heartbeat_timeout_below_5.yaml",
  ]);
  assertEquals(run.code, 1);
  assertEquals(JSON.parse(run.out), {
    files: [
      { file: "graphs/sma_pair.yaml", ok: true, errors: [], warnings: [] },
      {
        file: "tests/testdata/invalid/heartbeat_timeout_below_5.yaml",
        ok: false,
        errors: [{
          file: "tests/testdata/invalid/heartbeat_timeout_below_5.yaml",
          line: 7,
          col: 30,
          path: "settings.heartbeat_timeout_seconds",
          message: "must be an integer >= 5 and <= 86400, got 4",
          severity: "error",
        }],
        warnings: [],
      },
    ],
  });
});

Deno.test("validate --schema writes the JSON Schema and says where", async () => {
  await withTempDir(async (dir) => {
    const schemaPath = join(dir, "graph.schema.json");
    const run = await validate(["--schema"], { schemaPath });
    assertEquals(run, { code: 0, out: `wrote ${schemaPath}\n`, err: "" });
    const schema = JSON.parse(await Deno.readTextFile(schemaPath));
    assertEquals(schema.title, "ibkr-trader strategy graph");
    ok(schema.properties.strategies.items.properties.type.enum.includes("sma"));
  });
});

Deno.test("validate usage errors exit 2: unknown flag, --schema with paths", async () => {
  const flag = await validate(["--jsn"]);
  assertEquals(flag.code, 2);
  ok(flag.err.includes("unknown option '--jsn'"), flag.err);
  ok(flag.err.includes("--json"), flag.err);
  const schema = await validate(["--schema", "graphs/sma_pair.yaml"]);
  assertEquals(schema, { code: 2, out: "", err: "--schema takes no paths\n" });
});

Deno.test("validate exits 1 with one message when a hard-limit variable is invalid", async () => {
  const run = await validate([], { env: { IBKR_MAX_NOTIONAL: "lots" } });
  assertEquals(run, {
    code: 1,
    out: "",
    err: 'IBKR_MAX_NOTIONAL must be a positive decimal amount, e.g. 250000 (got "lots")\n',
  });
});
