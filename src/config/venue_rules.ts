/**
 * Venue rules that need the rest of the graph: with `feed: csv` every symbol
 * needs a CSV file, the `csv` map belongs to the CSV feed only, and per-symbol
 * settings for symbols no strategy trades are flagged. (Whether the CSV files
 * exist is checked by csv_paths.ts, which reads the file system.)
 *
 * @module
 */
import { asRecord, rawStrategyNodes, rawSymbolsOf, type RuleFinding } from "./_raw.ts";
import { SYNTHETIC_ONLY_KEYS } from "./venue_schema.ts";

function symbolUsers(graph: Record<string, unknown>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const { index, node } of rawStrategyNodes(graph)) {
    const owner = typeof node.id === "string" ? node.id : `strategies[${index}]`;
    for (const symbol of rawSymbolsOf(node)) {
      const list = users.get(symbol) ?? [];
      if (!list.includes(owner)) list.push(owner);
      users.set(symbol, list);
    }
  }
  return users;
}

function checkUnusedSymbolKeys(
  map: Record<string, unknown>,
  where: { readonly section: string; readonly users: Map<string, string[]> },
): RuleFinding[] {
  return Object.keys(map)
    .filter((key) => !where.users.has(key.toUpperCase()))
    .map((key) => ({
      path: ["venue", where.section, key],
      target: "key",
      message: `symbol ${key.toUpperCase()} is not traded by any strategy; this entry is unused`,
      severity: "warning",
    }));
}

function checkCsvFeed(
  venue: Record<string, unknown>,
  users: Map<string, string[]>,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const csv = asRecord(venue.csv);
  if (venue.csv === undefined) {
    findings.push({
      path: ["venue", "csv"],
      target: "value",
      message: "missing required key: feed csv needs a csv map of symbol -> file",
      severity: "error",
    });
  }
  if (csv !== undefined) {
    const covered = new Set(Object.keys(csv).map((key) => key.toUpperCase()));
    for (const [symbol, owners] of users) {
      if (covered.has(symbol)) continue;
      findings.push({
        path: ["venue", "csv"],
        target: "value",
        message: `no CSV file for symbol ${symbol} (traded by ${owners.join(", ")})`,
        severity: "error",
      });
    }
    for (const unused of checkUnusedSymbolKeys(csv, { section: "csv", users })) {
      findings.push(unused);
    }
  }
  for (const key of SYNTHETIC_ONLY_KEYS) {
    if (venue[key] === undefined) continue;
    findings.push({
      path: ["venue", key],
      target: "key",
      message: `key "${key}" is ignored with feed csv (synthetic feed only)`,
      severity: "warning",
    });
  }
  return findings;
}

/** Venue rules over raw graph data. */
export function checkVenueRules(graph: Record<string, unknown>): RuleFinding[] {
  const venue = asRecord(graph.venue);
  if (venue === undefined || venue.type !== "sim") return [];
  const findings: RuleFinding[] = [];
  const users = symbolUsers(graph);
  const feed = venue.feed ?? "synthetic";
  if (feed === "csv") {
    for (const csvFinding of checkCsvFeed(venue, users)) findings.push(csvFinding);
  } else if (feed === "synthetic" && venue.csv !== undefined) {
    findings.push({
      path: ["venue", "csv"],
      target: "key",
      message: 'key "csv" is only used with feed: csv',
      severity: "error",
    });
  }
  const overrides = asRecord(venue.symbols);
  if (overrides !== undefined && feed === "synthetic") {
    for (const unused of checkUnusedSymbolKeys(overrides, { section: "symbols", users })) {
      findings.push(unused);
    }
  }
  return findings;
}
