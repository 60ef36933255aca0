/**
 * Telemetry: the emitter and the append-only JSONL writer.
 *
 * @module
 */
export { formatTelemetryLine, WALL_CLOCK_FIELDS } from "./jsonl_format.ts";
export {
  JsonlTelemetryWriter,
  type JsonlTelemetryWriterOptions,
  type LineSink,
} from "./jsonl_writer.ts";
export { Telemetry } from "./telemetry.ts";
