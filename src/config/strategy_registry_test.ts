import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { join } from "node:path";
import {
  isStrategyFileName,
  listStrategyTypes,
  STRATEGY_FILE_EXAMPLE,
  strategyFolders,
  StrategyRegistry,
  strategyShapeProblem,
} from "./strategy_registry.ts";

const MOD_URL = new URL("../mod.ts", import.meta.url).href;

const GOOD = `import { defineStrategy, z } from "${MOD_URL}";
export default defineStrategy({
  params: z.strictObject({ size: z.number().int().positive() }),
  create(ctx, params) {
    return { onBar(bar) { ctx.setTarget(bar.symbol, params.size); } };
  },
});
`;

async function withStrategiesDir(
  files: Record<string, string>,
  run: (dir: string) => Promise<void>,
): Promise<void> {
  await Deno.mkdir("tests/.tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: "tests/.tmp" });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(dir, name), text);
    }
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("strategy files: *.ts are types, _*.ts and *_test.ts are not", () => {
  assertEquals(isStrategyFileName("sma.ts"), true);
  assertEquals(isStrategyFileName("_helper.ts"), false);
  assertEquals(isStrategyFileName("sma_test.ts"), false);
  assertEquals(isStrategyFileName("types.d.ts"), false);
  assertEquals(isStrategyFileName("notes.md"), false);
  assertEquals(isStrategyFileName("Bad-Name.ts"), false);
});

Deno.test("listStrategyTypes lists strategy modules sorted and skips helpers and tests", async () => {
  await withStrategiesDir({
    "zeta.ts": GOOD,
    "alpha.ts": GOOD,
    "_shared.ts": "export const x = 1;\n",
    "alpha_test.ts": "",
    "README.md": "",
  }, async (dir) => {
    assertEquals(await listStrategyTypes(dir), ["alpha", "zeta"]);
  });
  assertEquals(await listStrategyTypes("tests/.tmp/no_such_folder"), []);
});

Deno.test("the project's strategies folder provides sma", async () => {
  const types = await listStrategyTypes();
  ok(types.includes("sma"));
});

Deno.test("resolve imports a module once and returns its definition", async () => {
  await withStrategiesDir({ "good.ts": GOOD }, async (dir) => {
    const registry = new StrategyRegistry(dir);
    const first = registry.resolve("good");
    assertEquals(registry.resolve("good"), first);
    const resolution = await first;
    ok(resolution.ok);
    assertEquals(resolution.definition.params.safeParse({ size: 3 }).success, true);
  });
});

Deno.test("an unknown type lists the available types and suggests a close one", async () => {
  await withStrategiesDir({ "momentum.ts": GOOD, "sma.ts": GOOD }, async (dir) => {
    const registry = new StrategyRegistry(dir);
    assertEquals(await registry.resolve("smaa"), {
      ok: false,
      type: "smaa",
      message: 'unknown strategy type "smaa", did you mean "sma"? (available types: momentum, sma)',
    });
    const far = await registry.resolve("arbitrage");
    assertEquals(
      !far.ok && far.message,
      'unknown strategy type "arbitrage" (available types: momentum, sma)',
    );
  });
});

Deno.test("a module with a wrong default export names the file and shows a correct one", async () => {
  await withStrategiesDir({
    "no_default.ts": "export const params = 1;\n",
    "no_create.ts": `import { z } from "${MOD_URL}";\nexport default { params: z.object({}) };\n`,
    "throws.ts": 'throw new Error("boom at import");\n',
  }, async (dir) => {
    const registry = new StrategyRegistry(dir);
    const noDefault = await registry.resolve("no_default");
    ok(!noDefault.ok);
    ok(noDefault.message.startsWith(
      `${join(dir, "no_default.ts")} is not a strategy module: it has no default export. ` +
        "A strategy file looks like:\n",
    ));
    ok(
      noDefault.message.endsWith(
        STRATEGY_FILE_EXAMPLE.split("\n").map((l) => `    ${l}`).join("\n"),
      ),
    );
    const noCreate = await registry.resolve("no_create");
    ok(!noCreate.ok && noCreate.message.includes("its default export has no `create` function"));
    const throws = await registry.resolve("throws");
    assertEquals(
      !throws.ok && throws.message,
      `${join(dir, "throws.ts")} cannot be imported: boom at import`,
    );
  });
});

Deno.test("strategyShapeProblem says what is missing", () => {
  assertEquals(strategyShapeProblem(undefined), "it has no default export");
  assertEquals(strategyShapeProblem(5), "its default export is not an object");
  assertEquals(
    strategyShapeProblem({ params: {} }),
    "its default export has no zod `params` schema",
  );
});

Deno.test("a registry over several folders offers the types of all, and a type in two folders is an error naming both", async () => {
  const root = await Deno.makeTempDir({ dir: "tests/.tmp", prefix: "registry_dirs_" });
  try {
    const module = (description: string) =>
      `import { defineStrategy, z } from "ibkr-trader";\nexport default defineStrategy({ description: "${description}", params: z.strictObject({}), create() { return { onBar() {} }; } });\n`;
    await Deno.mkdir(`${root}/mine`);
    await Deno.mkdir(`${root}/theirs`);
    await Deno.writeTextFile(`${root}/mine/rsi.ts`, module("mine"));
    await Deno.writeTextFile(`${root}/mine/twice.ts`, module("mine"));
    await Deno.writeTextFile(`${root}/theirs/twice.ts`, module("theirs"));
    const registry = new StrategyRegistry(strategyFolders(undefined, `${root}/mine`));
    const types = await registry.types();
    ok(types.includes("sma") && types.includes("rsi"), types.join(", "));
    const rsi = await registry.resolve("rsi");
    ok(rsi.ok, rsi.ok ? "" : rsi.message);
    ok((await registry.resolve("sma")).ok);
    const both = new StrategyRegistry([`${root}/mine`, `${root}/theirs`]);
    const twice = await both.resolve("twice");
    ok(!twice.ok && twice.message.includes("is defined twice"), twice.ok ? "" : twice.message);
    ok(
      !twice.ok && twice.message.includes("mine/twice.ts") &&
        twice.message.includes("theirs/twice.ts"),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
