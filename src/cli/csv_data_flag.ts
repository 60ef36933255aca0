/**
 * The files of `run --data csv:PATH`: one file for a one-symbol graph, or a
 * folder holding each symbol's file (`SYMBOL.csv`, or the one
 * `SYMBOL_<bar>.csv` that `deno task history` writes), with a warning when a
 * file's name names another ticker.
 *
 * @module
 */
import { basename, join } from "node:path";
import { describeError } from "../error_text.ts";
import { UsageError, UserError } from "../errors.ts";

/**
 * The file of `symbol` among a folder's file names: `SYMBOL.csv`, else the one
 * `SYMBOL_<anything>.csv` (as `deno task history` names its output, e.g.
 * `AAPL_1d.csv`), in any letter case; undefined when there is none.
 *
 * @throws {UserError} when several `SYMBOL_*.csv` files could be meant.
 */
function symbolFile(folder: string, names: readonly string[], symbol: string): string | undefined {
  const upper = symbol.toUpperCase();
  const exact = names.find((name) => name.toUpperCase() === `${upper}.CSV`);
  if (exact !== undefined) return join(folder, exact);
  const suffixed = names.filter((name) => {
    const n = name.toUpperCase();
    return n.startsWith(`${upper}_`) && n.endsWith(".CSV");
  }).sort();
  if (suffixed.length > 1) {
    throw new UserError(
      `--data csv:${folder}: ${suffixed.join(", ")} could each be ${upper}'s data; keep one, ` +
        `rename it ${upper}.csv, or give the file with --data csv:FILE`,
    );
  }
  return suffixed[0] === undefined ? undefined : join(folder, suffixed[0]);
}

/**
 * The ticker a CSV file's name starts with, when it is written as one: upper
 * case, then the end of the name or a separator (`AAPL.csv`, `AAPL_1d.csv`,
 * `BRK.B.csv`, `MSFT-daily.csv`); undefined for names such as `data.csv`,
 * `aapl.csv` or `prices2024.csv`.
 */
export function tickerOfFileName(path: string): string | undefined {
  const name = basename(path).replace(/\.csv$/i, "");
  return /^([A-Z][A-Z0-9]{0,5}(?:[.-][A-Z])?)(?=$|[_\-. ])/.exec(name)?.[1];
}

/**
 * Whether the file's name starts with `symbol` in any case, its separators
 * written as any of ` ._-` (`BRK_B.csv` and `brk.b.csv` are both BRK B's).
 */
function namedAfter(path: string, symbol: string): boolean {
  const name = basename(path).replace(/\.csv$/i, "").toUpperCase();
  const parts = symbol.toUpperCase().split(/[^A-Z0-9]+/).filter((part) => part !== "");
  return new RegExp(`^${parts.join("[ ._-]?")}(?=$|[ ._-])`).test(name);
}

/**
 * A warning when `--data csv:FILE` feeds `symbol` from a file named after
 * another ticker (`AAPL.csv` for a graph trading MSFT), whose bars would be
 * replayed as `symbol`'s without a word.
 */
export function fileNameWarning(path: string, symbol: string): string | undefined {
  const named = tickerOfFileName(path);
  if (named === undefined || namedAfter(path, symbol)) return undefined;
  return `--data csv:${path}: the file name says ${named}, but the graph trades ${symbol}; ` +
    `its bars are replayed as ${symbol}'s (give ${symbol}'s file, or a folder holding ${symbol}.csv)`;
}

/**
 * Maps each of `symbols` to its file under `path` (a file for one symbol, or
 * a folder), passing file-name warnings to `warn`.
 *
 * @throws {UserError} for a missing path, a missing symbol file or an
 * ambiguous one; {@link UsageError} for one file and several symbols.
 */
export async function csvDataFiles(
  path: string,
  symbols: readonly string[],
  warn: ((message: string) => void) | undefined,
): Promise<Record<string, string>> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      const tilde = path.startsWith("~")
        ? " (the shell does not expand ~ after csv:; write $HOME instead)"
        : "";
      throw new UserError(`--data csv:${path}: no such file or folder${tilde}`);
    }
    throw new UserError(`--data csv:${path}: ${describeError(error)}`);
  }
  if (info.isFile) {
    if (symbols.length !== 1) {
      throw new UsageError(
        `--data csv:${path} is one file but the graph trades ${symbols.length} symbols (${
          symbols.join(", ")
        }); give a folder holding SYMBOL.csv for each`,
      );
    }
    const symbol = symbols[0] as string;
    const warning = fileNameWarning(path, symbol);
    if (warning !== undefined) warn?.(warning);
    return { [symbol]: path };
  }
  const names: string[] = [];
  for await (const entry of Deno.readDir(path)) {
    if (entry.isFile || entry.isSymlink) names.push(entry.name);
  }
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const symbol of symbols) {
    const file = symbolFile(path, names, symbol);
    if (file === undefined) missing.push(`${symbol}.csv`);
    else files[symbol] = file;
  }
  if (missing.length > 0) {
    throw new UserError(
      `--data csv:${path}: missing ${missing.join(", ")} for the graph's symbols ` +
        `(a folder holds SYMBOL.csv, or SYMBOL_<bar>.csv as deno task history writes it)`,
    );
  }
  return files;
}
