/**
 * Cross-field rules of a strategy graph: unique ids, duplicate symbols, and
 * sizes against the hard safety limits. The capital policy and venue rules are
 * in policy_rules.ts and venue_rules.ts; {@link checkGraphRules} runs them all.
 *
 * @module
 */
import type { Decimal } from "../model/decimal.ts";
import { asRecord, asString, rawStrategyNodes, type RuleFinding } from "./_raw.ts";
import { decimalSchema } from "./decimal_schema.ts";
import { rawField } from "./exact_numbers.ts";
import { integerSchema } from "./number_schema.ts";
import { checkPolicyRules } from "./policy_rules.ts";
import { formatPath, type PathSegment } from "./problems.ts";
import { type HardLimits, MAX_NOTIONAL_ENV, MAX_POSITION_ENV } from "./safety_limits.ts";
import { MONEY_RANGE, SHARES_RANGE } from "./value_ranges.ts";
import { checkVenueRules } from "./venue_rules.ts";

/**
 * Share counts and money as the schema reads them: the size rules compare
 * exactly these values (exact Decimals for money, from the YAML source text),
 * and skip values the schema rejects (it reports them).
 */
const SHARES = integerSchema(SHARES_RANGE);
const MONEY = decimalSchema(MONEY_RANGE);

/** A limit value and the words that say where it comes from. */
interface LimitInForce<T> {
  readonly value: T;
  readonly why: string;
}

interface LimitsInForce {
  readonly position: LimitInForce<number>;
  readonly notional: LimitInForce<Decimal>;
}

function hardWhy(source: string, variable: string): string {
  return source === variable ? `from ${variable}` : `code default; ${variable} overrides it`;
}

function checkUniqueIds(graph: Record<string, unknown>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const firstIndex = new Map<string, number>();
  for (const { index, node } of rawStrategyNodes(graph)) {
    const id = asString(node.id);
    if (id === undefined) continue;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      continue;
    }
    findings.push({
      path: ["strategies", index, "id"],
      target: "value",
      message: `duplicate strategy id "${id}" (also ${
        formatPath(["strategies", first, "id"])
      }); ids must be unique`,
      severity: "error",
    });
  }
  return findings;
}

function checkDuplicateSymbols(graph: Record<string, unknown>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { index, node } of rawStrategyNodes(graph)) {
    if (!Array.isArray(node.symbols)) continue;
    const firstIndex = new Map<string, number>();
    node.symbols.forEach((symbol: unknown, position: number) => {
      if (typeof symbol !== "string") return;
      const upper = symbol.toUpperCase();
      const first = firstIndex.get(upper);
      if (first === undefined) {
        firstIndex.set(upper, position);
        return;
      }
      findings.push({
        path: ["strategies", index, "symbols", position],
        target: "value",
        message: `symbol ${upper} is listed twice (also symbols[${first}]); the repeat is ignored`,
        severity: "warning",
      });
    });
  }
  return findings;
}

function aboveHardLimit(path: PathSegment[], text: string): RuleFinding {
  return {
    path,
    target: "value",
    message: `${text}; a graph may only tighten the hard limits`,
    severity: "error",
  };
}

/** Checks `limits:` against the hard limits and returns the limits in force. */
function checkGraphLimits(
  graph: Record<string, unknown>,
  hard: HardLimits,
): { readonly limits: LimitsInForce; readonly findings: RuleFinding[] } {
  const findings: RuleFinding[] = [];
  const limits = asRecord(graph.limits) ?? {};
  let position: LimitInForce<number> = {
    value: hard.maxPosition,
    why: hardWhy(hard.maxPositionSource, MAX_POSITION_ENV),
  };
  let notional: LimitInForce<Decimal> = {
    value: hard.maxNotional,
    why: hardWhy(hard.maxNotionalSource, MAX_NOTIONAL_ENV),
  };
  const graphPosition = rawField(limits, "max_position", SHARES);
  if (graphPosition !== undefined && graphPosition > position.value) {
    findings.push(aboveHardLimit(
      ["limits", "max_position"],
      `${graphPosition} exceeds the hard limit ${position.value} (${position.why})`,
    ));
  } else if (graphPosition !== undefined && graphPosition < position.value) {
    position = { value: graphPosition, why: "limits.max_position" };
  }
  const graphNotional = rawField(limits, "max_notional", MONEY);
  if (graphNotional?.gt(notional.value)) {
    findings.push(aboveHardLimit(
      ["limits", "max_notional"],
      `${graphNotional} exceeds the hard limit ${notional.value} (${notional.why})`,
    ));
  } else if (graphNotional?.lt(notional.value)) {
    notional = { value: graphNotional, why: "limits.max_notional" };
  }
  return { limits: { position, notional }, findings };
}

/** Where a share count and a notional sit, and the limits they must respect. */
interface SizeCheck {
  readonly path: PathSegment[];
  readonly shares: string;
  readonly money: string;
  readonly limits: LimitsInForce;
}

function checkSize(container: Record<string, unknown>, check: SizeCheck): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const { position, notional } = check.limits;
  const shares = rawField(container, check.shares, SHARES);
  if (shares !== undefined && shares > position.value) {
    findings.push({
      path: [...check.path, check.shares],
      target: "value",
      message: `${shares} exceeds the hard limit ${position.value} on shares (${position.why})`,
      severity: "error",
    });
  }
  const money = rawField(container, check.money, MONEY);
  if (money?.gt(notional.value)) {
    findings.push({
      path: [...check.path, check.money],
      target: "value",
      message: `${money} exceeds the hard limit ${notional.value} on notional (${notional.why})`,
      severity: "error",
    });
  }
  return findings;
}

/**
 * Runs every cross-field rule over raw graph data and returns the findings
 * (errors and warnings). Values of the wrong type are skipped: the schema
 * reports those.
 */
export function checkGraphRules(raw: unknown, hard: HardLimits): RuleFinding[] {
  const graph = asRecord(raw);
  if (graph === undefined) return [];
  const { limits, findings } = checkGraphLimits(graph, hard);
  const sizing = asRecord(graph.sizing);
  const risk = asRecord(graph.risk);
  const sizes = { shares: "max_position", money: "max_notional", limits };
  return [
    ...checkUniqueIds(graph),
    ...checkDuplicateSymbols(graph),
    ...findings,
    ...(sizing === undefined ? [] : checkSize(sizing, { ...sizes, path: ["sizing"] })),
    ...rawStrategyNodes(graph).flatMap(({ index, node }) =>
      checkSize(node, { ...sizes, path: ["strategies", index] })
    ),
    ...(risk === undefined ? [] : checkSize(risk, {
      path: ["risk"],
      shares: "max_order_size",
      money: "max_order_notional",
      limits,
    })),
    ...checkPolicyRules(graph),
    ...checkVenueRules(graph),
  ];
}
