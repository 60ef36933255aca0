/**
 * Strategy discovery: `type: sma` in a graph is the module `strategies/sma.ts`.
 * Files starting with `_` and `*_test.ts` files are not strategies. Each module
 * is imported at most once per registry, and its default export must be a
 * {@link StrategyDefinition} made with `defineStrategy`.
 *
 * @module
 */
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StrategyDefinition } from "../strategy/mod.ts";
import { describeError } from "../error_text.ts";
import { suggestClosest } from "./did_you_mean.ts";
import { STRATEGY_TYPE_PATTERN } from "./field_schemas.ts";

/** The project's `strategies/` folder. */
export const DEFAULT_STRATEGIES_DIR: string = fileURLToPath(
  new URL("../../strategies/", import.meta.url),
);

/** What a correct strategy file looks like; shown when a module has the wrong shape. */
export const STRATEGY_FILE_EXAMPLE: string = `import { defineStrategy, z } from "../src/mod.ts";

export default defineStrategy({
  params: z.strictObject({ size: z.number().int().positive() }),
  create(ctx, params) {
    return {
      onBar(bar) {
        ctx.setTarget(bar.symbol, bar.close > bar.open ? params.size : 0);
      },
    };
  },
});`;

/** Outcome of resolving a strategy type. */
export type StrategyResolution =
  | {
    readonly ok: true;
    readonly type: string;
    readonly file: string;
    readonly definition: StrategyDefinition;
  }
  | { readonly ok: false; readonly type: string; readonly message: string };

/** Whether a file name in the strategies folder is a strategy module. */
export function isStrategyFileName(name: string): boolean {
  if (!name.endsWith(".ts") || name.endsWith(".d.ts")) return false;
  if (name.startsWith("_") || name.endsWith("_test.ts")) return false;
  return STRATEGY_TYPE_PATTERN.test(name.slice(0, -3));
}

/**
 * The strategy types available in `dir`, sorted: one per `*.ts` file, skipping
 * `_*.ts` and `*_test.ts`. A missing folder has no types.
 *
 * @example
 * ```ts
 * await listStrategyTypes("strategies"); // ["sma"]
 * ```
 */
export async function listStrategyTypes(dir: string = DEFAULT_STRATEGIES_DIR): Promise<string[]> {
  const types: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && isStrategyFileName(entry.name)) types.push(entry.name.slice(0, -3));
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return types.sort();
}

/**
 * The strategy folders of a command: `base` (default: the project's
 * `strategies/`) plus the user's `--strategies` folder when given, so a graph
 * may mix the project's strategies with the user's own.
 *
 * @example
 * ```ts
 * strategyFolders(undefined, "/home/me/strategies"); // [DEFAULT_STRATEGIES_DIR, "/home/me/strategies"]
 * ```
 */
export function strategyFolders(
  base: string | readonly string[] | undefined,
  extra: string | undefined,
): string | readonly string[] {
  const folders = base === undefined
    ? [DEFAULT_STRATEGIES_DIR]
    : typeof base === "string"
    ? [base]
    : base;
  return extra === undefined ? folders : [...folders, extra];
}

/** A mistake in the shape of a module's default export, or undefined when it is a StrategyDefinition. */
export function strategyShapeProblem(value: unknown): string | undefined {
  if (value === undefined) return "it has no default export";
  if (typeof value !== "object" || value === null) return "its default export is not an object";
  const candidate = value as Record<string, unknown>;
  const params = candidate.params as Record<string, unknown> | undefined;
  if (
    typeof params !== "object" || params === null || typeof params.safeParse !== "function" ||
    !("_zod" in params)
  ) {
    return "its default export has no zod `params` schema";
  }
  if (typeof candidate.create !== "function") return "its default export has no `create` function";
  return undefined;
}

/** Whether `value` has the shape of a {@link StrategyDefinition}. */
export function isStrategyDefinition(value: unknown): value is StrategyDefinition {
  return strategyShapeProblem(value) === undefined;
}

