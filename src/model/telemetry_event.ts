/**
 * The shape of one telemetry event before it is written as a JSONL line.
 *
 * @module
 */

/**
 * One observable fact. `event` names it (e.g. `coordinator.intent_received`),
 * `ts` is market time in epoch ms (the writer renders it as ISO 8601 and adds
 * the wall-clock time as `wall`), `strategy_id` is present when the fact
 * concerns one strategy. Other fields are event-specific and JSON-serialisable
 * (Decimals are written as strings).
 */
export interface TelemetryEvent {
  /** Event name, dotted lower-case. */
  readonly event: string;
  /** Market time, epoch ms. */
  readonly ts: number;
  /** Strategy concerned, when one is. */
  readonly strategy_id?: string;
  /** Event-specific fields. */
  readonly [field: string]: unknown;
}
