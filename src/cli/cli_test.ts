import { deepStrictEqual as assertEquals, ok, rejects as assertRejects } from "node:assert/strict";
import { UsageError, UserError } from "../errors.ts";
import { buildCli, type CliCommand, type CliIo, runCli } from "./cli.ts";

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

/** A command whose action does what `behaviour` says. */
function probe(behaviour: (context: Parameters<CliCommand["register"]>[1]) => void): CliCommand {
  return {
    name: "probe",
    register(program, context) {
      program.command("probe").option("--flag").action(() => behaviour(context));
    },
  };
}

Deno.test("runCli returns 0 and registers commands given by the caller", async () => {
  const io = capture();
  let ran = false;
  const code = await runCli(["probe", "--flag"], { commands: [probe(() => (ran = true))], io });
  assertEquals([code, ran, io.err], [0, true, ""]);
});

Deno.test("unknown flags and commands are usage errors with exit code 2", async () => {
  const io = capture();
  assertEquals(await runCli(["probe", "--nope"], { commands: [probe(() => {})], io }), 2);
  ok(io.err.includes("unknown option '--nope'"), io.err);
  const other = capture();
  assertEquals(await runCli(["prob"], { commands: [probe(() => {})], io: other }), 2);
  ok(other.err.includes("unknown command 'prob'") && other.err.includes("probe"), other.err);
});

Deno.test("no command prints help and is a usage error; --help and --version exit 0", async () => {
  const bare = capture();
  assertEquals(await runCli([], { commands: [probe(() => {})], io: bare }), 2);
  ok(bare.err.includes("Usage: ibkr-trader"), bare.err);
  const help = capture();
  assertEquals(await runCli(["--help"], { commands: [probe(() => {})], io: help }), 0);
  ok(help.out.includes("probe"), help.out);
  const version = capture();
  assertEquals(await runCli(["--version"], { commands: [], io: version }), 0);
  assertEquals(version.out, "0.1.0\n");
});

Deno.test("user errors print their message without a stack and use their exit code", async () => {
  const io = capture();
  const invalid = probe(() => {
    throw new UserError("graphs/x.yaml: file not found");
  });
  assertEquals(await runCli(["probe"], { commands: [invalid], io }), 1);
  assertEquals(io.err, "graphs/x.yaml: file not found\n");
  const usage = capture();
  const misuse = probe(() => {
    throw new UsageError("--schema takes no paths");
  });
  assertEquals(await runCli(["probe"], { commands: [misuse], io: usage }), 2);
  assertEquals(usage.err, "--schema takes no paths\n");
});

Deno.test("programmer errors propagate with their stack", async () => {
  const broken = probe(() => {
    throw new TypeError("bug");
  });
  await assertRejects(() => runCli(["probe"], { commands: [broken], io: capture() }), TypeError);
});

Deno.test("the highest exit code set by an action wins", async () => {
  const cli = buildCli({
    commands: [probe((context) => {
      context.setExitCode(1);
      context.setExitCode(0);
    })],
    io: capture(),
  });
  await cli.program.parseAsync(["probe"], { from: "user" });
  assertEquals(cli.exitCode(), 1);
});
