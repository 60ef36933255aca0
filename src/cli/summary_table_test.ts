import { equal as assertEqual } from "node:assert/strict";
import { toDecimal } from "../model/mod.ts";
import type { StrategySummaryRow } from "../portfolio/mod.ts";
import { formatSummaryTable } from "./summary_table.ts";

function row(
  id: string,
  quantity: number,
  realized: string,
  commissions: string,
): StrategySummaryRow {
  return {
    strategyId: id,
    trades: 3,
    orders: 2,
    positions: [
      { symbol: "AAPL", quantity: toDecimal(quantity), avgCost: toDecimal(100) },
      { symbol: "MSFT", quantity: toDecimal(0), avgCost: toDecimal(0) },
    ],
    realizedPnl: toDecimal(realized),
    unrealizedPnl: toDecimal("1.5"),
    commissions: toDecimal(commissions),
    netPnl: toDecimal(realized).plus("1.5").minus(commissions),
  };
}

Deno.test("the summary table lists each strategy's trades, open positions and PnL with a total line (half-even cents)", () => {
  const text = formatSummaryTable([
    row("aapl_fast", 100, "12.345", "3"),
    row("flat_one", 0, "-5", "1"),
  ]);
  assertEqual(
    text,
    [
      "strategy   trades  position  realized  unrealized  commissions    net",
      "---------  ------  --------  --------  ----------  -----------  -----",
      "aapl_fast       3  AAPL 100     12.34        1.50         3.00  10.84",
      "flat_one        3  flat         -5.00        1.50         1.00  -4.50",
      "---------  ------  --------  --------  ----------  -----------  -----",
      "total           6                7.34        3.00         4.00   6.34",
      "",
    ].join("\n"),
  );
});
