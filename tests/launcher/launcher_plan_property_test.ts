import { deepStrictEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { resolve } from "node:path";
import { parseRunFlags, type RawRunFlags } from "../../src/cli/run_options.ts";
import { planRun } from "../../src/launcher/run_permissions.ts";
import { PROJECT_DIR, scratchDir } from "./_launcher_harness.ts";

const symbol = fc.stringMatching(/^[A-Z]{1,5}$/);
const csvPath = fc.oneof(
  symbol.map((s) => `data/${s}.csv`),
  symbol.map((s) => `../shared/${s}.csv`),
  symbol.map((s) => `./${s}.csv`),
  symbol.map((s) => `/abs/data/${s}.csv`),
);
const host = fc.constantFrom("127.0.0.1", "localhost", "tws.lan", "10.1.2.3", "gw.example.com");
const paperPort = fc.constantFrom(7497, 4002, 7500, 4100);

interface Scenario {
  readonly venue:
    | { readonly type: "synthetic" }
    | { readonly type: "csv"; readonly files: Readonly<Record<string, string>> }
    | { readonly type: "ibkr"; readonly host?: string; readonly port?: number };
  readonly flags: RawRunFlags;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  venue: fc.oneof(
    fc.constant({ type: "synthetic" as const }),
    fc.dictionary(symbol, csvPath, { minKeys: 1, maxKeys: 4 }).map((files) => ({
      type: "csv" as const,
      files,
    })),
    fc.record({ type: fc.constant("ibkr" as const), host, port: paperPort }, {
      requiredKeys: ["type"],
    }),
  ),
  flags: fc.record({
    venue: fc.constantFrom("sim", "ibkr"),
    host,
    port: paperPort.map(String),
    data: fc.constantFrom("synthetic", "csv:elsewhere/data", "csv:/mnt/daily"),
  }, { requiredKeys: [] }),
});

function venueYaml(venue: Scenario["venue"]): string {
  if (venue.type === "synthetic") return "venue: { type: sim }\n";
  if (venue.type === "csv") {
    const files = Object.entries(venue.files).map(([s, p]) => `    ${s}: ${p}\n`).join("");
    return `venue:\n  type: sim\n  feed: csv\n  csv:\n${files}`;
  }
  return `venue:\n  type: ibkr\n${venue.host === undefined ? "" : `  host: ${venue.host}\n`}${
    venue.port === undefined ? "" : `  port: ${venue.port}\n`
  }`;
}

/** What the job must be able to reach, worked out from the scenario alone. */
function expected(s: Scenario, graphDir: string, cwd: string) {
  const ibkr = (s.flags.venue ?? (s.venue.type === "ibkr" ? "ibkr" : "sim")) === "ibkr";
  if (ibkr) {
    const fromGraph: { host?: string; port?: number } = s.venue.type === "ibkr" ? s.venue : {};
    const h = s.flags.host ?? fromGraph.host ?? "127.0.0.1";
    const p = s.flags.port ?? String(fromGraph.port ?? 7497);
    return { net: [`${h}:${p}`], data: [] as string[] };
  }
  if (s.flags.data?.startsWith("csv:")) {
    return { net: [], data: [resolve(cwd, s.flags.data.slice(4))] };
  }
  if (s.flags.data === undefined && s.venue.type === "csv") {
    return { net: [], data: Object.values(s.venue.files).map((p) => resolve(graphDir, p)) };
  }
  return { net: [], data: [] };
}

Deno.test("property: a run's permission set is exactly the code, the graph, its data, its log and its TWS", async () => {
  const root = await scratchDir("plan_property_");
  const cwd = `${root}/work`;
  const graphDir = `${root}/graphs`;
  await Deno.mkdir(cwd);
  await Deno.mkdir(graphDir);
  let n = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const graph = `${graphDir}/g${n++}.yaml`;
      await Deno.writeTextFile(
        graph,
        `name: prop\n${
          venueYaml(s.venue)
        }strategies:\n  - { id: a, type: sma, symbols: [AAPL], params: { fast: 2, slow: 5 } }\n`,
      );
      const flags = { ...s.flags, log: "run.jsonl" };
      const ibkr = (flags.venue ?? (s.venue.type === "ibkr" ? "ibkr" : "sim")) === "ibkr";
      const usable: RawRunFlags = ibkr ? { ...flags, data: undefined } : {
        ...flags,
        host: undefined,
        port: undefined,
      };
      const clean = Object.fromEntries(
        Object.entries(usable).filter(([, v]) => v !== undefined),
      ) as RawRunFlags;
      const plan = await planRun({ graph, flags: parseRunFlags(graph, clean) }, {
        cwd,
        projectDir: PROJECT_DIR,
        env: () => undefined,
        now: new Date(0),
      });
      const want = expected({ ...s, flags: clean }, graphDir, cwd);
      assertEquals(plan.permissions.net, want.net);
      assertEquals(plan.permissions.read, [
        `${PROJECT_DIR}/src`,
        `${PROJECT_DIR}/strategies`,
        graph,
        ...want.data,
      ]);
      assertEquals(plan.permissions.write, [`${cwd}/run.jsonl`]);
    }),
    { numRuns: 150 },
  );
  await Deno.remove(root, { recursive: true });
});
