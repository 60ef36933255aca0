/**
 * Value types shared by every layer: bars, ticks, orders, fills, intents,
 * envelopes, account figures, clocks and decimals, and the parsing of the text
 * forms more than one layer reads (bar sizes, OHLCV CSV files and their
 * timestamps). Imports nothing of ours.
 *
 * @module
 */
export type { AccountSnapshot, NetPosition } from "./account.ts";
export type { Bar } from "./bar.ts";
export { BAR_SIZE_PATTERN, barSizeMs, barStart } from "./bar_size.ts";
export {
  type BarCsvContent,
  type BarCsvOptions,
  CsvFormatError,
  parseBarCsv,
  type SkippedRows,
  skippedRowsWarning,
} from "./bar_csv.ts";
export { CSV_TIMESTAMP_FORMS, parseCsvTimestamp } from "./csv_timestamp.ts";
export { type Clock, ManualClock, WallClock } from "./clock.ts";
export { Decimal, isDecimal, toDecimal, ZERO } from "./decimal.ts";
export {
  DECIMAL_PRECISION,
  decimalFromUnits,
  decimalToNumber,
  significantDigitsBound,
} from "./decimal_number.ts";
export type { PositionEnvelope } from "./envelope.ts";
export type { PriceCell, PriceCellSource } from "./price_cell.ts";
export type { Fill } from "./fill.ts";
export type { Denial, OrderIntent, OrderIntentType } from "./intent.ts";
export {
  type OpenOrder,
  type OrderAmendment,
  type OrderRequest,
  type OrderSide,
  type OrderState,
  type OrderStatusEvent,
  type OrderType,
  TERMINAL_ORDER_STATES,
  type TimeInForce,
} from "./order.ts";
export { isOnIncrement, passiveLimitPrice, usEquityTick } from "./price_increment.ts";
export type { Tick, TickKind } from "./tick.ts";
export type { VenueHealthEvent, VenueHealthKind } from "./health.ts";
export type { TelemetryEvent } from "./telemetry_event.ts";
