/**
 * The per-strategy summary table printed at the end of a run.
 *
 * @module
 */
import type { StrategySummaryRow } from "../portfolio/mod.ts";
import { type Decimal, ZERO } from "../model/mod.ts";

const HEADERS = ["strategy", "trades", "position", "realized", "unrealized", "commissions", "net"];
const RIGHT_ALIGNED = new Set([1, 3, 4, 5, 6]);

function money(value: Decimal): string {
  return value.toFixed(2);
}

function positions(row: StrategySummaryRow): string {
  const open = row.positions.filter((p) => !p.quantity.isZero());
  if (open.length === 0) return "flat";
  return open.map((p) => `${p.symbol} ${p.quantity.toString()}`).join(", ");
}

/**
 * Renders the summary rows as an aligned text table with a total line:
 * trades, open positions, realized and unrealized PnL, commissions and net
 * PnL per strategy, money with two decimals.
 *
 * @example
 * ```ts
 * console.log(formatSummaryTable(result.summaries));
 * ```
 */
export function formatSummaryTable(rows: readonly StrategySummaryRow[]): string {
  const body = rows.map((row) => [
    row.strategyId,
    String(row.trades),
    positions(row),
    money(row.realizedPnl),
    money(row.unrealizedPnl),
    money(row.commissions),
    money(row.netPnl),
  ]);
  const sum = (pick: (row: StrategySummaryRow) => Decimal) =>
    money(rows.reduce((total, row) => total.plus(pick(row)), ZERO));
  const total = [
    "total",
    String(rows.reduce((n, row) => n + row.trades, 0)),
    "",
    sum((r) => r.realizedPnl),
    sum((r) => r.unrealizedPnl),
    sum((r) => r.commissions),
    sum((r) => r.netPnl),
  ];
  const table = [HEADERS, ...body, total];
  const widths = HEADERS.map((_, column) =>
    table.reduce((widest, line) => Math.max(widest, line[column]!.length), 0)
  );
  const render = (line: readonly string[]) =>
    line.map((cell, column) =>
      RIGHT_ALIGNED.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)
    ).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [render(HEADERS), rule, ...body.map(render), rule, render(total)].join("\n") + "\n";
}