/** `path` relative to the working directory when it lies inside it, else as given. */
function shownPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const shown = relative(Deno.cwd(), path);
  return shown.startsWith("..") || shown === "" ? path : shown;
}

function firstLine(error: unknown): string {
  const text = describeError(error);
  return text.split("\n")[0] ?? text;
}

/**
 * Resolves strategy types to their definitions, importing each module once.
 *
 * @example
 * ```ts
 * const registry = new StrategyRegistry("strategies");
 * const sma = await registry.resolve("sma");
 * if (sma.ok) sma.definition.params.parse({ fast: 10, slow: 30 });
 * ```
 */
export class StrategyRegistry {
  /** Folders the strategy modules are read from, in search order. */
  readonly dirs: readonly string[];
  #homes: Promise<Map<string, string[]>> | undefined;
  #modules = new Map<string, Promise<StrategyResolution>>();

  /**
   * Creates a registry over `dirs`: one folder or several (default: the
   * project's `strategies/`). A type found in two folders is ambiguous and
   * resolves to an error naming both files.
   */
  constructor(dirs: string | readonly string[] = DEFAULT_STRATEGIES_DIR) {
    this.dirs = typeof dirs === "string" ? [dirs] : [...new Set(dirs)];
  }

  /** Each type and the folders that hold a module of that name. */
  #typeHomes(): Promise<Map<string, string[]>> {
    this.#homes ??= (async () => {
      const homes = new Map<string, string[]>();
      for (const dir of this.dirs) {
        for (const type of await listStrategyTypes(dir)) {
          homes.set(type, [...(homes.get(type) ?? []), dir]);
        }
      }
      return homes;
    })();
    return this.#homes;
  }

  /** The available types (cached), sorted. */
  async types(): Promise<string[]> {
    return [...(await this.#typeHomes()).keys()].sort();
  }

  /** The file of `type` as shown to the user (relative to the working directory when inside it). */
  async fileOf(type: string): Promise<string> {
    const dir = (await this.#typeHomes()).get(type)?.[0] ?? this.dirs[0] as string;
    return shownPath(join(dir, `${type}.ts`));
  }

  /** Resolves `type`, importing its module the first time it is asked for. */
  resolve(type: string): Promise<StrategyResolution> {
    let resolution = this.#modules.get(type);
    if (resolution === undefined) {
      resolution = this.#load(type);
      this.#modules.set(type, resolution);
    }
    return resolution;
  }

  async #load(type: string): Promise<StrategyResolution> {
    const homes = (await this.#typeHomes()).get(type) ?? [];
    if (homes.length === 0) {
      const types = await this.types();
      const available = types.length === 0
        ? `no strategy files found in ${this.dirs.map(shownPath).join(", ")}`
        : `available types: ${types.join(", ")}`;
      const suggestion = suggestClosest(type, types);
      const hint = suggestion === undefined ? "" : `, did you mean "${suggestion}"?`;
      return { ok: false, type, message: `unknown strategy type "${type}"${hint} (${available})` };
    }
    if (homes.length > 1) {
      const files = homes.map((dir) => shownPath(join(dir, `${type}.ts`)));
      return {
        ok: false,
        type,
        message: `strategy type "${type}" is defined twice: ${files.join(" and ")}; rename one`,
      };
    }
    const dir = homes[0] as string;
    const file = shownPath(join(dir, `${type}.ts`));
    let module: Record<string, unknown>;
    try {
      const absolute = isAbsolute(dir)
        ? join(dir, `${type}.ts`)
        : join(Deno.cwd(), dir, `${type}.ts`);
      module = await import(pathToFileURL(absolute).href);
    } catch (error) {
      return { ok: false, type, message: `${file} cannot be imported: ${firstLine(error)}` };
    }
    const problem = strategyShapeProblem(module.default);
    if (problem !== undefined) {
      return {
        ok: false,
        type,
        message: `${file} is not a strategy module: ${problem}. A strategy file looks like:\n` +
          STRATEGY_FILE_EXAMPLE.split("\n").map((line) => `    ${line}`).join("\n"),
      };
    }
    return { ok: true, type, file, definition: module.default as StrategyDefinition };
  }
}
