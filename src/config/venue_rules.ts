/**
 * Venue rules that need the rest of the graph: with `feed: csv` every symbol
 * needs a CSV file, the `csv` map belongs to the CSV feed only, per-symbol
 * settings for symbols no strategy trades are flagged, a symbol may be a key
 * only once in any letter case, and an IBKR venue on a live-trading port is
 * flagged. (Whether the CSV files exist is checked by csv_paths.ts, which
 * reads the file system.)
 *
 * @module
 */
import { LIVE_PORTS } from "../risk/live_trading_guard.ts";
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

/**
 * Keys of a symbol map that name a symbol an earlier key already names
 * (symbols are upper-cased, so `aapl` and `AAPL` are one symbol, and one of
 * the two would be dropped without a word): an error at each later key.
 */
function checkDuplicateSymbolKeys(map: Record<string, unknown>, section: string): RuleFinding[] {
  const first = new Map<string, string>();
  const findings: RuleFinding[] = [];
  for (const key of Object.keys(map)) {
    const symbol = key.toUpperCase();
    const earlier = first.get(symbol);
    if (earlier === undefined) {
      first.set(symbol, key);
      continue;
    }
    findings.push({
      path: ["venue", section, key],
      target: "key",
      message: `"${key}" and "${earlier}" are both symbol ${symbol} (symbols are not ` +
        "case-sensitive); keep one of them",
      severity: "error",
    });
  }
  return findings;
}

/** A warning for an IBKR venue whose port connects to a live, real-money session. */
function checkLivePort(venue: Record<string, unknown>): RuleFinding[] {
  if (typeof venue.port !== "number" || !LIVE_PORTS.has(venue.port)) return [];
  return [{
    path: ["venue", "port"],
    target: "value",
    message: `live-trading port ${venue.port} (TWS 7496, IB Gateway 4001 trade real money): ` +
      "runs need --live and IBKR_LIVE_ACK; the paper ports are 7497 and 4002",
    severity: "warning",
  }];
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
    for (const duplicate of checkDuplicateSymbolKeys(csv, "csv")) findings.push(duplicate);
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
  if (venue?.type === "ibkr") return checkLivePort(venue);
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
  if (overrides !== undefined) {
    for (const duplicate of checkDuplicateSymbolKeys(overrides, "symbols")) {
      findings.push(duplicate);
    }
  }
  if (overrides !== undefined && feed === "synthetic") {
    for (const unused of checkUnusedSymbolKeys(overrides, { section: "symbols", users })) {
      findings.push(unused);
    }
  }
  return findings;
}
