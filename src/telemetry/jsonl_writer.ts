/**
 * The append-only JSONL telemetry log.
 *
 * @module
 */
import type { TradingBus } from "../bus/mod.ts";
import type { TelemetryEvent } from "../model/mod.ts";
import { formatTelemetryLine } from "./jsonl_format.ts";

/** Where the writer puts bytes; a file in production, memory in tests. */
export interface LineSink {
  /** Writes all of `bytes` synchronously. */
  writeSync(bytes: Uint8Array): void;
  /** Releases the sink. */
  close(): void;
}

/** Options for {@link JsonlTelemetryWriter}. */
export interface JsonlTelemetryWriterOptions {
  /** Wall clock for the `wall` field; defaults to `Date.now`. */
  readonly wallClock?: () => number;
  /** Buffered bytes that trigger a synchronous flush; default 64 KiB. */
  readonly flushBytes?: number;
  /** Wall-time interval of background flushes in ms; default 1000, 0 disables the timer. */
  readonly flushIntervalMs?: number;
}

/**
 * Subscribes to the bus topic `telemetry` and appends one JSON line per event.
 *
 * Lines are buffered and written synchronously when the buffer passes
 * `flushBytes`, every `flushIntervalMs` of wall time, and on `flush()` /
 * `close()`: a normal stop, a strategy failure and a signal all end in
 * `close()`, so no line is lost. The file is opened in append mode and never
 * truncated or rewritten.
 */
export class JsonlTelemetryWriter {
  #sink: LineSink;
  #encoder = new TextEncoder();
  // One growing string (V8 concatenates without copying until the flush encodes it).
  #pending = "";
  #flushChars: number;
  #wallClock: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: () => void;
  #lines = 0;
  #closed = false;

  /** Starts writing the events of `bus` to `sink`. */
  constructor(bus: TradingBus, sink: LineSink, options: JsonlTelemetryWriterOptions = {}) {
    this.#sink = sink;
    this.#wallClock = options.wallClock ?? Date.now;
    this.#flushChars = options.flushBytes ?? 64 * 1024;
    this.#unsubscribe = bus.subscribe("telemetry", (event) => this.write(event));
    const interval = options.flushIntervalMs ?? 1000;
    if (interval > 0) {
      const timer = setInterval(() => this.flush(), interval);
      Deno.unrefTimer(timer);
      this.#timer = timer;
    }
  }

  /**
   * Opens (creating if needed, never truncating) the JSONL file at `path`,
   * creating its parent folder only when it is missing (a job may be granted
   * the log file alone), and starts writing `bus`'s telemetry to it.
   */
  static async open(
    bus: TradingBus,
    path: string,
    options: JsonlTelemetryWriterOptions = {},
  ): Promise<JsonlTelemetryWriter> {
    const file = await openForAppend(path);
    return new JsonlTelemetryWriter(bus, fileSink(file), options);
  }

  /** Number of lines written or buffered so far. */
  get lineCount(): number {
    return this.#lines;
  }

  /** Buffers one event as a line. */
  write(event: TelemetryEvent): void {
    if (this.#closed) return;
    this.#pending += formatTelemetryLine(event, this.#wallClock()) + "\n";
    this.#lines++;
    if (this.#pending.length >= this.#flushChars) this.flush();
  }

  /** Writes every buffered line to the sink. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending;
    this.#pending = "";
    this.#sink.writeSync(this.#encoder.encode(text));
  }

  /** Flushes, stops listening and closes the sink; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    this.#unsubscribe();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#sink.close();
  }
}

/** A sink over an open file that loops until every byte is written. */
function fileSink(file: Deno.FsFile): LineSink {
  return {
    writeSync(bytes: Uint8Array): void {
      let offset = 0;
      while (offset < bytes.length) offset += file.writeSync(bytes.subarray(offset));
    },
    close(): void {
      file.close();
    },
  };
}

async function openForAppend(path: string): Promise<Deno.FsFile> {
  const flags = { append: true, create: true };
  try {
    return await Deno.open(path, flags);
  } catch (error) {
    const slash = path.lastIndexOf("/");
    if (!(error instanceof Deno.errors.NotFound) || slash <= 0) throw error;
    await Deno.mkdir(path.slice(0, slash), { recursive: true });
    return await Deno.open(path, flags);
  }
}
